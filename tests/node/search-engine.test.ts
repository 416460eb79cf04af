// The ranked search engine as a clerk notices it: Indonesian word forms found through their stem
// with the exact form first, a typo suggestion, totals that count records once, clearance
// applied inside the engine, the same top 10 as exhaustive BM25, and an index that a migration,
// a rebuild and `verify` agree on.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { openArchive } from '../../main/archive/open.ts';
import { CLASS_ORDER, fullViewer } from '../../main/clearance/viewer.ts';
import { createRecord, DEFAULT_FIELDS, updateRecord } from '../../main/archive/records.ts';
import { archiveWithUser, runCli } from '../helpers/cli.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { snapshotOf } from '../../main/search/engine/reader.ts';
import { idf } from '../../main/search/engine/rank.ts';
import { checkIndex, deltaSize, flushDelta, rebuildIndex, stateValue, tfNorm } from '../../main/search/engine/store.ts';
import { termCounts, STEM_MARK, stemOf } from '../../main/search/engine/text.ts';
import { indexPage, pageRowid, search, STEM_WEIGHT } from '../../main/search/search.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { RecordFields } from '../../preload/contract.ts';

const all = { filter: {}, offset: 0, limit: 50, classes: CLASS_ORDER };
const editor = fullViewer('t');

function fresh() {
  return openArchive(join(tempDir(), 'a'));
}

function add(db: Database.Database, subject: string, extra: Partial<RecordFields> = {}) {
  return createRecord(db, { ...DEFAULT_FIELDS, subject, ...extra }, editor).id;
}

function addPage(db: Database.Database, recordId: number, page: number, text: string, docKey: string) {
  const docId = Number(
    db
      .prepare("INSERT INTO documents (record_id, role, sha256, size, mime, original_name, imported_at) VALUES (?, 'main', ?, 1, 'text/plain', 'x.txt', ?) ON CONFLICT (sha256) DO UPDATE SET size = size RETURNING id")
      .pluck()
      .get(recordId, docKey.padEnd(64, '0'), new Date().toISOString()),
  );
  db.transaction(() => indexPage(db, recordId, docId, page, text))();
}

test('pengadaan finds a record that says only "diadakan", below the one with the exact word', () => {
  const archive = fresh();
  try {
    const { db } = archive;
    const stemOnly = add(db, 'Rapat kerja yang diadakan di Samarinda');
    const exact = add(db, 'Rapat pengadaan barang di Samarinda');
    add(db, 'Nota dinas perjalanan');
    const r = search(db, 'pengadaan', all);
    assert.equal(r.total, 2);
    assert.deepEqual(
      r.hits.map((h) => h.recordId),
      [exact, stemOnly],
      'the exact form ranks first',
    );
    assert.ok(r.hits[1]!.snippet.includes('\u0002diadakan\u0003'), 'the stem match is marked in its snippet');
    // and the other way round, and after the delta is moved into blocks
    flushDelta(db);
    assert.deepEqual(
      search(db, 'diadakan', all).hits.map((h) => h.recordId),
      [stemOnly, exact],
    );
    // reduplication: surat-surat is surat
    const plural = add(db, 'Surat-surat masuk bulan Mei');
    assert.ok(search(db, 'surat', all).hits.some((h) => h.recordId === plural));
  } finally {
    archive.close();
  }
});

test('a misspelt word of 5+ letters that matches nothing gets "Mungkin maksud Anda"', () => {
  const archive = fresh();
  try {
    add(archive.db, 'Laporan pengadaan barang milik daerah');
    const r = search(archive.db, 'pengadan barang', all);
    assert.equal(r.total, 0);
    assert.equal(r.notice?.id, 'Mungkin maksud Anda: pengadaan barang');
    assert.equal(r.notice?.en, 'Did you mean: pengadaan barang');
    assert.equal(search(archive.db, 'brg', all).notice, null, 'short words get no guess');
  } finally {
    archive.close();
  }
});

