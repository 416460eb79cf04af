// Turns what a user types into a safe FTS5 query. Users type words, "quoted phrases", prefixes
// (arsip*) and OR between words; nothing they type reaches FTS5 as raw syntax, so a stray quote,
// a lone operator or a bare * gives a clear notice or sane results, never a syntax error.
import type { Bilingual } from '../../preload/contract.ts';

export interface QueryTerm {
  value: string;
  prefix: boolean;
  phrase: boolean;
}

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when nothing searchable was typed. */
  match: string | null;
  notice: Bilingual | null;
  terms: string[];
  /** What the engine ranks: groups AND-ed together, each an OR of its terms. */
  groups: QueryTerm[][];
}

const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** Letters and digits only decide whether a term can match anything at all. */
function hasWordChars(term: string): boolean {
  return /[\p{L}\p{N}]/u.test(term);
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.normalize('NFC').trim();
  let notice: Bilingual | null = null;
  type Token = { kind: 'term'; value: string; prefix: boolean; phrase: boolean } | { kind: 'or' };
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      const phrase = end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      if (end < 0) {
        notice = {
          id: 'Tanda kutip tidak ditutup; pencarian memperlakukan sisa teks sebagai frasa.',
          en: 'A quote was not closed; the rest of the text is searched as a phrase.',
        };
      }
      if (hasWordChars(phrase)) tokens.push({ kind: 'term', value: phrase.trim(), prefix: false, phrase: true });
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!) && text[j] !== '"') j++;
    const word = text.slice(i, j);
    i = j;
    if (word === 'OR') {
      tokens.push({ kind: 'or' });
      continue;
    }
    if (OPERATORS.has(word)) continue; // AND is implied; NOT/NEAR are not offered to users
    const prefix = word.endsWith('*');
    const bare = word.replace(/\*+$/, '').replace(/^[-+*]+/, '');
    if (!hasWordChars(bare)) continue;
    tokens.push({ kind: 'term', value: bare, prefix: prefix && bare.length >= 2, phrase: false });
  }

  // OR only between two terms; anywhere else it is dropped.
  const parts: string[] = [];
  const terms: string[] = [];
  const groups: QueryTerm[][] = [];
  let joinNext = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'or') {
      const prev = parts.length > 0 && tokens[k - 1]?.kind === 'term';
      const next = tokens[k + 1]?.kind === 'term';
      if (prev && next) {
        parts.push('OR');
        joinNext = true;
      }
      continue;
    }
    terms.push(t.value);
    const term = { value: t.value, prefix: t.prefix, phrase: t.phrase };
    if (joinNext && groups.length > 0) groups.at(-1)!.push(term);
    else groups.push([term]);
    joinNext = false;
    parts.push(t.prefix ? `${quote(t.value)}*` : quote(t.value));
  }
  if (terms.length === 0) {
    return {
      match: null,
      terms,
      groups,
      notice: text
        ? { id: 'Ketik setidaknya satu kata atau angka untuk dicari.', en: 'Type at least one word or number to search for.' }
        : null,
    };
  }
  return { match: parts.join(' '), notice, terms, groups };
}
