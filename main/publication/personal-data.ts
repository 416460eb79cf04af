// The personal-data scan run before a publication is approved: NIK (16 digits), NIP (18 digits,
// encodes a birth date), Indonesian phone numbers and e-mail addresses, in the record's indexed
// text page by page. It flags; it never edits a document. Reads the search index by row-id range
// (main/search owns the index and its row-id scheme), so a scan never walks the whole index.
import type { PersonalDataHit, PersonalDataKind, PersonalDataScan } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { liveDocumentsOf } from '../archive/queries.ts';
import { documentPageTexts, recordMetadataText } from '../search/search.ts';

export interface TextHit {
  kind: PersonalDataKind;
  index: number;
  match: string;
}

interface Pattern {
  kind: PersonalDataKind;
  regex: RegExp;
  /** Extra check on the digits, to keep e.g. a 6-digit reference out of the phone hits. */
  accept?: (match: string) => boolean;
}

const digits = (s: string) => s.replace(/\D/g, '');

function phoneDigits(match: string): string {
  const d = digits(match);
  return d.startsWith('62') ? `0${d.slice(2)}` : d;
}

// Order matters: the longer, more specific numbers claim their text first, and a later pattern
// never reports text an earlier one already took.
const PATTERNS: Pattern[] = [
  // NIP: 18 digits, often written 8-6-1-3 (birth date, appointment, sex, sequence).
  { kind: 'nip', regex: /(?<![\w+])\d{8}[ .]\d{6}[ .]\d[ .]\d{3}(?!\w)|(?<![\w+])\d{18}(?!\w)/g },
  // NIK: 16 digits, sometimes in groups of four.
  { kind: 'nik', regex: /(?<![\w+])\d{4}[ .]\d{4}[ .]\d{4}[ .]\d{4}(?!\w)|(?<![\w+])\d{16}(?!\w)/g },
  { kind: 'email', regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // Mobile: 08…, 628…, +62 8…
  {
    kind: 'phone',
    regex: /(?<![\w+])(?:\+62[\s.-]?|62|0)8\d{1,3}(?:[\s.-]?\d{2,5}){1,3}(?!\w)/g,
    accept: (m) => phoneDigits(m).length >= 10 && phoneDigits(m).length <= 13,
  },
  // Landline: (0536) 322 1234, 021-5551234, +62 21 5551234
  {
    kind: 'phone',
    regex: /(?<![\w+])(?:\(0[1-79]\d{1,2}\)|0[1-79]\d{1,2}|\+62[\s.-]?[1-79]\d{1,2})[\s.-]?\d{3,4}(?:[\s.-]?\d{2,4})?(?!\w)/g,
    accept: (m) => phoneDigits(m).length >= 9 && phoneDigits(m).length <= 12,
  },
];

/** Every personal-data hit in a text, in reading order. */
export function scanText(text: string): TextHit[] {
  const taken: Array<[number, number]> = [];
  const hits: TextHit[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern.regex)) {
      const start = m.index;
      const end = start + m[0].length;
      if (pattern.accept && !pattern.accept(m[0])) continue;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      hits.push({ kind: pattern.kind, index: start, match: m[0] });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

const CONTEXT = 48;
const SHOWN_HITS = 300;

function squash(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function toHit(text: string, hit: TextHit, documentId: number | null, documentName: string | null, page: number | null): PersonalDataHit {
  const from = Math.max(0, hit.index - CONTEXT);
  const to = Math.min(text.length, hit.index + hit.match.length + CONTEXT);
  return {
    documentId,
    documentName,
    page,
    kind: hit.kind,
    match: hit.match,
    before: (from > 0 ? '…' : '') + squash(text.slice(from, hit.index)).trimStart(),
    after: squash(text.slice(hit.index + hit.match.length, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

interface DocumentRow {
  id: number;
  original_name: string;
  extract_status: PersonalDataScan['unscanned'][number]['reason'];
}

/** Scans a record's metadata and the text of each of its documents. */
export function scanRecord(db: Db, recordId: number): PersonalDataScan {
  const result: PersonalDataScan = { hits: [], total: 0, unscanned: [], pending: [] };
  const add = (text: string, documentId: number | null, name: string | null, page: number | null) => {
    for (const hit of scanText(text)) {
      result.total++;
      if (result.hits.length < SHOWN_HITS) result.hits.push(toHit(text, hit, documentId, name, page));
    }
  };
  const meta = recordMetadataText(db, recordId);
  if (meta !== undefined) add(meta, null, null, null);

  const documents: DocumentRow[] = liveDocumentsOf(db, recordId).map((d) => ({ id: d.id, original_name: d.name, extract_status: d.extract_status }));
  for (const doc of documents) {
    if (doc.extract_status === 'pending') {
      result.pending.push({ documentId: doc.id, name: doc.original_name });
      continue;
    }
    if (doc.extract_status !== 'ok') {
      result.unscanned.push({ documentId: doc.id, name: doc.original_name, reason: doc.extract_status });
      continue;
    }
    for (const row of documentPageTexts(db, doc.id)) {
      add(row.body, doc.id, doc.original_name, row.page);
    }
  }
  return result;
}

/** True when an approver must acknowledge what the scan found (or could not read). */
export function needsAcknowledgement(scan: PersonalDataScan): boolean {
  return scan.total > 0 || scan.unscanned.length > 0;
}
