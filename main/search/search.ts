// Full-text search over record metadata and document pages: one hit per record, its best matching
// row, with a snippet and, for document text, the page it is on. Ranking, filtering (the caller's
// clearance included) and counting run in the engine (engine/rank.ts) over the block index kept
// beside the FTS5 table; FTS5 stays the store of the text, verifies phrases and serves snippets'
// text. Words match through their Indonesian stem (pengadaan finds diadakan); exact forms score
// higher; equal scores go to the newer letter.
// Owns search_index's document-page rows; archive/records.ts writes a record's metadata row in the
// record's own transaction. Both note the row in search_pending (engine/store.ts); the engine
// indexes noted rows in batches before it answers.
// Clearance: `classes` (the security classes the caller may see, a Viewer's `classes`) is a
// parameter of every search, applied inside the engine to every candidate before it is ranked,
// counted, shown, snippeted or used for a suggestion: a record outside it does not exist here.
import type { Bilingual, RecordFilter, SearchHit } from '../../preload/contract.ts';
import { CLASS_ORDER, type SecurityClassName } from '../clearance/viewer.ts';
import type { Db } from '../db/connection.ts';
import { subtreeRange, assertCode } from '../archive/codes.ts';
import { RECORDS, recordHeading } from '../archive/queries.ts';
import { parseQuery, type QueryTerm } from './query.ts';
import { dateKey, snapshotOf, type Snapshot } from './engine/reader.ts';
import { rank, type Clause, type Ranked } from './engine/rank.ts';
import { sql } from '../db/statements.ts';
import { indexGeneration, noteRow, noteRowsRemoved, prepareIndex } from './engine/store.ts';
import { fold, STEM_MARK, stemOf, words } from './engine/text.ts';
import { suggest } from './engine/suggest.ts';

export interface SearchOptions {
  filter: RecordFilter;
  offset: number;
  limit: number;
  /** The security classes the caller may see (a Viewer's `classes`); nothing else is searched. */
  classes: readonly SecurityClassName[];
}

export interface SearchResult {
  total: number;
  /** More than TOTAL_CAP records match; `total` is then TOTAL_CAP. */
  capped: boolean;
  hits: SearchHit[];
  notice: Bilingual | null;
}

/** Counting stops here: a query matching more is reported as "more than". */
export const TOTAL_CAP = 10_000;

export function hasFilter(filter: RecordFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0));
}

/** Whether a record may be counted and shown: every filter and the clearance, from the snapshot. */
function acceptor(snap: Snapshot, filter: RecordFilter, classes: readonly SecurityClassName[]): (recordId: number) => boolean {
  const idsOf = (interned: Snapshot['classes'], values: readonly string[] | undefined): Uint8Array | null => {
    if (!values) return null;
    const allowed = new Uint8Array(interned.values.length + 1);
    for (const v of values) {
      const id = interned.lookup(v);
      if (id !== undefined) allowed[id] = 1;
    }
    return allowed;
  };
  const status = filter.status?.length ? idsOf(snap.statuses, filter.status) : null;
  const medium = filter.medium?.length ? idsOf(snap.media, filter.medium) : null;
  let security = filter.securityClass?.length ? idsOf(snap.classes, filter.securityClass) : null;
  if (CLASS_ORDER.some((c) => !classes.includes(c))) {
    const cleared = idsOf(snap.classes, classes)!;
    if (security) for (let i = 0; i < security.length; i++) security[i] = security[i]! & (cleared[i] ?? 0);
    else security = cleared;
  }
  let codes: Uint8Array | null = null;
  if (filter.codePrefix) {
    const { from, to } = subtreeRange(assertCode(filter.codePrefix));
    codes = new Uint8Array(snap.codes.values.length + 1);
    snap.codes.values.forEach((v, i) => {
      if (i > 0 && v >= from && v < to) codes![i] = 1;
    });
  }
  // As the records list filters (archive/records filterSql): a record dated only "2025" or
  // "2025-03" may fall on or after any day of that year or month.
  const dateFrom = dateKey(filter.dateFrom);
  const fromYear = filter.dateFrom ? dateKey(filter.dateFrom.slice(0, 4)) : 0;
  const fromMonth = filter.dateFrom ? dateKey(filter.dateFrom.slice(0, 7)) : 0;
  const dateTo = dateKey(filter.dateTo);
  const fileId = filter.fileId ?? 0;
  const unfiled = filter.unfiled === true;
  return (id) => {
    if (snap.present[id] !== 1) return false;
    if (security && security[snap.securityOf[id]!] !== 1) return false;
    if (status && status[snap.statusOf[id]!] !== 1) return false;
    if (medium && medium[snap.mediumOf[id]!] !== 1) return false;
    if (codes && codes[snap.codeOf[id]!] !== 1) return false;
    if (unfiled && snap.codeOf[id] !== 0) return false;
    if (fileId && snap.fileOf[id] !== fileId) return false;
    if (dateFrom || dateTo) {
      const d = snap.dateOf[id]!;
      if (d === 0 || (dateFrom && d < dateFrom && d !== fromYear && d !== fromMonth) || (dateTo && d > dateTo)) return false;
    }
    return true;
  };
}

