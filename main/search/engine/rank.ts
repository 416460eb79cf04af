// Top-k by BM25 without scoring every match. The uid space is cut into windows of 4,096 units;
// each term's blocks give, per window, the best score any of its postings there can reach. Windows
// are evaluated best bound first, and the search stops when the k-th best record found beats the
// bound of every window left (block-max pruning, as in Lucene's and Tantivy's block-max WAND,
// over windows instead of a pivot so AND, OR and prefix expansions share one loop). Filters,
// including the caller's clearance, are applied to each candidate here, before it is counted or
// kept: a record the caller may not see never reaches a total or a heap. Totals count distinct
// records, exactly, until `countCap`. It reads the index; it never writes.
import type { Db } from '../../db/connection.ts';
import type { Snapshot } from './reader.ts';
import { decodePostings, postingReaders, stateValue, tfNorm } from './store.ts';

const SHIFT = 12;
const WINDOW = 1 << SHIFT;

/** One AND-ed part of a query: a unit matches it when it holds any `match` term; `bonus` terms
 *  only add score (exact word forms beside their stem). */
export interface Clause {
  match: number[];
  bonus: number[];
}

export interface RankOptions {
  k: number;
  countCap: number;
  accept: (recordId: number) => boolean;
  /** Extra check per candidate unit (phrases, verified by FTS5). */
  verify?: (uid: number) => boolean;
}

export interface Ranked {
  recordId: number;
  uid: number;
  score: number;
}

export interface RankResult {
  hits: Ranked[];
  total: number;
  /** The total reached countCap before all matches were counted. */
  capped: boolean;
  windowsEvaluated: number;
  windowsTotal: number;
}

interface Block {
  first: number;
  last: number;
  n: number;
  bound: number;
}

interface TermData {
  id: number;
  idf: number;
  blocks: Block[];
  decoded: Map<number, { uids: Float64Array; tfs: Uint32Array }>;
  deltaUids: Float64Array;
  deltaTfs: Uint32Array;
  winMax: Float32Array;
}