test('a rahasia hit is never counted or shown to a caller cleared for biasa only', () => {
  const archive = fresh();
  try {
    const { db } = archive;
    const open = add(db, 'Laporan banjir Kecamatan Loa Janan');
    add(db, 'Evaluasi tanggul sungai');
    const secret = add(db, 'Laporan banjir dan evakuasi rahasia', { securityClass: 'rahasia' });
    addPage(db, secret, 1, 'Banjir bandang: evakuasi warga Loa Janan, daftar nama pengungsi', 'secret-doc');
    const biasa = { ...all, classes: ['biasa'] as const };
    let r = search(db, 'banjir', biasa);
    assert.equal(r.total, 1);
    assert.deepEqual(r.hits.map((h) => h.recordId), [open]);
    assert.ok(r.hits.every((h) => !/evakuasi|pengungsi|rahasia/i.test(h.snippet)), 'no snippet carries the secret text');
    assert.equal(search(db, 'laporan', biasa).total, 1, 'the total counts only what the caller may see');
    assert.equal(search(db, '"banjir bandang"', biasa).total, 0, 'a phrase only the secret page holds finds nothing');
    assert.equal(search(db, 'pengung*', biasa).total, 0, 'nor does a prefix');
    assert.equal(search(db, 'banjir', { ...biasa, filter: { securityClass: ['rahasia'] } }).total, 0, 'asking for rahasia does not widen the clearance');
    assert.equal(search(db, 'banjir', { ...all, classes: [] }).total, 0, 'a caller cleared for nothing finds nothing');
    // A word only the secret record holds is, to the biasa caller, a word no record holds: no
    // hit, no count, and the suggestion a missing word gets (here the visible "evaluasi"), never
    // the hidden word.
    const hidden = search(db, 'evakuasi', biasa);
    assert.equal(hidden.total, 0);
    assert.equal(hidden.notice?.id, 'Mungkin maksud Anda: evaluasi');
    assert.equal(search(db, 'evakuasi', all).hits[0]!.recordId, secret, 'a caller cleared for rahasia finds it');
    assert.equal(search(db, 'pengungsy', all).notice?.id, 'Mungkin maksud Anda: pengungsi', 'full clearance: the typo is corrected to the secret word');
    assert.equal(search(db, 'pengungsy', biasa).notice, null, 'biasa: the secret word is never suggested');
    assert.equal(search(db, 'pengungsy', biasa).total, 0);
    // reclassifying is seen by the next search (the snapshot catches up from the change log)
    updateRecord(db, open, { securityClass: 'rahasia' }, editor);
    r = search(db, 'banjir', biasa);
    assert.equal(r.total, 0);
    assert.ok(search(db, 'banjir', all).hits.some((h) => h.recordId === secret));
  } finally {
    archive.close();
  }
});

test('a record matching on its metadata and on several pages counts once, with its best row', () => {
  const archive = fresh();
  try {
    const { db } = archive;
    const id = add(db, 'Kontrak jembatan gantung');
    for (let p = 1; p <= 4; p++) addPage(db, id, p, `Halaman ${p}: jembatan jembatan jembatan gantung di desa Sukamaju`, 'a');
    add(db, 'Jembatan lain di kota, dibangun dengan dana desa dan swadaya warga yang tinggal di tepi sungai besar');
    const r = search(db, 'jembatan', all);
    assert.equal(r.total, 2);
    assert.equal(new Set(r.hits.map((h) => h.recordId)).size, r.hits.length);
    assert.equal(r.hits[0]!.recordId, id);
    assert.ok(r.hits[0]!.page !== null, 'the page with the most mentions is the best row');
  } finally {
    archive.close();
  }
});

