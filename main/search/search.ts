// Full-text search over record metadata and document pages (one FTS5 table, bm25 ranking,
// diacritics folded), with the same filters as the records list. One hit per record: its best
// matching row, with a snippet and, for document text, the page it is on.
import type { Bilingual, RecordFilter, SearchHit } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { filterSql } from '../archive/records.ts';
import { parseQuery } from './query.ts';

export interface SearchOptions {
  filter: RecordFilter;
  offset: number;
  limit: number;
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

  const filtered = hasFilter(options.filter);
  const { where, params } = filterSql(options.filter);
  const join = filtered ? `JOIN records r ON r.id = si.record_id ${where.replace('WHERE', 'AND')}` : '';
  // Rows are per page; gather enough to fill this page after keeping one hit per record.
  const want = options.offset + options.limit;
  const rows = db
    .prepare(
      `SELECT si.record_id AS recordId, si.document_id AS documentId, si.page AS page,
              snippet(search_index, 3, char(2), char(3), '…', 14) AS snippet, bm25(search_index) AS score
       FROM search_index si ${join}
       WHERE search_index MATCH ?
       ORDER BY score LIMIT ?`,
    )
    .all(...(filtered ? params : []), parsed.match, Math.min(want * 4 + 20, 5000)) as {
    recordId: number;
    documentId: number | null;
    page: number | null;
    snippet: string;
    score: number;
  }[];

  const best = new Map<number, (typeof rows)[number]>();
  for (const row of rows) if (!best.has(row.recordId)) best.set(row.recordId, row);
  const pageRows = [...best.values()].slice(options.offset, want);

  const total = (
    db
      .prepare(
        `SELECT count(*) AS n FROM (SELECT DISTINCT si.record_id FROM search_index si ${join} WHERE search_index MATCH ? LIMIT ${TOTAL_CAP})`,
      )
      .get(...(filtered ? params : []), parsed.match) as { n: number }
  ).n;

  const meta = db.prepare('SELECT subject, letter_number, letter_date, classification_code FROM records WHERE id = ?');
  const hits: SearchHit[] = pageRows.map((row) => {
    const r = meta.get(row.recordId) as { subject: string; letter_number: string | null; letter_date: string | null; classification_code: string | null };
    return {
      recordId: row.recordId,
      subject: r.subject,
      letterNumber: r.letter_number,
      letterDate: r.letter_date,
      classificationCode: r.classification_code,
      documentId: row.documentId,
      page: row.page,
      snippet: row.snippet,
      score: row.score,
    };
  });
  return { total, hits, notice: parsed.notice };
}

const PAGE_ROWID_BASE = 2 ** 40;
const PAGES_PER_DOCUMENT = 2 ** 16;
export const MAX_INDEXED_PAGES = PAGES_PER_DOCUMENT - 1;

/** Row id of a document page in the index (record metadata rows use the record id). */
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
