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
// Most text is ASCII; its words are found by a plain regex, several times faster than the
// Unicode one, with the same result (ASCII letters and digits are the only \p{L}\p{N} there).
const WORD_ASCII = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING = /\p{M}+/gu;
const DIGITS = /^\p{N}+$/u;

export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(COMBINING, '').toLowerCase();
}

/** The words of a text in order, folded; a reduplicated word (surat-surat, kupu-kupu) counts as
 *  its base, any other hyphenated compound as its parts, as FTS5 splits them. */
export function words(text: string): string[] {
  const out: string[] = [];
  const folded = fold(text);
  for (const m of folded.matchAll(NON_ASCII.test(folded) ? WORD : WORD_ASCII)) {
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

// word → [stem, its index key]: bounded caches (vocabularies are Zipfian, so a small cache
// serves nearly every word), and the key string is made once, not once per occurrence.
const stems = new Map<string, readonly [string, string]>();

function stemEntry(word: string): readonly [string, string] {
  let e = stems.get(word);
  if (e === undefined) {
    const s = word.length < 4 || DIGITS.test(word) ? word : stemmer(word);
    if (stems.size > 200_000) stems.clear();
    stems.set(word, (e = [s, STEM_MARK + s]));
  }
  return e;
}

/** The Snowball Indonesian stem of a folded word; numbers and short words are their own stem. */
export function stemOf(word: string): string {
  return stemEntry(word)[0];
}

/** The index keys of a text with their counts: each word as itself and its stem (marked). */
export function termCounts(text: string): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const list = words(text);
  for (const w of list) {
    counts.set(w, (counts.get(w) ?? 0) + 1);
    const key = stemEntry(w)[1];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { counts, length: list.length };
}

/** Counts a text's index keys by number, for writing many texts: each word is looked up once per
 *  occurrence (word and stem ids together), counts go to a reused array, and no Map or key string
 *  is made per text. `idOf` numbers a key the first time it is met; ids must stay small (they
 *  index an array). Bounded: the word cache is dropped past 500,000 words. */
export class TermCounter {
  readonly #idOf: (term: string) => number;
  readonly #entries = new Map<string, readonly [number, number]>();
  #counts = new Int32Array(1 << 12);
  readonly #touched: number[] = [];

  constructor(idOf: (term: string) => number) {
    this.#idOf = idOf;
  }

  #bump(id: number): void {
    if (id >= this.#counts.length) {
      let size = this.#counts.length * 2;
      while (size <= id) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.#counts);
      this.#counts = grown;
    }
    if (this.#counts[id]!++ === 0) this.#touched.push(id);
  }

  /** Calls `each(id, count)` per index key of `text` (each word and its marked stem); returns the
   *  number of words, the text's length as BM25 counts it. */
  count(text: string, each: (id: number, tf: number) => void): number {
    const list = words(text);
    for (const w of list) {
      let e = this.#entries.get(w);
      if (e === undefined) {
        if (this.#entries.size > 500_000) this.#entries.clear();
        e = [this.#idOf(w), this.#idOf(stemEntry(w)[1])];
        this.#entries.set(w, e);
      }
      this.#bump(e[0]);
      this.#bump(e[1]);
    }
    for (const id of this.#touched) {
      each(id, this.#counts[id]!);
      this.#counts[id] = 0;
    }
    this.#touched.length = 0;
    return list.length;
  }
}