/** Deterministic records with Zipf-ish words, enough for many windows and blocks. */
function seedText(db: Database.Database, n: number) {
  const vocab = ['rapat', 'koordinasi', 'anggaran', 'pendidikan', 'kesehatan', 'jalan', 'jembatan', 'banjir', 'longsor', 'bantuan', 'sosial', 'laporan', 'keuangan', 'pengadaan', 'diadakan', 'mengadakan', 'pegawai', 'daerah', 'dinas', 'kegiatan'];
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const words: string[] = [];
      const len = 3 + Math.floor(rnd() * 25);
      for (let w = 0; w < len; w++) words.push(vocab[Math.floor(vocab.length * rnd() ** 2)]!);
      const year = 2015 + Math.floor(rnd() * 10);
      createRecord(db, { ...DEFAULT_FIELDS, subject: words.join(' '), letterDate: `${year}-01-0${1 + (i % 9)}`, securityClass: i % 7 === 0 ? 'rahasia' : 'biasa', classificationCode: i % 3 === 0 ? '000.1' : '600.1' }, editor);
    }
  })();
}

/** Exhaustive BM25 over every unit with the engine's own formula: the reference for top-k. */
function exhaustive(db: Database.Database, query: string[], accept: (recordId: number, security: string, code: string | null) => boolean, k: number): number[] {
  const units = db.prepare('SELECT u.uid, u.record_id AS recordId, s.body, r.security_class AS sec, r.classification_code AS code, r.letter_date AS date FROM search_units u JOIN search_index s ON s.rowid = u.fts_rowid JOIN records r ON r.id = u.record_id').all() as {
    uid: number;
    recordId: number;
    body: string;
    sec: string;
    code: string | null;
    date: string;
  }[];
  const avgdl = stateValue(db, 'avgdl');
  const counted = units.map((u) => ({ ...u, ...termCounts(u.body) }));
  const df = (t: string) => counted.filter((u) => u.counts.has(t)).length;
  const best = new Map<number, { score: number; date: string }>();
  for (const u of counted) {
    if (!query.every((w) => u.counts.has(STEM_MARK + stemOf(w))) || !accept(u.recordId, u.sec, u.code)) continue;
    let score = 0;
    for (const w of query) {
      for (const t of new Set([STEM_MARK + stemOf(w), w])) if (u.counts.has(t)) score += (t.startsWith(STEM_MARK) ? STEM_WEIGHT : 1) * idf(counted.length, df(t)) * tfNorm(u.counts.get(t)!, u.length, avgdl);
    }
    const had = best.get(u.recordId);
    if (!had || score > had.score) best.set(u.recordId, { score, date: u.date });
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score || b[1].date.localeCompare(a[1].date) || b[0] - a[0])
    .slice(0, k)
    .map(([id]) => id);
}

/** The same for a prefix, scored by its best word (a prefix stands for one word). */
function exhaustivePrefix(db: Database.Database, prefix: string, k: number): number[] {
  const units = db.prepare('SELECT u.record_id AS recordId, s.body, r.letter_date AS date FROM search_units u JOIN search_index s ON s.rowid = u.fts_rowid JOIN records r ON r.id = u.record_id').all() as { recordId: number; body: string; date: string }[];
  const avgdl = stateValue(db, 'avgdl');
  const counted = units.map((u) => ({ ...u, ...termCounts(u.body) }));
  const dfs = new Map<string, number>();
  for (const u of counted) for (const t of u.counts.keys()) if (t.startsWith(prefix)) dfs.set(t, (dfs.get(t) ?? 0) + 1);
  const best = new Map<number, { score: number; date: string }>();
  for (const u of counted) {
    let score = 0;
    for (const [t, tf] of u.counts) if (t.startsWith(prefix)) score = Math.max(score, idf(counted.length, dfs.get(t)!) * tfNorm(tf, u.length, avgdl));
    if (score === 0) continue;
    const had = best.get(u.recordId);
    if (!had || score > had.score) best.set(u.recordId, { score, date: u.date });
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score || b[1].date.localeCompare(a[1].date) || b[0] - a[0])
    .slice(0, k)
    .map(([id]) => id);
}

