// A term's postings as the ranker reads them: block metadata in typed arrays, the delta's rows,
// and decoded blocks, kept between searches while the index is unchanged. Without this every
// search re-read each term's block list from SQLite (thousands of rows for a common word, one
// query per term of a prefix expansion) and decoded the same blocks again; a clerk refining a
// query asks for the same terms many times. The cache is keyed on the index's generation
// (store.ts bumps it in the transaction of every write of blocks or delta), so another
// process's writes are seen at the next search. Memory is bounded: least recently used terms go
// first once DECODED_BUDGET bytes of decoded postings or TERM_BUDGET terms are held.
import type { Db } from '../../db/connection.ts';
import { decodePostings, indexGeneration, postingReaders, stateValue } from './store.ts';

export interface Decoded {
  uids: Float64Array;
  tfs: Uint32Array;
}

export interface TermPostings {
  id: number;
  /** Postings in blocks plus the delta's (dead units included, as Lucene counts deleted docs). */
  df: number;
  first: Float64Array;
  last: Float64Array;
  count: Uint16Array;
  bound: Float64Array;
  deltaUids: Float64Array;
  deltaTfs: Uint32Array;
  /** The ranker's per-window bounds of this term by window size (a shift), for this generation. */
  windowBounds: Map<number, Float64Array>;
  /** Decoded blocks by block index. */
  block(db: Db, i: number): Decoded;
}

const DECODED_BUDGET = 48 * 1024 * 1024;
const TERM_BUDGET = 20_000;

class TermCache {
  readonly key: string;
  readonly #terms = new Map<number, CachedTerm>();
  #bytes = 0;

  constructor(key: string) {
    this.key = key;
  }

  get(db: Db, id: number): TermPostings {
    let t = this.#terms.get(id);
    if (t) {
      // most recently used last
      this.#terms.delete(id);
      this.#terms.set(id, t);
      return t;
    }
    t = new CachedTerm(db, id, (bytes) => this.#charge(bytes));
    this.#terms.set(id, t);
    this.#charge(t.metaBytes);
    return t;
  }

  #charge(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes <= DECODED_BUDGET && this.#terms.size <= TERM_BUDGET) return;
    for (const [id, t] of this.#terms) {
      if (this.#bytes <= DECODED_BUDGET * 0.75 && this.#terms.size <= TERM_BUDGET * 0.75) break;
      this.#terms.delete(id);
      this.#bytes -= t.metaBytes + t.decodedBytes;
    }
  }
}

class CachedTerm implements TermPostings {
  readonly id: number;
  readonly df: number;
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly count: Uint16Array;
  readonly bound: Float64Array;
  readonly deltaUids: Float64Array;
  readonly deltaTfs: Uint32Array;
  readonly windowBounds = new Map<number, Float64Array>();
  readonly metaBytes: number;
  decodedBytes = 0;
  readonly #decoded: (Decoded | undefined)[];
  readonly #charge: (bytes: number) => void;

  constructor(db: Db, id: number, charge: (bytes: number) => void) {
    this.id = id;
    this.#charge = charge;
    const { blockMeta, deltaRows } = postingReaders(db);
    const rows = blockMeta.all(id) as [number, number, number, number][];
    this.first = new Float64Array(rows.length);
    this.last = new Float64Array(rows.length);
    this.count = new Uint16Array(rows.length);
    this.bound = new Float64Array(rows.length);
    let df = 0;
    rows.forEach(([first, last, n, bound], i) => {
      this.first[i] = first;
      this.last[i] = last;
      this.count[i] = n;
      this.bound[i] = bound;
      df += n;
    });
    const delta = deltaRows.all(id) as [number, number][];
    this.deltaUids = new Float64Array(delta.length);
    this.deltaTfs = new Uint32Array(delta.length);
    delta.forEach(([uid, tf], i) => {
      this.deltaUids[i] = uid;
      this.deltaTfs[i] = tf;
    });
    this.df = df + delta.length;
    this.#decoded = new Array(rows.length);
    this.metaBytes = rows.length * 22 + delta.length * 12 + 200;
  }

  block(db: Db, i: number): Decoded {
    let d = this.#decoded[i];
    if (!d) {
      d = decodePostings(postingReaders(db).blockData.get(this.id, this.last[i]!) as Buffer, this.count[i]!, this.first[i]!);
      this.#decoded[i] = d;
      this.decodedBytes += d.uids.byteLength + d.tfs.byteLength;
      this.#charge(d.uids.byteLength + d.tfs.byteLength);
    }
    return d;
  }
}

const caches = new WeakMap<Db, TermCache>();

/** The connection's cache of term postings for the index as it is now. */
export function termPostings(db: Db, lastUid: number): (id: number) => TermPostings {
  const key = `${stateValue(db, 'epoch')}:${indexGeneration(db)}:${lastUid}`;
  let cache = caches.get(db);
  if (!cache || cache.key !== key) caches.set(db, (cache = new TermCache(key)));
  const c = cache;
  return (id) => c.get(db, id);
}
