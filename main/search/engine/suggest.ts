// "Mungkin maksud Anda: …": for a word of 5+ letters that matches nothing the caller may see, the
// indexed word within one edit (two for words of 8+ letters) that most units hold, among the words
// the caller can find (`visible`): a word only records above their clearance hold is never
// offered, so a suggestion cannot tell them it exists. Candidates come from the vocabulary by their
// first letter, so the scan is a B-tree range, never the whole vocabulary. It reads only.
import type { Db } from '../../db/connection.ts';
import { termDf, termsStartingWith } from './store.ts';

/** Damerau–Levenshtein (optimal string alignment) distance, given up beyond `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

function correct(db: Db, word: string, visible: (termId: number) => boolean): string | null {
  const max = word.length >= 8 ? 2 : 1;
  const first = word[0]!;
  const candidates = termsStartingWith(db, first, word.length - max, word.length + max);
  const near: { id: number; term: string; d: number; df: number }[] = [];
  for (const c of candidates) {
    if (c.term === word) continue;
    const d = editDistance(word, c.term, max);
    if (d > max) continue;
    const df = termDf(db, c.id);
    if (df > 0) near.push({ ...c, d, df });
  }
  near.sort((a, b) => a.d - b.d || b.df - a.df || (a.term < b.term ? -1 : 1));
  return near.find((c) => visible(c.id))?.term ?? null;
}

/** The query with each unknown word replaced by its correction, or null when none was found. */
export function suggest(db: Db, typed: string[], unknown: string[], visible: (termId: number) => boolean): string | null {
  const fixes = new Map<string, string>();
  for (const w of unknown) {
    const fixed = correct(db, w, visible);
    if (fixed) fixes.set(w, fixed);
  }
  if (fixes.size === 0) return null;
  return typed.map((t) => fixes.get(t.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()) ?? t).join(' ');
}