interface Plan {
  clauses: Clause[];
  /** FTS5 expressions each matching unit must also satisfy (phrases). */
  phrases: string[];
  /** Folded exact words, stems and prefixes, to mark in snippets. */
  marks: { exact: Set<string>; stems: Set<string>; prefixes: string[] };
  /** Single words of 5+ letters with their stem's term id: candidates for a typo suggestion when
   *  the caller can find nothing through the stem. */
  unknown: { word: string; stemId: number | undefined }[];
  /** The stems' term ids (their scores are weighed by STEM_WEIGHT). */
  stems: Set<number>;
}

/** A stem's share of a word's score. BM25 over the exact forms is the reference (FTS5's, and
 *  what a clerk expects: the words typed, weighed by how rare they are); the stem adds a little
 *  to it, and alone it still finds `diadakan` for `pengadaan`, below most exact matches. Top-10
 *  overlap with exact BM25 on the 100k bench archive: 0.986 at 1, 0.995 at 0.3. */
export const STEM_WEIGHT = 0.3;

function planQuery(db: Db, groups: QueryTerm[][]): Plan {
  const idOf = db.prepare('SELECT id FROM search_terms WHERE term = ?').pluck();
  const expand = db.prepare("SELECT id FROM search_terms WHERE term >= ? AND term < ? || char(1114111)").pluck();
  const id = (term: string) => idOf.get(term) as number | undefined;
  const plan: Plan = { clauses: [], phrases: [], marks: { exact: new Set(), stems: new Set(), prefixes: [] }, unknown: [], stems: new Set() };
  for (const group of groups) {
    const clause: Clause = { match: [], bonus: [] };
    const phraseParts: string[] = [];
    for (const term of group) {
      const list = words(term.value);
      if (list.length === 0) continue;
      if (term.prefix && list.length === 1) {
        const p = list[0]!;
        plan.marks.prefixes.push(p);
        clause.match.push(...(expand.all(p, p) as number[]));
        if (group.length === 1) clause.best = true;
        continue;
      }
      if (term.phrase || list.length > 1) {
        // A phrase: every word exactly (each its own clause), the word order checked by FTS5.
        for (const w of list) {
          plan.marks.exact.add(w);
          const wid = id(w);
          plan.clauses.push({ match: wid === undefined ? [] : [wid], bonus: [] });
        }
        phraseParts.push(`"${term.value.replace(/"/g, '""')}"`);
        continue;
      }
      const w = list[0]!;
      const stem = stemOf(w);
      plan.marks.exact.add(w);
      plan.marks.stems.add(stem);
      const sid = id(STEM_MARK + stem);
      const wid = id(w);
      if (sid !== undefined) {
        clause.match.push(sid);
        plan.stems.add(sid);
      }
      if (wid !== undefined) clause.bonus.push(wid);
      if (w.length >= 5) plan.unknown.push({ word: w, stemId: sid });
    }
    if (phraseParts.length > 0) plan.phrases.push(phraseParts.join(' OR '));
    if (clause.match.length > 0 || clause.bonus.length > 0 || group.some((t) => !t.phrase && !(words(t.value).length > 1))) plan.clauses.push(clause);
  }
  return plan;
}

/** A window of the unit's text around its first matched word, matches marked \u0002…\u0003.
 *  Reads the text only as far as the window needs (a page can hold thousands of words). */
