// Full-text search over record metadata and document pages (one FTS5 table, bm25 ranking,
// diacritics folded), with the same filters as the records list. One hit per record: its best
// matching row, with a snippet and, for document text, the page it is on. Owns search_index
// (the document-page rows; archive/records.ts writes a record's metadata row in that record's own
// transaction, because the archive may not import search).
// Clearance: `classes` (the security classes the caller may see) is a parameter of every search;
// rows of records outside it are never ranked, counted or shown.
import type { Bilingual, RecordFilter, SearchHit } from '../../preload/contract.ts';
import { CLASS_ORDER, type SecurityClassName } from '../clearance/viewer.ts';
import type { Db } from '../db/connection.ts';
import { RECORDS, recordHeading } from '../archive/queries.ts';
import { filterSql } from '../archive/records.ts';
import { parseQuery } from './query.ts';

export interface SearchOptions {
  filter: RecordFilter;
  offset: number;
  limit: number;
  /** The security classes the caller may see (a Viewer's `classes`); nothing else is searched. */
  classes: readonly SecurityClassName[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  notice: Bilingual | null;
}

/** Counting stops here: a query matching more is reported as "more than". */
export const TOTAL_CAP = 10_000;

export function hasFilter(filter: RecordFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0));
}

export function search(db: Db, query: string, options: SearchOptions): SearchResult {
  const parsed = parseQuery(query);
  if (!parsed.match) return { total: 0, hits: [], notice: parsed.notice };

  if (options.classes.length === 0) return { total: 0, hits: [], notice: parsed.notice };
  const restricted = CLASS_ORDER.some((c) => !options.classes.includes(c));
  const filtered = hasFilter(options.filter) || restricted;
  const { where, params } = filterSql(options.filter, options.classes);
  const join = filtered ? `JOIN ${RECORDS} r ON r.id = si.record_id ${where.replace('WHERE', 'AND')}` : '';
  const filterParams = filtered ? params : [];
  // Rows are per page; gather enough to fill this page after keeping one hit per record.
  const want = options.offset + options.limit;
  const candidates = Math.min(want * 4 + 20, 5000);
  // Phase 1 ranks by bm25 alone and, without a filter, reads only row ids: selecting snippet() or
  // the unindexed columns here would read every matching row's content before the sort, which is
  // most of the cost on common words. The columns are then read for the top rows only.
  type Ranked = { rowid: number; recordId: number; documentId: number | null; page: number | null; score: number };
  let rows: Ranked[];
  /** Whether every matching row was ranked (so the records seen are all there are). */
  let exhausted: boolean;
  if (filtered) {
    rows = db
      .prepare(
        `SELECT si.rowid AS rowid, si.record_id AS recordId, si.document_id AS documentId, si.page AS page, bm25(search_index) AS score
         FROM search_index si ${join}
         WHERE search_index MATCH ?
         ORDER BY score LIMIT ?`,
      )
      .all(...filterParams, parsed.match, candidates) as Ranked[];
    exhausted = rows.length < candidates;
  } else {
    const ranked = db.prepare('SELECT rowid, bm25(search_index) AS score FROM search_index WHERE search_index MATCH ? ORDER BY score LIMIT ?').all(parsed.match, candidates) as {
      rowid: number;
      score: number;
    }[];
    const columns = db.prepare('SELECT record_id AS recordId, document_id AS documentId, page FROM search_index WHERE rowid = ?');
    exhausted = ranked.length < candidates;
    // A long result: read columns in rank order only until this page has its records (the total
    // is counted separately). A short one is read whole, so its total is exact.
    rows = [];
    const records = new Set<number>();
    for (const r of ranked) {
      const row = { ...(columns.get(BigInt(r.rowid)) as Omit<Ranked, 'rowid' | 'score'>), rowid: r.rowid, score: r.score };
      rows.push(row);
      records.add(row.recordId);
      if (!exhausted && records.size >= want) break;
    }
  }

  const best = new Map<number, (typeof rows)[number]>();
  for (const row of rows) if (!best.has(row.recordId)) best.set(row.recordId, row);
  const pageRows = [...best.values()].slice(options.offset, want);

  // Phase 2: snippets for the hits shown, one row each, found by row id. The id is bound as a
  // BigInt: FTS5 ignores `rowid = ?` next to MATCH when the value arrives as a REAL (a JS number),
  // and every hit would then get the first matching row's snippet.
  const snippetOf = db.prepare(`SELECT snippet(search_index, 3, char(2), char(3), '…', 14) AS snippet FROM search_index WHERE search_index MATCH ? AND rowid = ?`);

  // The total: exact when every matching row was ranked above; otherwise matching rows counted by
  // row id only (no content read), capped — a record matching in several pages counts once per page.
  let total: number;
  if (exhausted) total = best.size;
  else if (filtered) {
    total = (
      db
        .prepare(`SELECT count(*) AS n FROM (SELECT DISTINCT si.record_id FROM search_index si ${join} WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`)
        .get(...filterParams, parsed.match) as { n: number }
    ).n;
  } else {
    total = (db.prepare(`SELECT count(*) AS n FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`).get(parsed.match) as { n: number }).n;
  }

  const hits: SearchHit[] = pageRows.map((row) => {
    const r = recordHeading(db, row.recordId)!;
    return {
      recordId: row.recordId,
      subject: r.subject,
      letterNumber: r.letter_number,
      letterDate: r.letter_date,
      classificationCode: r.classification_code,
      documentId: row.documentId,
      page: row.page,
      snippet: (snippetOf.get(parsed.match, BigInt(row.rowid)) as { snippet: string } | undefined)?.snippet ?? '',
      score: row.score,
    };
  });
  return { total, hits, notice: parsed.notice };
}

