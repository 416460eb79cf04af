// Words of Indonesian text as the search engine indexes and queries them. Owns the tokenizer:
// lower case, diacritics folded (like the FTS5 table's unicode61 remove_diacritics 2), words of
// letters and digits, reduplication folded (surat-surat → surat), and each word's stem by the
// Snowball Indonesian algorithm (@orama/stemmers, Apache-2.0; Snowball itself is BSD). The same
// function serves indexing and queries, so a word is always found the way it was stored. It must
// never touch the database.
import { stemmer } from '@orama/stemmers/indonesian';

/** Index keys of stems carry this mark, so `ada` the word and `ada` the stem stay apart. */
export const STEM_MARK = '~';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const COMBINING = /\p{M}+/gu;
const DIGITS = /^\p{N}+$/u;

export function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').toLowerCase();
}

/** The words of a text in order, folded; a reduplicated word (surat-surat, kupu-kupu) counts as
 *  its base, any other hyphenated compound as its parts, as FTS5 splits them. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(WORD)) {
    const token = m[0];
    if (!token.includes('-')) {
      out.push(token);
      continue;
    }
    const parts = token.split('-');
    if (parts.length === 2 && parts[0] === parts[1]) out.push(parts[0]!);
    else out.push(...parts);
  }
  return out;
}

const stems = new Map<string, string>();

/** The Snowball Indonesian stem of a folded word; numbers and short words are their own stem. */
export function stemOf(word: string): string {
  if (word.length < 4 || DIGITS.test(word)) return word;
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stems.size > 200_000) stems.clear(); // a bounded cache: vocabularies are Zipfian
    stems.set(word, s);
  }
  return s;
}

/** The index keys of a text with their counts: each word as itself and its stem (marked). */
export function termCounts(text: string): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const list = words(text);
  for (const w of list) {
    counts.set(w, (counts.get(w) ?? 0) + 1);
    const s = STEM_MARK + stemOf(w);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return { counts, length: list.length };
}
