// The ranked-search index's tables: the vocabulary, postings in blocks with each block's best
// score, the postings of small writes not yet in blocks (the delta), the units (one per row of
// the FTS5 table: a record's metadata or one document page), the change logs readers catch up
// from, and search_pending, the FTS5 rows written since the index last caught up.
// Owns search_terms, search_blocks, search_delta, search_units, search_dead, search_changes,
// search_state and search_pending. A writer of an FTS5 row only notes it (one insert, in its own
// transaction); `applyPending` indexes the noted rows in batches — before a search, after an
// import — and a bulk load is indexed by one rebuild from FTS5, the source of truth for text. A
// crash loses nothing: a note commits or rolls back with the row it names. It must never decide
// what a user may see: that is the engine's (rank.ts, search.ts). The engine's reads of these
// tables (reader.ts's snapshot, rank.ts's postings, suggest.ts's vocabulary) are functions here too.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/connection.ts';
import { sql } from '../../db/statements.ts';
import { RECORDS } from '../../archive/queries.ts';
import { TermCounter, termCounts } from './text.ts';

/** BM25 constants, as FTS5 and Lucene use them. */
export const K1 = 1.2;
export const B = 0.75;
/** Postings per block: small enough that a block's best score is a tight bound. */
export const BLOCK = 128;

export function tfNorm(tf: number, len: number, avgdl: number): number {
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avgdl));
}

// ── varints ────────────────────────────────────────────────────────────────────────────────

export function encodePostings(uids: ArrayLike<number>, tfs: ArrayLike<number>, from: number, to: number, base: number): Buffer {
  const out = Buffer.allocUnsafe((to - from) * 10);
  let at = 0;
  let prev = base;
  const put = (v: number) => {
    while (v >= 0x80) {
      out[at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    out[at++] = v;
  };
  for (let i = from; i < to; i++) {
    put(uids[i]! - prev);
    put(tfs[i]!);
    prev = uids[i]!;
  }
  return out.subarray(0, at);
}

/** Decodes a block into uids and tfs (the first uid is relative to first_uid). */
export function decodePostings(data: Uint8Array, n: number, firstUid: number): { uids: Float64Array; tfs: Uint32Array } {
  const uids = new Float64Array(n);
  const tfs = new Uint32Array(n);
  let at = 0;
  let prev = firstUid;
  const get = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const byte = data[at++]!;
      v += (byte & 0x7f) * mul;
      if (byte < 0x80) return v;
      mul *= 0x80;
    }
  };
  for (let i = 0; i < n; i++) {
    prev += get();
    uids[i] = prev;
    tfs[i] = get();
  }
  return { uids, tfs };
}

// ── state ──────────────────────────────────────────────────────────────────

export function stateValue(db: Db, key: string): number {
  return (sql(db, 'SELECT value FROM search_state WHERE key = ?').pluck().get(key) as number | undefined) ?? 0;
}