const PAGE_ROWID_BASE = 2 ** 40;
const PAGES_PER_DOCUMENT = 2 ** 16;
export const MAX_INDEXED_PAGES = PAGES_PER_DOCUMENT - 1;

/** Row id of a document page in the index (record metadata rows use the record id). */
/** Distinct records whose metadata or pages match an FTS expression, narrowed by a records filter
 *  (`filterSql`'s WHERE, or ''): what a saved search holds (legal holds over a search). */
export function recordIdsMatchingText(db: Db, match: string, where: string, params: readonly unknown[]): number[] {
  const extra = where ? `AND ${where.replace(/^WHERE /, '')}` : '';
  return db
    .prepare(`SELECT DISTINCT r.id FROM search_index si JOIN ${RECORDS} r ON r.id = si.record_id WHERE search_index MATCH ? ${extra}`)
    .pluck()
    .all(match, ...params) as number[];
}

/** The text of a record's metadata row, as indexed (undefined before it was indexed). */
export function recordMetadataText(db: Db, recordId: number): string | undefined {
  return db.prepare('SELECT body FROM search_index WHERE rowid = ? AND document_id IS NULL').pluck().get(recordId) as string | undefined;
}

/** A document's indexed pages in order: what was read of it (text layer or OCR). */
export function documentPageTexts(db: Db, documentId: number): Iterable<{ page: number; body: string }> {
  return db.prepare('SELECT page, body FROM search_index WHERE rowid BETWEEN ? AND ? ORDER BY rowid').iterate(pageRowid(documentId, 1), pageRowid(documentId, MAX_INDEXED_PAGES)) as Iterable<{
    page: number;
    body: string;
  }>;
}

export function pageRowid(documentId: number, page: number): number {
  return PAGE_ROWID_BASE + documentId * PAGES_PER_DOCUMENT + page;
}

/** Writes a document's page text into the index (the extractor calls this page by page). */
export function indexPage(db: Db, recordId: number, documentId: number, page: number, text: string): void {
  if (page < 1 || page > MAX_INDEXED_PAGES) return;
  db.prepare('INSERT OR REPLACE INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, ?, ?, ?)').run(
    pageRowid(documentId, page),
    recordId,
    documentId,
    page,
    text,
  );
}

/** Removes a document's page text by row-id range (no scan of the index). */
export function removeDocumentText(db: Db, documentId: number): void {
  db.prepare('DELETE FROM search_index WHERE rowid BETWEEN ? AND ?').run(pageRowid(documentId, 0), pageRowid(documentId, MAX_INDEXED_PAGES));
}
