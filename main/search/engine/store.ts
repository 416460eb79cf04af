// The ranked-search index's tables: the vocabulary, postings in blocks with each block's best
// score, the fresh postings not yet in blocks (the delta), the units (one per row of the FTS5
// table: a record's metadata or one document page) and the change logs readers catch up from.
// Owns search_terms, search_blocks, search_delta, search_units, search_dead, search_changes and
// search_state. Every write here runs inside the caller's transaction, beside the FTS5 row it
// mirrors, so the two never disagree after a crash; `rebuildIndex` rebuilds all of it from FTS5
// (the source of truth for text). It must never decide what a user may see: that is the engine's.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/connection.ts';
import { termCounts } from './text.ts';

/** BM25 constants, as FTS5 and Lucene use them. */
export const K1 = 1.2;
export const B = 0.75;
/** Postings per block: small enough that a block's best score is a tight bound. */
export const BLOCK = 128;

export function tfNorm(tf: number, len: number, avgdl: number): number {
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avgdl));
}

// ── varints ────────────────────────────────────────────────────────────────────────────────

export function encodePostings(uids: ArrayLike<number>, tfs: ArrayLike<number>, from: number, to: number, base: number): Buffer {
  const out = Buffer.allocUnsafe((to - from) * 10);
  let at = 0;
  let prev = base;
  const put = (v: number) => {
    while (v >= 0x80) {
      out[at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    out[at++] = v;
  };
  for (let i = from; i < to; i++) {
    put(uids[i]! - prev);
    put(tfs[i]!);
    prev = uids[i]!;
  }
  return out.subarray(0, at);
}

/** Decodes a block into uids and tfs (the first uid is relative to first_uid). */
export function decodePostings(data: Uint8Array, n: number, firstUid: number): { uids: Float64Array; tfs: Uint32Array } {
  const uids = new Float64Array(n);
  const tfs = new Uint32Array(n);
  let at = 0;
  let prev = firstUid;
  const get = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const byte = data[at++]!;
      v += (byte & 0x7f) * mul;
      if (byte < 0x80) return v;
      mul *= 0x80;
    }
  };
  for (let i = 0; i < n; i++) {
    prev += get();
    uids[i] = prev;
    tfs[i] = get();
  }
  return { uids, tfs };
}

// ── state ──────────────────────────────────────────────────────────────────────────────────

export function stateValue(db: Db, key: string): number {
  return (db.prepare('SELECT value FROM search_state WHERE key = ?').pluck().get(key) as number | undefined) ?? 0;
}

