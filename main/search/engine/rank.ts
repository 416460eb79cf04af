// Top-k by BM25 without scoring every match. The uid space is cut into windows (4,096 units, or
// 512 for a common word alone);
// each term's blocks give, per window, the best score any of its postings there can reach. Windows
// are evaluated best bound first, and the search stops when the k-th best record found beats the
// bound of every window left (block-max pruning, as in Lucene's and Tantivy's block-max WAND,
// over windows instead of a pivot so AND, OR and prefix expansions share one loop). Filters,
// including the caller's clearance, are applied to each candidate here, before it is counted or
// kept: a record the caller may not see never reaches a total or a heap. Totals count distinct
// records, exactly, until `countCap`. It reads the index; it never writes.
import type { Db } from '../../db/connection.ts';
import type { Snapshot } from './reader.ts';
import { termPostings, type TermPostings } from './postings.ts';
import { stateValue, tfNorm } from './store.ts';

// Window sizes (as powers of two). Per window, each term costs a lookup and the window a pass
// over its candidates, so large windows are cheaper, and for ANDs and rarer words they prune as
// well. A word in a large share of the units has a posting near its best score in nearly every
// large window, so all their bounds are equal and nothing is pruned; smaller windows tell them
// apart. Measured on the bench's archive (100k and 1M): 'dan' 16 ms → 6 ms at 100k with windows
// of 512, while ANDs and rare words are slower with them.
const SHIFT = 12;
const DENSE_SHIFT = 9;
/** A one-clause query whose terms hold at least this share of the units counts as dense. */
const DENSE_SHARE = 0.1;

/** One AND-ed part of a query: a unit matches it when it holds any `match` term; `bonus` terms
 *  only add score (exact word forms beside their stem). */
export interface Clause {
  match: number[];
  bonus: number[];
  /** Score a unit by its best `match` term instead of their sum (a prefix: one word starting
   *  with it). Its window bound is then the best of its terms' bounds, not their sum, which for
   *  a prefix of hundreds of words was so loose that every window had to be read. */
  best?: boolean;
}

export interface RankOptions {
  /** A factor on a term's score (stems weigh less than exact word forms); 1 when absent. */
  termWeight?: (termId: number) => number;
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

interface TermData {
  p: TermPostings;
  /** The term's IDF times its weight: what one posting's normalised tf is multiplied by. */
  idf: number;
  factor: number;
  /** Per window, the best score a posting of this term can add there (before `factor`). */
  winMax: Float64Array;
}

/** BM25's IDF as FTS5 computes it (Robertson–Spärck Jones, floored at 1e-6): a word in half the
 *  units or more weighs next to nothing, so an AND with it ranks by its other words, as FTS5's
 *  bm25() does. Lucene's log(1 + …) variant kept such words at ~0.5 and the top 10 of ANDs like
 *  "anggaran pendidikan" agreed with exact BM25 on 1 of 10. */
/** The first index of the sorted `values` holding `value` or more. */
function lowerBound(values: Float64Array, value: number): number {
  let a = 0;
  let b = values.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (values[mid]! < value) a = mid + 1;
    else b = mid;
  }
  return a;
}

export function idf(n: number, df: number): number {
  return Math.max(1e-6, Math.log((n - df + 0.5) / (df + 0.5)));
}

