// Classification codes as the regulations write them: dotted segments of any depth whose parts run
// past 9 (000.1.10, 500.12.16.3). Stored as text, ordered segment by segment as numbers.
import { appError } from '../errors.ts';

const CODE = /^\d{1,4}(\.\d{1,4})*$/;

export function isValidCode(code: string): boolean {
  return CODE.test(code);
}

export function assertCode(code: string): string {
  const trimmed = code.trim();
  if (!isValidCode(trimmed)) {
    throw appError(
      'validation',
      `Kode klasifikasi "${code}" tidak valid. Gunakan angka bertitik, misalnya 000.1.2 atau 500.12.16.3.`,
      `Classification code "${code}" is not valid. Use dotted numbers, e.g. 000.1.2 or 500.12.16.3.`,
    );
  }
  return trimmed;
}

/** 500.12.2 → "0500.0012.0002": sorts 500.12.2 before 500.12.10 as plain text. */
export function codeSortKey(code: string): string {
  return code
    .split('.')
    .map((part) => part.padStart(4, '0'))
    .join('.');
}

export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

export function codeDepth(code: string): number {
  return code.split('.').length;
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

/** True when `code` is `parent` itself or lies under it, segment by segment (600.10 is not under 600.1). */
export function isCodeUnder(code: string, parent: string): boolean {
  const c = codeSortKey(code);
  const p = codeSortKey(parent);
  return c === p || c.startsWith(`${p}.`);
}
