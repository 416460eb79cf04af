// Classification codes, the one module every area reads them through: records and files carry
// them, schemes list them, the JRA's rules and legal holds name them. Codes are dotted segments of
// any depth, as the schemes write them: numbers whose parts run past 9 (Permendagri 83/2022
// 000.1.10, 500.12.16.3; 78/2012 611) and letter segments in other agencies' schemes (LPP TVRI
// UM.02.01, TU.01.01.b). Stored as text, compared segment by segment (numbers as numbers, letters
// without case), ordered by a sort key; never compared as plain strings (600.1 is not a prefix of
// 600.10). Owns the longest-prefix rule lookup; it never guesses a rule for a code no row covers.
import { CLASSIFICATION_CODE } from '../../preload/contract.ts';
import { appError } from '../errors.ts';

export function isValidCode(code: string): boolean {
  return CLASSIFICATION_CODE.test(code);
}

export function assertCode(code: string): string {
  const trimmed = code.trim();
  if (!isValidCode(trimmed)) {
    throw appError(
      'validation',
      `Kode klasifikasi "${code}" tidak valid. Gunakan bagian bertitik berupa angka atau huruf, misalnya 000.1.2, 500.12.16.3 atau UM.02.01.`,
      `Classification code "${code}" is not valid. Use dotted parts of digits or letters, e.g. 000.1.2, 500.12.16.3 or UM.02.01.`,
    );
  }
  return trimmed;
}

/** Splits '500.12.16.3' into ['500','12','16','3']; trims, drops empty parts ('600.' → ['600']). */
export function codeSegments(code: string): string[] {
  return code
    .trim()
    .split('.')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Normalises a code for storage and comparison: trimmed segments joined by dots, case kept. */
export function normaliseCode(code: string): string {
  return codeSegments(code).join('.');
}

function sameSegment(a: string, b: string): boolean {
  // '01' and '1' are the same number; 'b' and 'B' the same letter (TVRI-style codes: TU.01.01.b).
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) === Number(b);
  return a.toLowerCase() === b.toLowerCase();
}

/** True when `prefix` is `code` itself or one of its ancestors, segment by segment. */
export function isCodePrefix(prefix: string, code: string): boolean {
  const p = codeSegments(prefix);
  const c = codeSegments(code);
  if (p.length === 0 || p.length > c.length) return false;
  return p.every((segment, i) => sameSegment(segment, c[i]!));
}

/** 500.12.2 → "0500.0012.0002", TU.01.01.b → "tu.0001.0001.b": text order is code order, and the
 *  key of a record's code equals the key of the JRA row or scheme entry that names the same code. */
export function codeSortKey(code: string): string {
  return codeSegments(code)
    .map((s) => (/^\d+$/.test(s) ? s.padStart(4, '0') : s.toLowerCase()))
    .join('.');
}

export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

export function codeDepth(code: string): number {
  return code.split('.').length;
}

/** The top-level part of a code ('900.1.3.1' → '900', 'UM.02.01' → 'UM'), for dashboard groups. */
export function topLevel(code: string | null): string | null {
  const first = code == null ? undefined : codeSegments(code)[0];
  return first ?? null;
}

/** SQL range for "this code and everything under it" on the sort key, using its index. */
export function subtreeRange(prefix: string): { from: string; to: string } {
  const key = codeSortKey(prefix);
  // '.' (0x2e) follows the key for children; '/' (0x2f) is the next character, so [key, key+'/')
  // covers the code itself and all descendants but not 600.10 when the prefix is 600.1.
  return { from: key, to: `${key}/` };
}

export function compareCodes(a: string, b: string): number {
  const key = (c: string) => codeSortKey(c);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * The JRA rule that governs `code`: the row with the LONGEST code that is a segment-wise prefix of
 * it. Real JRAs list a rule at the level where the retention is set and mean it for everything
 * filed below it (a row for 600.1 governs 600.1.2 and 600.1.2.3 unless a deeper row says
 * otherwise), so a deeper row always wins over a shallower one. A code no row covers gets null —
 * listed to the user as "no rule", never given a neighbour's retention.
 */
export function findRule<R extends { code: string }>(rules: readonly R[], code: string | null): R | null {
  if (code == null || codeSegments(code).length === 0) return null;
  let best: R | null = null;
  let bestDepth = 0;
  for (const rule of rules) {
    const depth = codeSegments(rule.code).length;
    if (depth > bestDepth && isCodePrefix(rule.code, code)) {
      best = rule;
      bestDepth = depth;
    }
  }
  return best;
}

/** An index for many lookups against the same rules: one map probe per ancestor of the code. */
export function ruleIndex<R extends { code: string }>(rules: readonly R[]): (code: string | null) => R | null {
  const byKey = new Map<string, R>();
  for (const rule of rules) byKey.set(codeSortKey(rule.code), rule);
  return (code) => {
    if (code == null) return null;
    const segments = codeSegments(code);
    for (let n = segments.length; n > 0; n--) {
      const hit = byKey.get(codeSortKey(segments.slice(0, n).join('.')));
      if (hit) return hit;
    }
    return null;
  };
}