export function rank(db: Db, snap: Snapshot, clauses: Clause[], options: RankOptions): RankResult {
  const avgdl = stateValue(db, 'avgdl') || 1;
  // N counts every unit whose postings are still stored (dead ones too, as df does), as Lucene
  // counts deleted documents until a merge; uids are dense from the last rebuild.
  const n = Math.max(1, snap.lastUid);
  const postingsOf = termPostings(db, snap.lastUid);
  let df = 0;
  if (clauses.length === 1) for (const id of clauses[0]!.match) df += postingsOf(id).df;
  const shift = clauses.length === 1 && df >= n * DENSE_SHARE ? DENSE_SHIFT : SHIFT;
  const window = 1 << shift;
  const nWin = (snap.lastUid >> shift) + 1;

  const terms = new Map<number, TermData>();
  const load = (id: number): TermData => {
    let t = terms.get(id);
    if (t) return t;
    const p = postingsOf(id);
    const weight = idf(n, p.df);
    // The window bounds depend only on the index (cached with the postings for its generation).
    let winMax = p.windowBounds.get(shift);
    if (!winMax) {
      winMax = new Float64Array(nWin);
      for (let i = 0; i < p.first.length; i++) {
        const v = p.bound[i]! * weight;
        for (let w = p.first[i]! >> shift; w <= p.last[i]! >> shift && w < nWin; w++) if (v > winMax[w]!) winMax[w] = v;
      }
      for (let i = 0; i < p.deltaUids.length; i++) {
        const uid = p.deltaUids[i]!;
        const w = uid >> shift;
        if (w >= nWin) continue;
        const v = tfNorm(p.deltaTfs[i]!, snap.lenOf[uid] || 1, avgdl) * weight;
        if (v > winMax[w]!) winMax[w] = v;
      }
      p.windowBounds.set(shift, winMax);
    }
    const factor = options.termWeight?.(id) ?? 1;
    t = { p, idf: weight * factor, factor, winMax };
    terms.set(id, t);
    return t;
  };

  const plan = clauses.map((c) => ({ match: c.match.map(load), bonus: c.bonus.filter((b) => !c.match.includes(b)).map(load), best: c.best === true }));
  // Per window: the best score reachable, or 0 when some clause cannot match there at all.
  const ub = new Float64Array(nWin);
  for (let w = 0; w < nWin; w++) {
    let sum = 0;
    let possible = plan.length > 0;
    for (const c of plan) {
      let m = 0;
      if (c.best) for (const t of c.match) m = Math.max(m, t.factor * t.winMax[w]!);
      else for (const t of c.match) m += t.factor * t.winMax[w]!;
      if (m === 0) {
        possible = false;
        break;
      }
      for (const t of c.bonus) m += t.factor * t.winMax[w]!;
      sum += m;
    }
    ub[w] = possible ? sum : 0;
  }
  const candidateWindows: number[] = [];
  for (let w = 0; w < nWin; w++) if (ub[w]! > 0) candidateWindows.push(w);

  const score = new Float64Array(window);
  const mask = new Uint32Array(window);
  const full = plan.length >= 32 ? 0xffffffff : ((1 << plan.length) - 1) >>> 0;
  const touched: number[] = [];
  // A `best` clause's per-unit best, folded into `score` once all its terms are scanned.
  const alt = new Float64Array(window);
  const altTouched: number[] = [];

  /** The first of a term's blocks whose last uid reaches `lo`; its first delta posting from `lo`. */
  const firstBlock = (p: TermPostings, lo: number): number => lowerBound(p.last, lo);
  const firstDelta = (p: TermPostings, lo: number): number => lowerBound(p.deltaUids, lo);

  /** One posting's score into its slot: summed, or for a `best` clause the best so far. */
  const accumulate = (t: TermData, slot: number, uid: number, tf: number, bit: number, best: boolean) => {
    const v = t.idf * tfNorm(tf, snap.lenOf[uid] || 1, avgdl);
    if (!best) score[slot] = score[slot]! + v;
    else {
      if (alt[slot] === 0) altTouched.push(slot);
      if (v > alt[slot]!) alt[slot] = v;
    }
    mask[slot] = mask[slot]! | bit;
  };

  const scan = (t: TermData, w: number, bit: number, best = false) => {
    const lo = w << shift;
    const hi = lo + window - 1;
    const p = t.p;
    const a = firstBlock(p, lo);
    const add = (uid: number, tf: number) => {
      const slot = uid - lo;
      if (mask[slot] === 0 && score[slot] === 0) touched.push(slot);
      accumulate(t, slot, uid, tf, bit, best);
    };
    for (let i = a; i < p.first.length && p.first[i]! <= hi; i++) {
      const d = p.block(db, i);
      // the block may start before the window: skip to its first uid inside
      for (let j = d.uids[0]! < lo ? lowerBound(d.uids, lo) : 0; j < d.uids.length; j++) {
        const uid = d.uids[j]!;
        if (uid > hi) break;
        add(uid, d.tfs[j]!);
      }
    }
    for (let j = firstDelta(p, lo); j < p.deltaUids.length && p.deltaUids[j]! <= hi; j++) add(p.deltaUids[j]!, p.deltaTfs[j]!);
  };

  /** The slots holding every clause in `need` so far, in uid order. */
  const candidates = (need: number): Int32Array => {
    const out: number[] = [];
    for (const slot of touched) if ((mask[slot]! & need) >>> 0 === need) out.push(slot);
    return Int32Array.from(out).sort();
  };

  /**
   * Adds term t's postings in window w to the slots in `cands` only (sorted): a later clause of
   * an AND, or an exact form beside its stem, adds nothing where the clauses before found
   * nothing. A block holding no candidate is not decoded; in one holding few, each candidate is
   * looked up by binary search (a conjunction's skipping, at block granularity).
   */
  const probe = (t: TermData, w: number, cands: Int32Array, need: number, bit: number, best: boolean) => {
    const lo = w << shift;
    const hi = lo + window - 1;
    const p = t.p;
    const put = (slot: number, uid: number, tf: number) => accumulate(t, slot, uid, tf, bit, best);
    const a = firstBlock(p, lo);
    let c = 0;
    for (let i = a; i < p.first.length && p.first[i]! <= hi && c < cands.length; i++) {
      while (c < cands.length && lo + cands[c]! < p.first[i]!) c++;
      let e = c;
      while (e < cands.length && lo + cands[e]! <= p.last[i]!) e++;
      if (e === c) continue;
      const d = p.block(db, i);
      if ((e - c) * 8 >= d.uids.length) {
        for (let j = 0; j < d.uids.length; j++) {
          const uid = d.uids[j]!;
          if (uid < lo) continue;
          if (uid > hi) break;
          const slot = uid - lo;
          if ((mask[slot]! & need) >>> 0 === need) put(slot, uid, d.tfs[j]!);
        }
      } else {
        let from = 0;
        for (let x = c; x < e; x++) {
          const uid = lo + cands[x]!;
          let y = d.uids.length;
          while (from < y) {
            const mid = (from + y) >> 1;
            if (d.uids[mid]! < uid) from = mid + 1;
            else y = mid;
          }
          if (from < d.uids.length && d.uids[from] === uid) put(cands[x]!, uid, d.tfs[from]!);
        }
      }
      c = e;
    }
    for (let j = firstDelta(p, lo); j < p.deltaUids.length && p.deltaUids[j]! <= hi; j++) {
      const uid = p.deltaUids[j]!;
      const slot = uid - lo;
      if ((mask[slot]! & need) >>> 0 === need) put(slot, uid, p.deltaTfs[j]!);
    }
  };

  // Clauses are taken rarest first: the first is read in full, the others only where it matched.
  const clauseDf = plan.map((c) => c.match.reduce((n, t) => n + t.p.df, 0));
  const order = plan.map((_, i) => i).sort((x, y) => clauseDf[x]! - clauseDf[y]!);

  // Every accepted candidate of an evaluated window is counted (distinct records); `keep` sees it
  // too while the top k is being sought. A window is evaluated at most once.
  const counted = new Set<number>();
  const evaluated = new Uint8Array(nWin);
  let windowsEvaluated = 0;
  const evaluate = (w: number, keep?: (recordId: number, uid: number, score: number) => void): void => {
    evaluated[w] = 1;
    windowsEvaluated++;
    let need = 0;
    for (const i of order) {
      const c = plan[i]!;
      const bit = (1 << i) >>> 0;
      if (need === 0) for (const t of c.match) scan(t, w, bit, c.best);
      else {
        const cands = candidates(need);
        if (cands.length === 0) break;
        for (const t of c.match) probe(t, w, cands, need, bit, c.best);
      }
      if (c.best) {
        for (const slot of altTouched) {
          score[slot] = score[slot]! + alt[slot]!;
          alt[slot] = 0;
        }
        altTouched.length = 0;
      }
      need = (need | bit) >>> 0;
    }
    if (need === full) {
      const cands = candidates(full);
      if (cands.length > 0) for (const c of plan) for (const t of c.bonus) probe(t, w, cands, full, 0, false);
    }
    const lo = w << shift;
    for (const slot of touched) {
      const uid = lo + slot;
      if ((mask[slot]! & full) >>> 0 === full) {
        const recordId = snap.recordOf[uid]!;
        if (recordId !== 0 && options.accept(recordId) && (!options.verify || options.verify(uid))) {
          counted.add(recordId);
          keep?.(recordId, uid, score[slot]!);
        }
      }
      score[slot] = 0;
      mask[slot] = 0;
    }
    touched.length = 0;
  };

  // Top k: windows by bound, best first, until no window left can change the top k. A candidate
  // below the k-th best score so far can never enter (that score only rises), so it is not kept.
  const byBound = [...candidateWindows].sort((x, y) => ub[y]! - ub[x]!);
  const best = new Map<number, Ranked>();
  let threshold = -Infinity;
  let kept = 0;
  let keptAtRefresh = 0;
  const refreshEvery = Math.max(8, options.k >> 2);
  const keep = (recordId: number, uid: number, s: number) => {
    if (s < threshold) return;
    const had = best.get(recordId);
    if (!had || s > had.score) {
      best.set(recordId, { recordId, uid, score: s });
      kept++;
    }
  };
  for (const w of byBound) {
    if (best.size >= options.k && ub[w]! < threshold) break;
    evaluate(w, keep);
    // The threshold is recomputed after every k/4 kept candidates, not after each window: a deep
    // page keeps some in nearly every window, and sorting the kept set each time was most of its
    // cost. Between refreshes it is lower than it could be, which only keeps or visits more.
    if (best.size < options.k || kept - keptAtRefresh < refreshEvery) continue;
    keptAtRefresh = kept;
    const scores = Float64Array.from(best.values(), (r) => r.score).sort();
    threshold = scores[scores.length - options.k]!;
    if (best.size > options.k * 4) for (const [id, r] of best) if (r.score < threshold) best.delete(id);
  }

  // The total: distinct records over the evaluated windows, then more windows in uid order until the cap.
  let capped = counted.size >= options.countCap;
  if (!capped) {
    for (const w of candidateWindows) {
      if (evaluated[w]) continue;
      evaluate(w);
      if (counted.size >= options.countCap) {
        capped = true;
        break;
      }
    }
  }
  const hits = [...best.values()];
  return { hits, total: Math.min(counted.size, options.countCap), capped, windowsEvaluated, windowsTotal: candidateWindows.length };
}