function makeSnippet(text: string, marks: Plan['marks'], size = 14): string {
  const hit = (t: string) => {
    const f = fold(t);
    return marks.exact.has(f) || marks.stems.has(stemOf(f)) || marks.prefixes.some((p) => f.startsWith(p));
  };
  const tokens: RegExpExecArray[] = [];
  let first = -1;
  let more = false;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (first >= 0 && tokens.length >= Math.max(0, first - Math.floor(size / 3)) + size) {
      more = true;
      break;
    }
    tokens.push(m);
    if (first < 0 && hit(m[0])) first = tokens.length - 1;
  }
  if (tokens.length === 0) return '';
  const from = Math.max(0, Math.max(0, first) - Math.floor(size / 3));
  const to = Math.min(tokens.length, from + size);
  let out = from > 0 ? '…' : '';
  let at = tokens[from]!.index;
  for (let i = from; i < to; i++) {
    const m = tokens[i]!;
    out += text.slice(at, m.index).replace(/\s+/g, ' ');
    out += hit(m[0]) ? `\u0002${m[0]}\u0003` : m[0];
    at = m.index + m[0].length;
  }
  if (to < tokens.length || more) out += '…';
  return out.trim();
}

/** Units per range whose phrase rows FTS5 lists in one query. */
const PHRASE_CHUNK_SHIFT = 12;

/**
 * Whether a unit's row holds every phrase in word order, asked of FTS5 a range of units at a
 * time and only for the ranges the ranking visits: the rows of a phrase in most documents are
 * listed for the few ranges the top page and the capped total need, not for the whole archive.
 * A range's units came from consecutive rows of a rebuild, so one `rowid BETWEEN` per range
 * covers them (a unit written since, with a row id outside, only widens its range).
 */
function phraseChecker(db: Db, snap: Snapshot, phrases: string[]): (uid: number) => boolean {
  const rows = sql(db, 'SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid BETWEEN ? AND ?').pluck();
  const chunks = new Map<number, Set<number>[]>();
  return (uid) => {
    const chunk = uid >> PHRASE_CHUNK_SHIFT;
    let sets = chunks.get(chunk);
    if (!sets) {
      let lo = Infinity;
      let hi = -Infinity;
      const end = Math.min(snap.lastUid, ((chunk + 1) << PHRASE_CHUNK_SHIFT) - 1);
      for (let u = chunk << PHRASE_CHUNK_SHIFT; u <= end; u++) {
        if (snap.recordOf[u] === 0) continue;
        const rowid = snap.rowidOf[u]!;
        if (rowid < lo) lo = rowid;
        if (rowid > hi) hi = rowid;
      }
      // Row ids bound as BigInt: FTS5 does not use a REAL bound to seek.
      sets = lo > hi ? [] : phrases.map((p) => new Set(rows.all(p, BigInt(lo), BigInt(hi)) as number[]));
      chunks.set(chunk, sets);
    }
    const rowid = snap.rowidOf[uid]!;
    return sets.length > 0 && sets.every((set) => set.has(rowid));
  };
}

// The last few rankings of each connection, so that page 2 and later do not rank again from
// the start (the k-th best score falls as k grows, so a deep page costs more than the first).
// Keyed on everything a ranking reads: the query, the filter, the caller's classes, and the
// index's and snapshot's state, so any write to the archive, or another caller's clearance, is a
// different key. The first page always ranks afresh.
const RANKINGS_KEPT = 8;
interface Ranking {
  key: string;
  k: number;
  /** The top k (fewer when fewer match), best first. */
  hits: Ranked[];
  total: number;
}
const rankings = new WeakMap<Db, Ranking[]>();

function rankingFor(db: Db, key: string, want: number): Ranking | undefined {
  return rankings.get(db)?.find((r) => r.key === key && (r.k >= want || r.hits.length < r.k));
}

function keepRanking(db: Db, ranking: Ranking): void {
  const list = (rankings.get(db) ?? []).filter((r) => r.key !== ranking.key);
  list.unshift(ranking);
  rankings.set(db, list.slice(0, RANKINGS_KEPT));
}

/** Forgets the kept rankings (the benchmark times pages as if each were the first asked). */
export function forgetRankings(db: Db): void {
  rankings.delete(db);
}