function setState(db: Db, key: string, value: number): void {
  sql(db, 'INSERT INTO search_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** FNV-1a over the text's UTF-16 units: tells a row written again with the same text. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ── writes: noting FTS5 rows for the engine ────────────────────────────────────────────────

/** The FTS5 row `ftsRowid` was written or deleted (call beside that write, inside its
 *  transaction). One indexed insert: the row's words are read and indexed later, in batches. */
export function noteRow(db: Db, ftsRowid: number): void {
  sql(db, 'INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (?)').run(ftsRowid);
}

/** The FTS5 rows from..to were deleted: every unit in that range is noted, to be removed. */
export function noteRowsRemoved(db: Db, fromRowid: number, toRowid: number): void {
  sql(db, 'INSERT OR IGNORE INTO search_pending (fts_rowid) SELECT fts_rowid FROM search_units WHERE fts_rowid BETWEEN ? AND ?').run(fromRowid, toRowid);
}

// ── postings on their way to blocks ────────────────────────────────────────────────────────

/** Postings gathered in uid order and grouped by term when written, in typed arrays: a bulk load
 *  holds millions, and a list per term costs many times their size and GC time. */
class PostingBuffer {
  #term = new Int32Array(1 << 16);
  #uid = new Int32Array(1 << 16);
  #tf = new Uint16Array(1 << 16);
  n = 0;

  add(term: number, uid: number, tf: number): void {
    if (this.n === this.#term.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.#term = grow(this.#term);
      this.#uid = grow(this.#uid);
      this.#tf = grow(this.#tf);
    }
    this.#term[this.n] = term;
    this.#uid[this.n] = uid;
    this.#tf[this.n] = Math.min(tf, 0xffff);
    this.n++;
  }

  /** Calls `each` per term 0..terms-1 that has postings, with them in uid order (a stable
   *  counting sort), then empties the buffer. */
  drain(terms: number, each: (term: number, uids: Int32Array, tfs: Uint16Array, from: number, to: number) => void): void {
    const start = new Int32Array(terms + 1);
    for (let i = 0; i < this.n; i++) start[this.#term[i]! + 1]!++;
    for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
    const at = start.slice(0, terms);
    const uids = new Int32Array(this.n);
    const tfs = new Uint16Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const p = at[this.#term[i]!]!++;
      uids[p] = this.#uid[i]!;
      tfs[p] = this.#tf[i]!;
    }
    this.n = 0;
    for (let t = 0; t < terms; t++) if (start[t + 1]! > start[t]!) each(t, uids, tfs, start[t]!, start[t + 1]!);
  }

  /** Every posting in insertion order, then empties the buffer. */
  each(fn: (term: number, uid: number, tf: number) => void): void {
    for (let i = 0; i < this.n; i++) fn(this.#term[i]!, this.#uid[i]!, this.#tf[i]!);
    this.n = 0;
  }
}

/** Writes postings from..to of one term as blocks of BLOCK, each with its best score. */
function writeBlocks(
  insert: Statement<unknown[]>,
  termIdValue: number,
  uids: ArrayLike<number>,
  tfs: ArrayLike<number>,
  from: number,
  to: number,
  lenOf: (uid: number) => number,
  avgdl: number,
): void {
  for (let a = from; a < to; a += BLOCK) {
    const b = Math.min(to, a + BLOCK);
    let bound = 0;
    for (let i = a; i < b; i++) bound = Math.max(bound, tfNorm(tfs[i]!, lenOf(uids[i]!), avgdl));
    insert.run(termIdValue, uids[b - 1]!, uids[a]!, b - a, bound, encodePostings(uids, tfs, a, b, uids[a]!));
  }
}

// ── applying the noted rows ────────────────────────────────────────────────────────────────

const counters = new WeakMap<Db, { epoch: number; counter: TermCounter; maxId: { value: number } }>();

/** The connection's term counter, numbering keys by their search_terms id (made when new);
 *  dropped when a rebuild renumbers the terms. */
function counterOf(db: Db): { counter: TermCounter; maxId: { value: number } } {
  const epoch = stateValue(db, 'epoch');
  let c = counters.get(db);
  if (!c || c.epoch !== epoch) {
    const maxId = { value: 0 };
    const find = sql(db, 'SELECT id FROM search_terms WHERE term = ?').pluck();
    const insert = sql(db, 'INSERT INTO search_terms (term) VALUES (?)');
    const counter = new TermCounter((term) => {
      const id = (find.get(term) as number | undefined) ?? Number(insert.run(term).lastInsertRowid);
      if (id > maxId.value) maxId.value = id;
      return id;
    });
    counters.set(db, (c = { epoch, counter, maxId }));
  }
  return c;
}

/** Rows noted per transaction: large enough that a term's postings fill blocks, small enough
 *  that the writer lock is held for a fraction of a second. */
const BATCH = 4000;
/** A batch with fewer units goes to the delta (an edit); more are written as blocks directly. */
const SMALL_BATCH = 64;
/** More rows than this noted, and more than the index holds: one rebuild is cheaper than batches. */
const REBUILD_PENDING = 20_000;

/** The uid the next unit gets: above every uid ever given (sqlite_sequence keeps the highest,
 *  even of units since removed), so a uid is never reused. */
function nextUid(db: Db): number {
  return ((sql(db, "SELECT seq FROM sqlite_sequence WHERE name = 'search_units'").pluck().get() as number | undefined) ?? 0) + 1;
}

function killUnit(db: Db, uid: number): void {
  sql(db, 'INSERT INTO search_dead (uid) VALUES (?)').run(uid);
  sql(db, 'DELETE FROM search_units WHERE uid = ?').run(uid);
}

/** Applies up to BATCH noted rows in the caller's transaction; returns how many it took. */
function applyBatch(db: Db): { rows: number; units: number } {
  const rowids = sql(db, 'SELECT fts_rowid FROM search_pending ORDER BY fts_rowid LIMIT ?').pluck().all(BATCH) as number[];
  if (rowids.length === 0) return { rows: 0, units: 0 };
  const unitOf = sql(db, 'SELECT uid, record_id AS recordId, hash FROM search_units WHERE fts_rowid = ?');
  const rowOf = sql(db, 'SELECT record_id AS recordId, body FROM search_index WHERE rowid = ?');
  const insertUnit = sql(db, 'INSERT INTO search_units (uid, fts_rowid, record_id, len, hash) VALUES (?, ?, ?, ?, ?)');
  const { counter, maxId } = counterOf(db);
  const lens = new Map<number, number>();
  const buffer = new PostingBuffer();
  let units = 0;
  let lenSum = 0;
  let next = nextUid(db);
  for (const rowid of rowids) {
    const had = unitOf.get(rowid) as { uid: number; recordId: number; hash: number } | undefined;
    const row = rowOf.get(rowid) as { recordId: number; body: string | null } | undefined;
    const body = row?.body ?? '';
    const hash = textHash(body);
    if (had && row && had.hash === hash && had.recordId === row.recordId) continue; // same text again
    if (had) killUnit(db, had.uid);
    if (!row) continue;
    // The unit row is written once its length is known; its uid is the next one (AUTOINCREMENT).
    const uid = next;
    const length = counter.count(body, (id, tf) => buffer.add(id, uid, tf));
    if (length === 0) continue;
    next++;
    insertUnit.run(uid, rowid, row.recordId, length, hash);
    lens.set(uid, length);
    units++;
    lenSum += length;
  }
  sql(db, 'DELETE FROM search_pending WHERE fts_rowid <= ?').run(rowids.at(-1)!);
  if (units === 0) return { rows: rowids.length, units };
  bumpGeneration(db);
  let avgdl = stateValue(db, 'avgdl');
  if (avgdl <= 0) setState(db, 'avgdl', (avgdl = Math.max(1, lenSum / units)));
  if (units < SMALL_BATCH) {
    const insert = sql(db, 'INSERT INTO search_delta (term_id, uid, tf) VALUES (?, ?, ?)');
    buffer.each((tid, uid, tf) => insert.run(tid, uid, tf));
    return { rows: rowids.length, units };
  }
  // Straight into blocks. A term's delta rows (older, lower uids) go first, so its postings stay
  // in uid order across blocks and delta.
  const hasDelta = sql(db, 'SELECT 1 FROM search_delta LIMIT 1').get() !== undefined;
  const deltaOf = sql(db, 'SELECT d.uid AS uid, d.tf AS tf, coalesce(u.len, 1) AS len FROM search_delta d LEFT JOIN search_units u ON u.uid = d.uid WHERE d.term_id = ? ORDER BY d.uid');
  const clearDelta = sql(db, 'DELETE FROM search_delta WHERE term_id = ?');
  const insertBlock = sql(db, 'INSERT INTO search_blocks (term_id, last_uid, first_uid, n, bound, data) VALUES (?, ?, ?, ?, ?, ?)');
  const df = sql(db, 'UPDATE search_terms SET df = df + ? WHERE id = ?');
  const lenOf = (uid: number) => lens.get(uid) ?? 1;
  buffer.drain(maxId.value + 1, (tid, uids, tfs, from, to) => {
    const old = hasDelta ? (deltaOf.all(tid) as { uid: number; tf: number; len: number }[]) : [];
    if (old.length > 0) {
      clearDelta.run(tid);
      for (const r of old) lens.set(r.uid, r.len);
      const all = [...old.map((r) => r.uid), ...uids.subarray(from, to)];
      writeBlocks(insertBlock, tid, all, [...old.map((r) => r.tf), ...tfs.subarray(from, to)], 0, all.length, lenOf, avgdl);
      df.run(all.length, tid);
      return;
    }
    writeBlocks(insertBlock, tid, uids, tfs, from, to, lenOf, avgdl);
    df.run(to - from, tid);
  });
  return { rows: rowids.length, units };
}

/** Rows noted and not yet applied. */
export function pendingRows(db: Db): number {
  return sql(db, 'SELECT count(*) FROM search_pending').pluck().get() as number;
}

/**
 * Makes the index answer for what the database holds now: rebuilds it when asked to (a new or
 * migrated archive) or when more rows are noted than it holds (a bulk load), else applies the
 * noted rows in batches, one transaction each. Called before every search, after an import and
 * when the indexer's queue empties; cheap when nothing is pending. With `budgetMs` it stops
 * between batches once the time is spent (the rest waits for the next call).
 */
export function applyPending(db: Db, options: { budgetMs?: number } = {}): { rows: number; remaining: number; rebuilt: boolean } {
  if (db.readonly) return { rows: 0, remaining: 0, rebuilt: false };
  if (sql(db, 'SELECT 1 FROM search_pending LIMIT 1').get() === undefined && stateValue(db, 'rebuild') === 0) return { rows: 0, remaining: 0, rebuilt: false };
  const begun = performance.now();
  const waiting = pendingRows(db);
  if (stateValue(db, 'rebuild') !== 0 || (waiting > REBUILD_PENDING && waiting > (sql(db, 'SELECT count(*) FROM search_units').pluck().get() as number))) {
    rebuildIndex(db);
    return { rows: waiting, remaining: 0, rebuilt: true };
  }
  let rows = 0;
  let units = 0;
  for (;;) {
    const done = db.transaction(() => applyBatch(db))();
    rows += done.rows;
    units += done.units;
    if (done.rows === 0) break;
    if (options.budgetMs !== undefined && performance.now() - begun > options.budgetMs) break;
  }
  // Blocks keep the length norm they were scored with; if the archive's texts have drifted far
  // from it (an archive filled with short metadata first, long pages later), scores would drift
  // from BM25, so the index is rebuilt with the norm measured again.
  if (units >= 1000) {
    const { n, avg } = sql(db, 'SELECT count(*) AS n, avg(len) AS avg FROM search_units').get() as { n: number; avg: number | null };
    const avgdl = stateValue(db, 'avgdl');
    if (n >= 1000 && avg !== null && avgdl > 0 && (avg / avgdl > 1.5 || avgdl / avg > 1.5)) {
      rebuildIndex(db);
      return { rows, remaining: 0, rebuilt: true };
    }
  }
  return { rows, remaining: rows === 0 ? 0 : pendingRows(db), rebuilt: false };
}

/** Before a search or a check: every noted row applied. */
export function prepareIndex(db: Db): void {
  applyPending(db);
}

// ── moving the delta into blocks ───────────────────────────────────────────────────────────

/** Rows in the delta: what a search reads without block bounds. */
export function deltaSize(db: Db): number {
  return sql(db, 'SELECT count(*) FROM search_delta').pluck().get() as number;
}

/** Moves fresh postings into blocks, many terms per transaction but never one long hold on the
 *  writer. Cost grows with the delta, not with the index. */
export function flushDelta(db: Db, options: { maxTerms?: number; budgetMs?: number } = {}): { terms: number; postings: number; remaining: number } {
  const begun = performance.now();
  prepareIndex(db);
  const avgdl = stateValue(db, 'avgdl') || 1;
  const terms = db.prepare('SELECT DISTINCT term_id FROM search_delta').pluck().all() as number[];
  const rowsOf = sql(db, 'SELECT d.uid AS uid, d.tf AS tf, coalesce(u.len, 1) AS len FROM search_delta d LEFT JOIN search_units u ON u.uid = d.uid WHERE d.term_id = ? ORDER BY d.uid');
  const insert = sql(db, 'INSERT INTO search_blocks (term_id, last_uid, first_uid, n, bound, data) VALUES (?, ?, ?, ?, ?, ?)');
  const clear = sql(db, 'DELETE FROM search_delta WHERE term_id = ?');
  const df = sql(db, 'UPDATE search_terms SET df = df + ? WHERE id = ?');
  let postings = 0;
  let done = 0;
  const limit = Math.min(options.maxTerms ?? terms.length, terms.length);
  while (done < limit) {
    if (options.budgetMs !== undefined && performance.now() - begun > options.budgetMs) break;
    const started = performance.now();
    db.transaction(() => {
      bumpGeneration(db);
      while (done < limit && performance.now() - started < 200) {
        const termIdValue = terms[done]!;
        const rows = rowsOf.all(termIdValue) as { uid: number; tf: number; len: number }[];
        const lens = new Map(rows.map((r) => [r.uid, r.len]));
        writeBlocks(insert, termIdValue, rows.map((r) => r.uid), rows.map((r) => r.tf), 0, rows.length, (uid) => lens.get(uid) ?? 1, avgdl);
        clear.run(termIdValue);
        df.run(rows.length, termIdValue);
        postings += rows.length;
        done++;
      }
    })();
  }
  return { terms: done, postings, remaining: terms.length - done };
}

// ── rebuilding from FTS5 ───────────────────────────────────────────────────────────────────

/** Units whose postings are held before they are written as blocks (≈ 10 bytes a posting). */
const UNITS_PER_CHUNK = 50_000;
/** Where document pages start in the FTS5 row ids (search.ts pageRowid): metadata rows are below. */
const PAGE_ROWIDS = 2 ** 40;

/** The mean length of the FTS5 rows, from a sample of metadata rows and one of pages weighed by
 *  how many of each there are (row-id order puts all metadata rows first). */
function sampleAvgdl(db: Db): number {
  const sample = (where: string) => {
    let len = 0;
    let n = 0;
    for (const body of db.prepare(`SELECT body FROM search_index WHERE ${where} LIMIT 1000`).pluck().all(PAGE_ROWIDS) as (string | null)[]) {
      len += termCounts(body ?? '').length;
      n++;
    }
    return n > 0 ? len / n : 0;
  };
  const count = (where: string) => db.prepare(`SELECT count(*) FROM search_index_docsize WHERE ${where}`).pluck().get(PAGE_ROWIDS) as number;
  const meta = { mean: sample('rowid < ?'), n: count('id < ?') };
  const pages = { mean: sample('rowid >= ?'), n: count('id >= ?') };
  const avg = (meta.mean * meta.n + pages.mean * pages.n) / Math.max(1, meta.n + pages.n);
  return avg > 0 ? avg : 1;
}

/** Rebuilds the whole index from the FTS5 table in one transaction (readers see the old index
 *  until it commits, then reload): a new or migrated archive, a bulk load, `berkas reindex`,
 *  `verify --repair`. */
export function rebuildIndex(db: Db, onProgress?: (units: number) => void): { units: number; terms: number; postings: number } {
  return db.transaction(() => {
    db.exec('DELETE FROM search_blocks; DELETE FROM search_delta; DELETE FROM search_units; DELETE FROM search_dead; DELETE FROM search_terms; DELETE FROM search_changes; DELETE FROM search_pending');
    db.exec("DELETE FROM sqlite_sequence WHERE name = 'search_units'");
    const avgdl = sampleAvgdl(db);
    const insertUnit = db.prepare('INSERT INTO search_units (uid, fts_rowid, record_id, len, hash) VALUES (?, ?, ?, ?, ?)');
    const insertTerm = db.prepare('INSERT INTO search_terms (id, term, df) VALUES (?, ?, ?)');
    const updateDf = db.prepare('UPDATE search_terms SET df = df + ? WHERE id = ?');
    const insertBlock = db.prepare('INSERT INTO search_blocks (term_id, last_uid, first_uid, n, bound, data) VALUES (?, ?, ?, ?, ?, ?)');
    // Asked once per distinct word (and for a stem shared by several words, once per word).
    const ids = new Map<string, number>();
    const counter = new TermCounter((term) => {
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = ids.size + 1));
        insertTerm.run(id, term, 0);
      }
      return id;
    });
    let uid = 0;
    let postings = 0;
    let lens = new Uint32Array(1 << 16);
    const buffer = new PostingBuffer();
    let inChunk = 0;
    const lenOf = (u: number) => lens[u]!;
    const flush = () => {
      postings += buffer.n;
      buffer.drain(ids.size + 1, (tid, uids, tfs, from, to) => {
        writeBlocks(insertBlock, tid, uids, tfs, from, to, lenOf, avgdl);
        updateDf.run(to - from, tid);
      });
      inChunk = 0;
      onProgress?.(uid);
    };
    // Read in pages: a connection cannot write while a statement of it is still being iterated.
    const pageOf = db.prepare('SELECT rowid AS rowid, record_id AS recordId, body FROM search_index WHERE rowid > ? ORDER BY rowid LIMIT 2000');
    let after = -1;
    for (;;) {
      const rows = pageOf.all(after) as { rowid: number; recordId: number; body: string | null }[];
      if (rows.length === 0) break;
      after = rows.at(-1)!.rowid;
      for (const row of rows) {
        const body = row.body ?? '';
        const at = uid + 1;
        const length = counter.count(body, (tid, tf) => buffer.add(tid, at, tf));
        if (length === 0) continue;
        uid = at;
        insertUnit.run(uid, row.rowid, row.recordId, length, textHash(body));
        if (uid >= lens.length) {
          const grown = new Uint32Array(lens.length * 2);
          grown.set(lens);
          lens = grown;
        }
        lens[uid] = length;
        if (++inChunk >= UNITS_PER_CHUNK) flush();
      }
    }
    flush();
    setState(db, 'avgdl', avgdl);
    setState(db, 'epoch', stateValue(db, 'epoch') + 1);
    setState(db, 'rebuild', 0);
    bumpGeneration(db);
    return { units: uid, terms: ids.size, postings };
  })();
}

// ── checking against FTS5 ──────────────────────────────────────────────────────────────────

export interface IndexCheck {
  ok: boolean;
  ftsRows: number;
  units: number;
  /** FTS5 rows with words but no unit, units without their FTS5 row, units whose text changed. */
  problems: string[];
}

/** Proves the index mirrors FTS5: one live unit per FTS5 row with words, none for rows gone, and
 *  a sample of units re-tokenized to the same length and record. `verify` calls it. */
export function checkIndex(db: Db, sample = 200): IndexCheck {
  prepareIndex(db);
  const problems: string[] = [];
  const fts = db.prepare('SELECT rowid FROM search_index').pluck().all() as number[];
  const units = new Map((db.prepare('SELECT fts_rowid, uid FROM search_units').raw().all() as [number, number][]).map(([r, u]) => [r, u]));
  const body = db.prepare('SELECT record_id AS recordId, body FROM search_index WHERE rowid = ?');
  const ftsSet = new Set(fts);
  let missing = 0;
  for (const rowid of fts) {
    if (units.has(rowid)) continue;
    const row = body.get(rowid) as { body: string | null };
    if (termCounts(row.body ?? '').length > 0 && ++missing <= 5) problems.push(`search row ${rowid} has no unit in the ranked index`);
  }
  if (missing > 5) problems.push(`… ${missing} rows without a unit in all`);
  let orphans = 0;
  for (const rowid of units.keys()) if (!ftsSet.has(rowid) && ++orphans <= 5) problems.push(`unit for search row ${rowid}, which no longer exists`);
  const unitRow = db.prepare('SELECT fts_rowid AS rowid, record_id AS recordId, len FROM search_units WHERE uid = ?');
  const uids = [...units.values()];
  for (let i = 0; i < Math.min(sample, uids.length); i++) {
    const u = unitRow.get(uids[Math.floor((i * uids.length) / Math.min(sample, uids.length))]!) as { rowid: number; recordId: number; len: number };
    const row = body.get(u.rowid) as { recordId: number; body: string | null } | undefined;
    if (!row) continue;
    if (row.recordId !== u.recordId || termCounts(row.body ?? '').length !== u.len) problems.push(`unit for search row ${u.rowid} does not match its text`);
  }
  return { ok: problems.length === 0, ftsRows: fts.length, units: units.size, problems };
}

// ── the engine's reads (reader.ts, rank.ts, suggest.ts) ───────────────────────────────────────

export function termDf(db: Db, termId: number): number {
  const built = (db.prepare('SELECT df FROM search_terms WHERE id = ?').pluck().get(termId) as number | undefined) ?? 0;
  const fresh = db.prepare('SELECT count(*) FROM search_delta WHERE term_id = ?').pluck().get(termId) as number;
  return built + fresh;
}

/** Postings of a term, prepared once per ranked query: block metadata, one block's data, and the
 *  delta's (uid, tf) rows. */
export function postingReaders(db: Db): { blockMeta: Statement; blockData: Statement; deltaRows: Statement } {
  return {
    // [first_uid, last_uid, n, bound] per block, in uid order
    blockMeta: sql(db, 'SELECT first_uid, last_uid, n, bound FROM search_blocks WHERE term_id = ? ORDER BY last_uid').raw(),
    blockData: sql(db, 'SELECT data FROM search_blocks WHERE term_id = ? AND last_uid = ?').pluck(),
    deltaRows: sql(db, 'SELECT uid, tf FROM search_delta WHERE term_id = ? ORDER BY uid').raw(),
  };
}

/** Changes whenever blocks or delta rows are written (postings.ts keys its cache on it). */
export function indexGeneration(db: Db): number {
  return stateValue(db, 'generation');
}

/** Called in the transaction that writes blocks or delta rows. */
function bumpGeneration(db: Db): void {
  setState(db, 'generation', indexGeneration(db) + 1);
}

/** Vocabulary terms starting with `first` whose length is within [minLength, maxLength] (spelling suggestions). */
export function termsStartingWith(db: Db, first: string, minLength: number, maxLength: number): { id: number; term: string }[] {
  return db
    .prepare("SELECT id, term FROM search_terms WHERE term >= ? AND term < ? || char(1114111) AND length(term) BETWEEN ? AND ?")
    .all(first, first, minLength, maxLength) as { id: number; term: string }[];
}

/** A record's fields the snapshot filters and sorts on (through archive/queries.ts RECORDS). */
export interface RecordFacets {
  id: number;
  code_sort: string | null;
  letter_date: string | null;
  status: string;
  medium: string;
  security_class: string;
  file_id: number | null;
}

const RECORD_FACETS = `SELECT id, code_sort, letter_date, status, medium, security_class, file_id FROM ${RECORDS}`;

export function everyRecordFacets(db: Db): Iterable<RecordFacets> {
  return db.prepare(RECORD_FACETS).iterate() as Iterable<RecordFacets>;
}

/** One record's facets, from a statement prepared once for a catch-up. */
export function recordFacetsReader(db: Db): (id: number) => RecordFacets | undefined {
  const read = db.prepare(`${RECORD_FACETS} WHERE id = ?`);
  return (id) => read.get(id) as RecordFacets | undefined;
}

/** Every unit as [uid, recordId, len, rowid], in uid order (a snapshot's reload). */
export function everyUnit(db: Db): Iterable<[number, number, number, number]> {
  return db.prepare('SELECT uid, record_id AS recordId, len, fts_rowid AS rowid FROM search_units ORDER BY uid').raw().iterate() as Iterable<[number, number, number, number]>;
}

export function unitsAfter(db: Db, uid: number): { uid: number; recordId: number; len: number; rowid: number }[] {
  return db.prepare('SELECT uid, record_id AS recordId, len, fts_rowid AS rowid FROM search_units WHERE uid > ? ORDER BY uid').all(uid) as {
    uid: number;
    recordId: number;
    len: number;
    rowid: number;
  }[];
}

export function deadAfter(db: Db, seq: number): { seq: number; uid: number }[] {
  return db.prepare('SELECT seq, uid FROM search_dead WHERE seq > ? ORDER BY seq').all(seq) as { seq: number; uid: number }[];
}

export function changesAfter(db: Db, seq: number): { seq: number; id: number }[] {
  return db.prepare('SELECT seq, record_id AS id FROM search_changes WHERE seq > ? ORDER BY seq').all(seq) as { seq: number; id: number }[];
}

/** The newest entries of the two change logs (where a fresh snapshot starts catching up). */
export function lastLogSeqs(db: Db): { dead: number; changes: number } {
  return {
    dead: (db.prepare('SELECT coalesce(max(seq), 0) FROM search_dead').pluck().get() as number) ?? 0,
    changes: (db.prepare('SELECT coalesce(max(seq), 0) FROM search_changes').pluck().get() as number) ?? 0,
  };
}
