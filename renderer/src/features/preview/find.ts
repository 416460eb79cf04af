// Find-in-document over pdf.js text items: a page's items joined into one searchable string, the
// matches in it, and the pieces of each match per text item (a word may span several items when
// the PDF kerns or splits it). Pure functions; the viewer owns the DOM they are applied to.

export interface PageText {
  /** The items joined, lower-cased char by char so offsets stay those of the original strings. */
  text: string;
  /** Where item i starts in `text`; a line end adds one space that belongs to no item. */
  starts: number[];
  lengths: number[];
}

export interface Match {
  start: number;
  end: number;
}

export interface ItemRange {
  item: number;
  from: number;
  to: number;
  /** The match's index on its page. */
  match: number;
}

function lowerSameLength(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower;
  // Rare letters (İ) lower-case to two code units; keep those as they are so offsets still line up.
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

export function pageText(items: readonly { str?: string; hasEOL?: boolean }[]): PageText {
  let text = '';
  const starts: number[] = [];
  const lengths: number[] = [];
  for (const item of items) {
    const str = item.str ?? '';
    starts.push(text.length);
    lengths.push(str.length);
    text += lowerSameLength(str);
    if (item.hasEOL) text += ' ';
  }
  return { text, starts, lengths };
}

/** A query as a regular expression: literal text, case-insensitive, any run of spaces matching
 *  any run of white space (a phrase may break across lines). Null for an empty query. */
export function queryPattern(query: string): RegExp | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const escaped = words.map((w) => lowerSameLength(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s+'), 'g');
}

export function findInPage(page: PageText, pattern: RegExp): Match[] {
  const matches: Match[] = [];
  const re = new RegExp(pattern.source, 'g');
  for (let m = re.exec(page.text); m; m = re.exec(page.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    matches.push({ start: m.index, end: m.index + m[0].length });
  }
  return matches;
}

/** Splits matches into per-item ranges, for wrapping in highlight elements. */
export function itemRanges(page: PageText, matches: readonly Match[]): ItemRange[] {
  const ranges: ItemRange[] = [];
  let item = 0;
  matches.forEach((match, index) => {
    while (item < page.starts.length && page.starts[item]! + page.lengths[item]! <= match.start) item++;
    for (let i = item; i < page.starts.length && page.starts[i]! < match.end; i++) {
      const start = page.starts[i]!;
      const from = Math.max(match.start, start) - start;
      const to = Math.min(match.end, start + page.lengths[i]!) - start;
      if (to > from) ranges.push({ item: i, from, to, match: index });
    }
  });
  return ranges;
}