function setState(db: Db, key: string, value: number): void {
  db.prepare('INSERT INTO search_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

// ── writes that mirror the FTS5 table ─────────────────────────────────────────────────────

const termIds = new WeakMap<Db, { epoch: number; ids: Map<string, number> }>();

function termIdCache(db: Db): Map<string, number> {
  const epoch = stateValue(db, 'epoch');
  let cache = termIds.get(db);
  if (!cache || cache.epoch !== epoch) {
    cache = { epoch, ids: new Map() };
    termIds.set(db, cache);
  }
  return cache.ids;
}

function termId(db: Db, cache: Map<string, number>, term: string): number {
  let id = cache.get(term);
  if (id !== undefined) return id;
  id = db.prepare('SELECT id FROM search_terms WHERE term = ?').pluck().get(term) as number | undefined;
  if (id === undefined) id = Number(db.prepare('INSERT INTO search_terms (term) VALUES (?)').run(term).lastInsertRowid);
  if (cache.size > 500_000) cache.clear();
  cache.set(term, id);
  return id;
}

/** The FTS5 row `ftsRowid` now holds `text` for record `recordId` (call beside the FTS5 write,
 *  inside its transaction). */
export function writeUnit(db: Db, ftsRowid: number, recordId: number, text: string): void {
  removeUnits(db, ftsRowid, ftsRowid);
  const { counts, length } = termCounts(text);
  if (length === 0) return;
  const uid = Number(db.prepare('INSERT INTO search_units (fts_rowid, record_id, len) VALUES (?, ?, ?)').run(ftsRowid, recordId, length).lastInsertRowid);
  const cache = termIdCache(db);
  const insert = db.prepare('INSERT INTO search_delta (term_id, uid, tf) VALUES (?, ?, ?)');
  for (const [term, tf] of counts) insert.run(termId(db, cache, term), uid, tf);
  if (stateValue(db, 'avgdl') === 0) setState(db, 'avgdl', Math.max(length, 1));
}

/** The FTS5 rows from..to were deleted: their units die (blocks keep their postings until a rebuild). */
export function removeUnits(db: Db, fromRowid: number, toRowid: number): void {
  const uids = db.prepare('SELECT uid FROM search_units WHERE fts_rowid BETWEEN ? AND ?').pluck().all(fromRowid, toRowid) as number[];
  if (uids.length === 0) return;
  const dead = db.prepare('INSERT INTO search_dead (uid) VALUES (?)');
  const del = db.prepare('DELETE FROM search_units WHERE uid = ?');
  for (const uid of uids) {
    dead.run(uid);
    del.run(uid);
  }
}

// ── moving the delta into blocks ───────────────────────────────────────────────────────────

/** Rows in the delta: what a search reads without block bounds. */
export function deltaSize(db: Db): number {
  return db.prepare('SELECT count(*) FROM search_delta').pluck().get() as number;
}

/** Moves fresh postings into blocks, one term per transaction so writers are never held up for
 *  long. Cost grows with the delta, not with the index. */
export function flushDelta(db: Db, options: { maxTerms?: number; budgetMs?: number } = {}): { terms: number; postings: number; remaining: number } {
  const begun = performance.now();
  prepareIndex(db);
  let avgdl = stateValue(db, 'avgdl');
  if (avgdl <= 0) {
    avgdl = (db.prepare('SELECT avg(len) FROM search_units').pluck().get() as number | null) ?? 1;
    db.transaction(() => setState(db, 'avgdl', avgdl))();
  }
  const terms = db.prepare('SELECT DISTINCT term_id FROM search_delta').pluck().all() as number[];
  const rowsOf = db.prepare('SELECT d.uid AS uid, d.tf AS tf, coalesce(u.len, 1) AS len FROM search_delta d LEFT JOIN search_units u ON u.uid = d.uid WHERE d.term_id = ? ORDER BY d.uid');
  const insert = db.prepare('INSERT INTO search_blocks (term_id, last_uid, first_uid, n, bound, data) VALUES (?, ?, ?, ?, ?, ?)');
  const clear = db.prepare('DELETE FROM search_delta WHERE term_id = ?');
  const df = db.prepare('UPDATE search_terms SET df = df + ? WHERE id = ?');
  let postings = 0;
  let done = 0;
  // Many terms per transaction (a commit is an fsync), but never one long hold on the writer.
  const limit = options.maxTerms ?? terms.length;
  while (done < Math.min(limit, terms.length)) {
    if (options.budgetMs !== undefined && performance.now() - begun > options.budgetMs) break;
    const started = performance.now();
    db.transaction(() => {
      while (done < Math.min(limit, terms.length) && performance.now() - started < 200) {
        const termIdValue = terms[done]!;
        const rows = rowsOf.all(termIdValue) as { uid: number; tf: number; len: number }[];
        writeBlocks(insert, termIdValue, rows.map((r) => r.uid), rows.map((r) => r.tf), rows.map((r) => r.len), avgdl);
        clear.run(termIdValue);
        df.run(rows.length, termIdValue);
        postings += rows.length;
        done++;
      }
    })();
  }
  return { terms: done, postings, remaining: terms.length - done };
}

function writeBlocks(
  insert: Statement<unknown[]>,
  termIdValue: number,
  uids: ArrayLike<number>,
  tfs: ArrayLike<number>,
  lens: ArrayLike<number>,
  avgdl: number,
): void {
  for (let from = 0; from < uids.length; from += BLOCK) {
    const to = Math.min(uids.length, from + BLOCK);
    let bound = 0;
    for (let i = from; i < to; i++) bound = Math.max(bound, tfNorm(tfs[i]!, lens[i]!, avgdl));
    insert.run(termIdValue, uids[to - 1]!, uids[from]!, to - from, bound, encodePostings(uids, tfs, from, to, uids[from]!));
  }
}

/** Makes the index answer for what the database holds now: rebuilds it when migration 0160 asked
 *  for it (an archive from before the engine), and applies the records noted in search_pending
 *  (their metadata rows, written by archive/records in the record's transaction). Called before
 *  every search, every flush and every check; cheap when nothing is pending. */
export function prepareIndex(db: Db): void {
  if (db.readonly) return;
  if (stateValue(db, 'rebuild') !== 0) {
    rebuildIndex(db);
    return;
  }
  const next = db.prepare('SELECT record_id FROM search_pending ORDER BY record_id LIMIT 5000').pluck();
  const row = db.prepare('SELECT record_id AS recordId, body FROM search_index WHERE rowid = ?');
  const done = db.prepare('DELETE FROM search_pending WHERE record_id = ?');
  for (;;) {
    const ids = next.all() as number[];
    if (ids.length === 0) return;
    db.transaction(() => {
      for (const id of ids) {
        const r = row.get(id) as { recordId: number; body: string | null } | undefined;
        if (r) writeUnit(db, id, r.recordId, r.body ?? '');
        else removeUnits(db, id, id);
        done.run(id);
      }
    })();
  }
}

// ── rebuilding from FTS5 ───────────────────────────────────────────────────────────────────

const UNITS_PER_CHUNK = 100_000;

/** Rebuilds the whole index from the FTS5 table in one transaction (readers see the old index
 *  until it commits, then reload): `berkas reindex`, migration 0160, and `verify --repair`. */
export function rebuildIndex(db: Db, onProgress?: (units: number) => void): { units: number; terms: number; postings: number } {
  return db.transaction(() => {
    db.exec('DELETE FROM search_blocks; DELETE FROM search_delta; DELETE FROM search_units; DELETE FROM search_dead; DELETE FROM search_terms; DELETE FROM search_changes; DELETE FROM search_pending');
    db.exec("DELETE FROM sqlite_sequence WHERE name IN ('search_units', 'search_dead', 'search_changes')");
    // avgdl is measured on a sample first, so blocks of the first chunk get the same norm as the rest.
    let sampleLen = 0;
    let sampleN = 0;
    for (const row of db.prepare('SELECT body FROM search_index LIMIT 2000').all() as { body: string | null }[]) {
      sampleLen += termCounts(row.body ?? '').length;
      sampleN++;
    }
    const avgdl = sampleN > 0 && sampleLen > 0 ? sampleLen / sampleN : 1;
    const insertUnit = db.prepare('INSERT INTO search_units (uid, fts_rowid, record_id, len) VALUES (?, ?, ?, ?)');
    const insertTerm = db.prepare('INSERT INTO search_terms (id, term, df) VALUES (?, ?, ?)');
    const updateDf = db.prepare('UPDATE search_terms SET df = df + ? WHERE id = ?');
    const insertBlock = db.prepare('INSERT INTO search_blocks (term_id, last_uid, first_uid, n, bound, data) VALUES (?, ?, ?, ?, ?, ?)');
    const ids = new Map<string, number>();
    let uid = 0;
    let postings = 0;
    type Acc = { uids: number[]; tfs: number[]; lens: number[] };
    let chunk = new Map<number, Acc>();
    let inChunk = 0;
    const flush = () => {
      for (const [tid, acc] of chunk) {
        writeBlocks(insertBlock, tid, acc.uids, acc.tfs, acc.lens, avgdl);
        updateDf.run(acc.uids.length, tid);
        postings += acc.uids.length;
      }
      chunk = new Map();
      inChunk = 0;
      onProgress?.(uid);
    };
    // Read in pages: a connection cannot write while a statement of it is still being iterated.
    const pageOf = db.prepare('SELECT rowid AS rowid, record_id AS recordId, body FROM search_index WHERE rowid > ? ORDER BY rowid LIMIT 2000');
    let after = -1;
    for (;;) {
      const rows = pageOf.all(after) as { rowid: number; recordId: number; body: string | null }[];
      if (rows.length === 0) break;
      after = rows.at(-1)!.rowid;
    for (const row of rows) {
      const { counts, length } = termCounts(row.body ?? '');
      if (length === 0) continue;
      uid++;
      insertUnit.run(uid, row.rowid, row.recordId, length);
      for (const [term, tf] of counts) {
        let tid = ids.get(term);
        if (tid === undefined) {
          tid = ids.size + 1;
          ids.set(term, tid);
          insertTerm.run(tid, term, 0);
        }
        let acc = chunk.get(tid);
        if (!acc) chunk.set(tid, (acc = { uids: [], tfs: [], lens: [] }));
        acc.uids.push(uid);
        acc.tfs.push(tf);
        acc.lens.push(length);
      }
      if (++inChunk >= UNITS_PER_CHUNK) flush();
    }
    }
    flush();
    setState(db, 'avgdl', avgdl);
    setState(db, 'epoch', stateValue(db, 'epoch') + 1);
    setState(db, 'rebuild', 0);
    return { units: uid, terms: ids.size, postings };
  })();
}

// ── checking against FTS5 ──────────────────────────────────────────────────────────────────

export interface IndexCheck {
  ok: boolean;
  ftsRows: number;
  units: number;
  /** FTS5 rows with words but no unit, units without their FTS5 row, units whose text changed. */
  problems: string[];
}

/** Proves the index mirrors FTS5: one live unit per FTS5 row with words, none for rows gone, and
 *  a sample of units re-tokenized to the same length and record. `verify` calls it. */
export function checkIndex(db: Db, sample = 200): IndexCheck {
  prepareIndex(db);
  const problems: string[] = [];
  const fts = db.prepare('SELECT rowid FROM search_index').pluck().all() as number[];
  const units = new Map((db.prepare('SELECT fts_rowid, uid FROM search_units').raw().all() as [number, number][]).map(([r, u]) => [r, u]));
  const body = db.prepare('SELECT record_id AS recordId, body FROM search_index WHERE rowid = ?');
  const ftsSet = new Set(fts);
  let missing = 0;
  for (const rowid of fts) {
    if (units.has(rowid)) continue;
    const row = body.get(rowid) as { body: string | null };
    if (termCounts(row.body ?? '').length > 0 && ++missing <= 5) problems.push(`search row ${rowid} has no unit in the ranked index`);
  }
  if (missing > 5) problems.push(`… ${missing} rows without a unit in all`);
  let orphans = 0;
  for (const rowid of units.keys()) if (!ftsSet.has(rowid) && ++orphans <= 5) problems.push(`unit for search row ${rowid}, which no longer exists`);
  const unitRow = db.prepare('SELECT fts_rowid AS rowid, record_id AS recordId, len FROM search_units WHERE uid = ?');
  const uids = [...units.values()];
  for (let i = 0; i < Math.min(sample, uids.length); i++) {
    const u = unitRow.get(uids[Math.floor((i * uids.length) / Math.min(sample, uids.length))]!) as { rowid: number; recordId: number; len: number };
    const row = body.get(u.rowid) as { recordId: number; body: string | null } | undefined;
    if (!row) continue;
    if (row.recordId !== u.recordId || termCounts(row.body ?? '').length !== u.len) problems.push(`unit for search row ${u.rowid} does not match its text`);
  }
  return { ok: problems.length === 0, ftsRows: fts.length, units: units.size, problems };
}
