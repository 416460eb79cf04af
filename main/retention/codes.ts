// Classification codes as the retention rules see them: dotted segments compared one by one, never
// as plain strings (600.1 is not a prefix of 600.10). Owns the longest-prefix rule lookup; it never
// guesses a rule for a code no JRA row covers.

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

/** Sort key with numeric segments zero-padded (500.12.2 → 0500.0012.0002) so text order is code order. */
export function codeSortKey(code: string): string {
  return codeSegments(code)
    .map((s) => (/^\d+$/.test(s) ? s.padStart(4, '0') : s.toLowerCase()))
    .join('.');
}

/** The top-level part of a code ('900.1.3.1' → '900', 'UM.02.01' → 'UM'), for dashboard groups. */
export function topLevel(code: string | null): string | null {
  const first = code == null ? undefined : codeSegments(code)[0];
  return first ?? null;
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