export function search(db: Db, query: string, options: SearchOptions): SearchResult {
  const parsed = parseQuery(query);
  if (!parsed.match || options.classes.length === 0) return { total: 0, capped: false, hits: [], notice: parsed.notice };
  prepareIndex(db);
  const snap = snapshotOf(db);
  const plan = planQuery(db, parsed.groups);
  const accept = acceptor(snap, options.filter, options.classes);
  // Phrases: FTS5 lists the rows holding the words in order (positions, no ranking, no content
  // read); the engine ranks, filters and counts among them.
  const verify = plan.phrases.length > 0 ? phraseChecker(db, snap, plan.phrases) : undefined;
  const want = options.offset + options.limit;
  const key = JSON.stringify([query, options.filter, options.classes, snap.epoch, snap.lastUid, snap.deadSeq, snap.changeSeq, indexGeneration(db)]);
  let ranked = options.offset > 0 ? rankingFor(db, key, want) : undefined;
  if (!ranked) {
    // A later page ranks twice as deep as it needs, so paging on from it is served from here.
    const k = options.offset > 0 ? want * 2 : want;
    const r = rank(db, snap, plan.clauses, { k, countCap: TOTAL_CAP + 1, accept, verify, termWeight: (id) => (plan.stems.has(id) ? STEM_WEIGHT : 1) });
    r.hits.sort((a, b) => b.score - a.score || snap.dateOf[b.recordId]! - snap.dateOf[a.recordId]! || b.recordId - a.recordId);
    ranked = { key, k, hits: r.hits.slice(0, k), total: r.total };
    keepRanking(db, ranked);
  }
  const page = ranked.hits.slice(options.offset, want);

  let notice = parsed.notice;
  if (ranked.total === 0 && plan.unknown.length > 0) {
    // Whether the caller could find anything with one term: the same engine, the same filter.
    // A word only records above the caller's clearance hold counts as unknown to them, exactly as
    // a word no record holds: the suggestion (or its absence) tells nothing about hidden records.
    const visible = (termId: number) => rank(db, snap, [{ match: [termId], bonus: [] }], { k: 1, countCap: 1, accept }).total > 0;
    const unknown = plan.unknown.filter((u) => u.stemId === undefined || !visible(u.stemId)).map((u) => u.word);
    const fixed = unknown.length > 0 ? suggest(db, parsed.terms, unknown, visible) : null;
    if (fixed) notice = { id: `Mungkin maksud Anda: ${fixed}`, en: `Did you mean: ${fixed}` };
  }

  const body = sql(db, 'SELECT body FROM search_index WHERE rowid = ?').pluck();
  const hits: SearchHit[] = page.map((h) => {
    const r = recordHeading(db, h.recordId)!;
    const rowid = snap.rowidOf[h.uid]!;
    const isPage = rowid >= PAGE_ROWID_BASE;
    return {
      recordId: h.recordId,
      subject: r.subject,
      letterNumber: r.letter_number,
      letterDate: r.letter_date,
      classificationCode: r.classification_code,
      documentId: isPage ? Math.floor((rowid - PAGE_ROWID_BASE) / PAGES_PER_DOCUMENT) : null,
      page: isPage ? (rowid - PAGE_ROWID_BASE) % PAGES_PER_DOCUMENT : null,
      snippet: makeSnippet((body.get(rowid) as string | undefined) ?? '', plan.marks),
      score: h.score,
    };
  });
  const capped = ranked.total > TOTAL_CAP;
  return { total: capped ? TOTAL_CAP : ranked.total, capped, hits, notice };
}

const PAGE_ROWID_BASE = 2 ** 40;
const PAGES_PER_DOCUMENT = 2 ** 16;
export const MAX_INDEXED_PAGES = PAGES_PER_DOCUMENT - 1;

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

/** Row id of a document page in the index (record metadata rows use the record id). */
export function pageRowid(documentId: number, page: number): number {
  return PAGE_ROWID_BASE + documentId * PAGES_PER_DOCUMENT + page;
}

/** Writes a document's page text into the index (the extractor calls this page by page). */
export function indexPage(db: Db, recordId: number, documentId: number, page: number, text: string): void {
  if (page < 1 || page > MAX_INDEXED_PAGES) return;
  const rowid = pageRowid(documentId, page);
  sql(db, 'INSERT OR REPLACE INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, ?, ?, ?)').run(rowid, recordId, documentId, page, text);
  noteRow(db, rowid);
}

/** Removes a document's page text by row-id range (no scan of the index). */
export function removeDocumentText(db: Db, documentId: number): void {
  sql(db, 'DELETE FROM search_index WHERE rowid BETWEEN ? AND ?').run(pageRowid(documentId, 0), pageRowid(documentId, MAX_INDEXED_PAGES));
  noteRowsRemoved(db, pageRowid(documentId, 0), pageRowid(documentId, MAX_INDEXED_PAGES));
}