test('the top 10 equal exhaustive BM25, with filters and clearance, from blocks and from the delta', { timeout: 120_000 }, () => {
  const archive = fresh();
  try {
    const { db } = archive;
    seedText(db, 6000);
    const queries = [['rapat'], ['pengadaan'], ['banjir', 'longsor'], ['jembatan', 'pegawai', 'dinas'], ['daerah']];
    const check = (label: string) => {
      for (const q of queries) {
        for (const [name, options, accept] of [
          ['all', all, () => true],
          ['biasa, code 000.1', { ...all, filter: { codePrefix: '000.1' }, classes: ['biasa'] as const }, (_: number, sec: string, code: string | null) => sec === 'biasa' && code === '000.1'],
        ] as const) {
          const got = search(db, q.join(' '), { ...options, limit: 10 }).hits.map((h) => h.recordId);
          assert.deepEqual(got, exhaustive(db, q, accept, 10), `${label}: ${q.join(' ')} (${name})`);
        }
      }
      for (const prefix of ['pen', 'keg']) assert.deepEqual(search(db, `${prefix}*`, { ...all, limit: 10 }).hits.map((h) => h.recordId), exhaustivePrefix(db, prefix, 10), `${label}: ${prefix}*`);
      const page5 = search(db, 'rapat', { ...all, offset: 40, limit: 10 }).hits.map((h) => h.recordId);
      assert.deepEqual(page5, exhaustive(db, ['rapat'], () => true, 50).slice(40), `${label}: page 5`);
    };
    // A bulk load is indexed in batches written straight as blocks; a few edits afterwards go to
    // the delta; flushing moves them into blocks; a rebuild starts over from FTS5.
    check('batches');
    for (let i = 0; i < 40; i++) {
      createRecord(db, { ...DEFAULT_FIELDS, subject: `rapat pengadaan daerah ${i % 2 ? 'banjir' : 'longsor'} jembatan`, letterDate: `2024-06-0${1 + (i % 9)}`, classificationCode: '000.1' }, editor);
      search(db, 'rapat', { ...all, limit: 1 });
    }
    assert.ok(deltaSize(db) > 0, 'single edits went to the delta');
    check('delta');
    flushDelta(db);
    assert.equal(deltaSize(db), 0);
    check('blocks');
    const before = search(db, 'daerah', all).total;
    rebuildIndex(db);
    check('rebuilt');
    assert.equal(search(db, 'daerah', all).total, before);
    assert.ok(snapshotOf(db).liveUnits >= 6000);
  } finally {
    archive.close();
  }
});

test('totals are exact up to 10,000 records and "more than" beyond', { timeout: 120_000 }, () => {
  const archive = fresh();
  try {
    const { db } = archive;
    db.transaction(() => {
      for (let i = 0; i < 10_050; i++) createRecord(db, { ...DEFAULT_FIELDS, subject: i < 9_990 ? `Surat edaran ${i}` : `Surat edaran khusus ${i}` }, editor);
    })();
    flushDelta(db);
    const many = search(db, 'edaran', all);
    assert.equal(many.capped, true);
    assert.equal(many.total, 10_000);
    const exact = search(db, 'edaran', { ...all, filter: {}, classes: ['biasa'] as const });
    assert.equal(exact.capped, true);
    const few = search(db, 'khusus', all);
    assert.equal(few.capped, false);
    assert.equal(few.total, 60);
  } finally {
    archive.close();
  }
});