export function idf(n: number, df: number): number {
  return Math.max(1e-6, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

export function rank(db: Db, snap: Snapshot, clauses: Clause[], options: RankOptions): RankResult {
  const avgdl = stateValue(db, 'avgdl') || 1;
  // N counts every unit whose postings are still stored (dead ones too, as df does), as Lucene
  // counts deleted documents until a merge; uids are dense from the last rebuild.
  const n = Math.max(1, snap.lastUid);
  const nWin = (snap.lastUid >> SHIFT) + 1;
  const { blockMeta, blockData, deltaRows } = postingReaders(db);

  const terms = new Map<number, TermData>();
  const load = (id: number): TermData => {
    let t = terms.get(id);
    if (t) return t;
    const blocks = blockMeta.all(id) as Block[];
    const delta = deltaRows.all(id) as [number, number][];
    const df = blocks.reduce((s, b) => s + b.n, 0) + delta.length;
    const weight = idf(n, df);
    const winMax = new Float32Array(nWin);
    for (const b of blocks) {
      const v = b.bound * weight;
      for (let w = b.first >> SHIFT; w <= b.last >> SHIFT && w < nWin; w++) if (v > winMax[w]!) winMax[w] = v;
    }
    const deltaUids = new Float64Array(delta.length);
    const deltaTfs = new Uint32Array(delta.length);
    delta.forEach(([uid, tf], i) => {
      deltaUids[i] = uid;
      deltaTfs[i] = tf;
      const w = uid >> SHIFT;
      if (w < nWin) {
        const v = tfNorm(tf, snap.lenOf[uid] || 1, avgdl) * weight;
        if (v > winMax[w]!) winMax[w] = v;
      }
    });
    t = { id, idf: weight, blocks, decoded: new Map(), deltaUids, deltaTfs, winMax };
    terms.set(id, t);
    return t;
  };

  const plan = clauses.map((c) => ({ match: c.match.map(load), bonus: c.bonus.filter((b) => !c.match.includes(b)).map(load) }));
  // Per window: the best score reachable, or 0 when some clause cannot match there at all.
  const ub = new Float64Array(nWin);
  for (let w = 0; w < nWin; w++) {
    let sum = 0;
    let possible = plan.length > 0;
    for (const c of plan) {
      let m = 0;
      for (const t of c.match) m += t.winMax[w]!;
      if (m === 0) {
        possible = false;
        break;
      }
      for (const t of c.bonus) m += t.winMax[w]!;
      sum += m;
    }
    ub[w] = possible ? sum : 0;
  }
  const candidateWindows: number[] = [];
  for (let w = 0; w < nWin; w++) if (ub[w]! > 0) candidateWindows.push(w);

  const score = new Float64Array(WINDOW);
  const mask = new Uint32Array(WINDOW);
  const full = plan.length >= 32 ? 0xffffffff : (1 << plan.length) - 1;
  const touched: number[] = [];

  const scan = (t: TermData, w: number, bit: number) => {
    const lo = w << SHIFT;
    const hi = lo + WINDOW - 1;
    // first block whose last uid reaches the window
    let a = 0;
    let b = t.blocks.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (t.blocks[mid]!.last < lo) a = mid + 1;
      else b = mid;
    }
    const add = (uid: number, tf: number) => {
      const slot = uid - lo;
      if (mask[slot] === 0 && score[slot] === 0) touched.push(slot);
      score[slot] = score[slot]! + t.idf * tfNorm(tf, snap.lenOf[uid] || 1, avgdl);
      mask[slot] = mask[slot]! | bit;
    };
    for (let i = a; i < t.blocks.length && t.blocks[i]!.first <= hi; i++) {
      const blk = t.blocks[i]!;
      let d = t.decoded.get(blk.last);
      if (!d) {
        d = decodePostings(blockData.get(t.id, blk.last) as Buffer, blk.n, blk.first);
        t.decoded.set(blk.last, d);
      }
      for (let j = 0; j < d.uids.length; j++) {
        const uid = d.uids[j]!;
        if (uid < lo) continue;
        if (uid > hi) break;
        add(uid, d.tfs[j]!);
      }
    }
    if (t.deltaUids.length > 0) {
      let x = 0;
      let y = t.deltaUids.length;
      while (x < y) {
        const mid = (x + y) >> 1;
        if (t.deltaUids[mid]! < lo) x = mid + 1;
        else y = mid;
      }
      for (let j = x; j < t.deltaUids.length && t.deltaUids[j]! <= hi; j++) add(t.deltaUids[j]!, t.deltaTfs[j]!);
    }
  };

  const evaluated = new Map<number, Ranked[]>();
  const evaluate = (w: number): Ranked[] => {
    const done = evaluated.get(w);
    if (done) return done;
    plan.forEach((c, i) => {
      for (const t of c.match) scan(t, w, 1 << i);
      for (const t of c.bonus) scan(t, w, 0);
    });
    const out: Ranked[] = [];
    const lo = w << SHIFT;
    for (const slot of touched) {
      const uid = lo + slot;
      if ((mask[slot]! & full) === full) {
        const recordId = snap.recordOf[uid]!;
        if (recordId !== 0 && options.accept(recordId) && (!options.verify || options.verify(uid))) out.push({ recordId, uid, score: score[slot]! });
      }
      score[slot] = 0;
      mask[slot] = 0;
    }
    touched.length = 0;
    evaluated.set(w, out);
    return out;
  };

  // Top k: windows by bound, best first, until no window left can change the top k.
  const byBound = [...candidateWindows].sort((x, y) => ub[y]! - ub[x]!);
  const best = new Map<number, Ranked>();
  let threshold = -Infinity;
  const refreshThreshold = () => {
    if (best.size < options.k) return;
    const scores = [...best.values()].map((r) => r.score).sort((x, y) => y - x);
    threshold = scores[options.k - 1]!;
    if (best.size > options.k * 4) for (const [id, r] of best) if (r.score < threshold) best.delete(id);
  };
  for (const w of byBound) {
    if (best.size >= options.k && ub[w]! < threshold) break;
    for (const r of evaluate(w)) {
      const had = best.get(r.recordId);
      if (!had || r.score > had.score) best.set(r.recordId, r);
    }
    refreshThreshold();
  }

  // The total: distinct records over evaluated windows, then more windows in uid order until the cap.
  const counted = new Set<number>();
  for (const list of evaluated.values()) for (const r of list) counted.add(r.recordId);
  let capped = counted.size >= options.countCap;
  if (!capped) {
    for (const w of candidateWindows) {
      if (evaluated.has(w)) continue;
      for (const r of evaluate(w)) counted.add(r.recordId);
      if (counted.size >= options.countCap) {
        capped = true;
        break;
      }
    }
  }
  const hits = [...best.values()];
  return { hits, total: Math.min(counted.size, options.countCap), capped, windowsEvaluated: evaluated.size, windowsTotal: candidateWindows.length };
}
