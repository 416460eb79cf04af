// Letter numbers (nomor naskah) carry the classification code and more: 000.8.3.3/15/OR or
// B/500.12.16.3/573/BPBD-KL/IX/2026 (security prefix / code / sequence / unit / roman month / year).
// Each unit writes them its own way, so the patterns are settings, tried in order; the first that
// matches prefills the form. A pattern is segments separated by '/', each one of:
// {security} {code} {seq} {unit} {month} {year} — or literal text that must match as written.
import type { Db } from '../db/connection.ts';
import { readSetting, writeSetting } from '../db/settings.ts';
import { isValidCode } from './codes.ts';

export const DEFAULT_PATTERNS = [
  '{security}/{code}/{seq}/{unit}/{month}/{year}',
  '{code}/{seq}/{unit}/{month}/{year}',
  '{code}/{seq}/{unit}/{year}',
  '{security}/{code}/{seq}/{unit}/{year}',
  '{code}/{seq}/{unit}',
  '{code}/{seq}',
];

export interface LetterNumberParts {
  pattern: string;
  securityPrefix: string | null;
  classificationCode: string | null;
  sequence: string | null;
  unit: string | null;
  month: number | null;
  year: number | null;
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10, XI: 11, XII: 12 };
const SECURITY = /^(B|T|R|SR|[A-Z]{1,3})$/; // Biasa, Terbatas, Rahasia, Sangat Rahasia (and local variants)

function matchSegment(token: string, value: string, out: LetterNumberParts): boolean {
  switch (token) {
    case '{security}':
      if (!SECURITY.test(value)) return false;
      out.securityPrefix = value;
      return true;
    case '{code}':
      // A code in a letter number carries a number somewhere (500.12.16.3, UM.02.01): a lone word
      // there is a unit or a security prefix, never read as a code.
      if (!isValidCode(value) || !/\d/.test(value)) return false;
      out.classificationCode = value;
      return true;
    case '{seq}':
      if (!/^\d{1,6}[A-Za-z]?$/.test(value)) return false;
      out.sequence = value;
      return true;
    case '{unit}':
      if (!/^[\p{L}\d][\p{L}\d.\- ]*$/u.test(value) || /^\d+$/.test(value)) return false;
      out.unit = value;
      return true;
    case '{month}': {
      const m = ROMAN[value.toUpperCase()] ?? (/^\d{1,2}$/.test(value) ? Number(value) : NaN);
      if (!(m >= 1 && m <= 12)) return false;
      out.month = m;
      return true;
    }
    case '{year}':
      if (!/^(19|20)\d{2}$/.test(value)) return false;
      out.year = Number(value);
      return true;
    default:
      return token === value;
  }
}

export function parseLetterNumber(text: string, patterns: readonly string[] = DEFAULT_PATTERNS): LetterNumberParts | null {
  const parts = text.trim().replace(/\s*\/\s*/g, '/').split('/');
  for (const pattern of patterns) {
    const tokens = pattern.split('/');
    if (tokens.length !== parts.length) continue;
    const out: LetterNumberParts = { pattern, securityPrefix: null, classificationCode: null, sequence: null, unit: null, month: null, year: null };
    if (tokens.every((token, i) => matchSegment(token, parts[i]!, out))) return out;
  }
  return null;
}

export function letterNumberPatterns(db: Db): string[] {
  const value = readSetting(db, 'letterNumber.patterns');
  if (value === undefined) return DEFAULT_PATTERNS;
  return Array.isArray(value) && value.every((p) => typeof p === 'string') && value.length > 0 ? (value as string[]) : DEFAULT_PATTERNS;
}

export function setLetterNumberPatterns(db: Db, patterns: string[]): void {
  writeSetting(db, 'letterNumber.patterns', patterns);
}