test('migration 0160 on a version-130 archive keeps its rows and indexes them before the first search', () => {
  const db = openDatabase(join(tempDir('berkas-migrate-'), 'berkas.sqlite'));
  try {
    migrate(db, migrations.filter((m) => m.version <= 130));
    // Rows as Berkas at schema 130 wrote them: records, a document, their FTS5 rows.
    const now = '2026-03-01T08:00:00.000Z';
    const rec = db.prepare(`INSERT INTO records (id, subject, letter_date, security_class, status, created_at, updated_at, created_by) VALUES (?, ?, '2025-02-03', ?, 'aktif', ?, ?, 'siti')`);
    rec.run(1, 'Laporan pengadaan jalan desa', 'biasa', now, now);
    rec.run(2, 'Notulen rapat kerja', 'rahasia', now, now);
    db.prepare(`INSERT INTO documents (id, record_id, role, sha256, size, mime, original_name, extract_status, imported_at) VALUES (1, 2, 'main', ?, 10, 'application/pdf', 'notulen.pdf', 'ok', ?)`).run('a'.repeat(64), now);
    const fts = db.prepare('INSERT INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, ?, ?, ?)');
    fts.run(1, 1, null, null, 'Laporan pengadaan jalan desa');
    fts.run(2, 2, null, null, 'Notulen rapat kerja\nnotulen.pdf');
    fts.run(pageRowid(1, 1), 2, 1, 1, 'Rapat membahas jembatan yang diadakan tahun lalu');
    const rows = () => ({
      records: db.prepare('SELECT * FROM records ORDER BY id').all(),
      documents: db.prepare('SELECT * FROM documents ORDER BY id').all(),
      text: db.prepare('SELECT rowid, record_id, document_id, page, body FROM search_index ORDER BY rowid').all(),
    });
    const before = rows();
    migrate(db, migrations.filter((m) => m.version <= 160));
    assert.equal(db.pragma('user_version', { simple: true }), 160);
    assert.deepEqual(rows(), before, 'every row is still there, unchanged');
    assert.deepEqual(search(db, 'diadakan', all).hits.map((h) => h.recordId), [2, 1], 'the old rows are found, the exact form first, the other through its stem');
    assert.equal(search(db, 'jembatan', all).hits[0]!.page, 1, 'the old page row is found on its page');
    assert.equal(search(db, 'rapat', { ...all, classes: ['biasa'] as const }).total, 0, 'the old rahasia record is filtered by clearance');
    assert.equal(checkIndex(db).ok, true);
  } finally {
    db.close();
  }
});

test('verify finds a damaged index and --repair rebuilds it; berkas reindex rebuilds it too', async () => {
  const dir = join(tempDir(), 'a');
  await archiveWithUser(dir);
  const archive = openArchive(dir);
  let id: number;
  try {
    id = add(archive.db, 'Laporan pengadaan jalan desa');
    assert.deepEqual(search(archive.db, 'diadakan', all).hits.map((h) => h.recordId), [id]);
    assert.equal(checkIndex(archive.db).ok, true);
    // Damage the index the way a bug would: its units lost. verify says so; --repair rebuilds.
    archive.db.prepare('DELETE FROM search_units').run();
  } finally {
    archive.close();
  }
  const broken = runCli(dir, ['--json', 'verify', '--quick']);
  assert.equal(broken.status, 1);
  assert.match((broken.json as { searchIndex: { problems: string[] } }).searchIndex.problems[0]!, /has no unit/);
  const repaired = runCli(dir, ['--json', 'verify', '--quick', '--repair']);
  assert.equal((repaired.json as { consistent: boolean; searchIndex: { rebuilt: boolean } }).consistent, true);
  assert.equal((repaired.json as { searchIndex: { rebuilt: boolean } }).searchIndex.rebuilt, true);
  const reindexed = runCli(dir, ['--json', 'reindex']);
  assert.equal(reindexed.status, 0, reindexed.stderr);
  const again = openArchive(dir);
  try {
    assert.deepEqual(search(again.db, 'pengadaan', all).hits.map((h) => h.recordId), [id]);
  } finally {
    again.close();
  }
});

test('a search sees what another connection wrote since its last search: new records, edits, the delta moved into blocks', () => {
  const dir = join(tempDir(), 'a');
  const desk = openArchive(dir);
  const cli = openArchive(dir);
  try {
    for (let i = 0; i < 100; i++) add(desk.db, `Laporan jembatan ${i}`);
    const first = search(desk.db, 'jembatan', all);
    assert.equal(first.total, 100);
    // Another process (the CLI) adds a record and indexes it into the delta.
    const added = add(cli.db, 'Jembatan gantung desa');
    search(cli.db, 'jembatan', all);
    assert.equal(search(desk.db, 'jembatan', all).total, 101, 'the desk sees the CLI’s record');
    assert.ok(deltaSize(desk.db) > 0);
    // The CLI moves the delta into blocks: no unit is added, only where the postings live changes.
    flushDelta(cli.db);
    assert.equal(deltaSize(cli.db), 0);
    const after = search(desk.db, 'jembatan gantung', all);
    assert.deepEqual(after.hits.map((h) => h.recordId), [added], 'found in its new block, not in a delta the desk read before');
    assert.equal(search(desk.db, 'jembatan', all).total, 101);
  } finally {
    cli.close();
    desk.close();
  }
});

test('paging on: later pages continue the first without repeats or gaps, and a record added meanwhile moves them', () => {
  const archive = fresh();
  try {
    const { db } = archive;
    seedText(db, 3000);
    const ids = (offset: number, limit: number) => search(db, 'rapat', { ...all, offset, limit }).hits.map((h) => h.recordId);
    const deep = ids(0, 300);
    const paged: number[] = [];
    for (let page = 0; page < 6; page++) paged.push(...ids(page * 50, 50));
    assert.deepEqual(paged, deep, 'six pages of 50 are the first 300');
    const page1 = ids(0, 50);
    const page2 = ids(50, 50);
    const added = add(db, Array(12).fill('rapat').join(' '));
    const page2After = ids(50, 50);
    const now = ids(0, 300);
    assert.ok(now.indexOf(added) >= 0 && now.indexOf(added) < 50, 'the new record ranks on page 1');
    assert.deepEqual(page2After, now.slice(50, 100));
    assert.deepEqual(page2After, [page1.at(-1)!, ...page2.slice(0, 49)], 'page 2 moved by one: it was not served from before the write');
    // Right after a full-clearance caller's page 2, a biasa caller's page 2 is their own.
    const hidden = new Set(db.prepare("SELECT id FROM records WHERE security_class = 'rahasia'").pluck().all() as number[]);
    assert.ok(page2After.some((id) => hidden.has(id)));
    const biasa2 = search(db, 'rapat', { ...all, classes: ['biasa'], offset: 50, limit: 50 }).hits.map((h) => h.recordId);
    assert.equal(biasa2.length, 50);
    assert.ok(!biasa2.some((id) => hidden.has(id)), 'no rahasia record on a biasa caller’s page 2');
  } finally {
    archive.close();
  }
});

test('a phrase finds exactly the records holding its words in order, across many ranges of units', { timeout: 120_000 }, () => {
  const archive = fresh();
  try {
    const { db } = archive;
    seedText(db, 9000);
    const subjects = db.prepare('SELECT id, subject FROM records').all() as { id: number; subject: string }[];
    for (const phrase of ['rapat koordinasi', 'koordinasi anggaran rapat']) {
      const holding = subjects.filter((r) => ` ${r.subject} `.includes(` ${phrase} `)).map((r) => r.id);
      assert.ok(holding.length > 20, `the seed holds "${phrase}" often enough (${holding.length})`);
      const result = search(db, `"${phrase}"`, { ...all, limit: 50 });
      assert.equal(result.total, Math.min(holding.length, 10_000), `"${phrase}": total`);
      const wanted = new Set(holding);
      assert.ok(result.hits.length > 0 && result.hits.every((h) => wanted.has(h.recordId)), `"${phrase}": every hit holds it`);
      const deep = search(db, `"${phrase}"`, { ...all, offset: 0, limit: holding.length }).hits.map((h) => h.recordId);
      assert.deepEqual([...deep].sort((a, b) => a - b), [...holding].sort((a, b) => a - b), `"${phrase}": every record holding it is found`);
    }
  } finally {
    archive.close();
  }
});
