// Issue 12 (figures): the records list's total for a caller below full clearance counted through
// the whole table (`security_class IN (…)` had no index: 50 ms at 100k records against 0.5 ms for
// full clearance in `npm run bench -- --clearance terbatas`). Migration 0340 indexes the class, so
// the total is an index-only count; this test runs the list's own SQL and reads SQLite's plan.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { recordCountQuery, recordIdsQuery } from '../../main/archive/records.ts';
import { CLASS_ORDER, type SecurityClassName } from '../../main/clearance/viewer.ts';
import { openDatabase, type Db } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { tempDir } from '../helpers/tmp.ts';

const NOW = '2026-03-01T08:00:00.000Z';
const TERBATAS: SecurityClassName[] = ['biasa', 'terbatas'];

function archiveAt(version: number): Db {
  const db = openDatabase(join(tempDir('berkas-clearance-'), 'berkas.sqlite'));
  migrate(db, migrations.filter((m) => m.version <= version));
  const insert = db.prepare(`INSERT INTO records (subject, security_class, status, created_at, updated_at, created_by) VALUES (?, ?, 'aktif', ?, ?, 'siti')`);
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`Surat ${i}`, CLASS_ORDER[i % 20 === 0 ? 2 : i % 50 === 0 ? 3 : i % 7 === 0 ? 1 : 0]!, NOW, NOW);
  })();
  return db;
}

const planOf = (db: Db, classes: readonly SecurityClassName[]) => {
  const { sql, params } = recordCountQuery({}, classes);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
};

test('the list total for a terbatas caller is an index-only count (migration 0340), and it counts what the caller may see', () => {
  const before = archiveAt(330);
  assert.ok(planOf(before, TERBATAS).split(' | ').includes('SCAN r'), `before 0340 the count read every row: ${planOf(before, TERBATAS)}`);
  before.close();

  const db = archiveAt(340);
  const plan = planOf(db, TERBATAS);
  assert.match(plan, /COVERING INDEX records_security/);
  assert.ok(!plan.split(' | ').includes('SCAN r'), `no table scan: ${plan}`);
  const { sql, params } = recordCountQuery({}, TERBATAS);
  const visible = (db.prepare(sql).get(...params) as { n: number }).n;
  const all = (db.prepare(recordCountQuery({}, CLASS_ORDER).sql).get() as { n: number }).n;
  const hidden = db.prepare("SELECT count(*) FROM records WHERE security_class IN ('rahasia', 'sangat-rahasia')").pluck().get() as number;
  assert.equal(all, 2000);
  assert.ok(hidden > 0);
  assert.equal(visible, all - hidden, 'the total counts only what the caller may see');
  const none = recordCountQuery({}, []);
  assert.equal((db.prepare(none.sql).get(...none.params) as { n: number }).n, 0);
  // With a filter of the user's own on top, the same subtraction holds.
  const rahasiaOnly = recordCountQuery({ securityClass: ['rahasia', 'biasa'] }, TERBATAS);
  assert.equal(
    (db.prepare(rahasiaOnly.sql).get(...rahasiaOnly.params) as { n: number }).n,
    db.prepare("SELECT count(*) FROM records WHERE security_class = 'biasa'").pluck().get() as number,
  );

  // The page itself keeps walking its sort index: the class index must not lure SQLite into
  // collecting every visible row and sorting them (294 ms at 100k records in the bench).
  for (const sort of ['createdAt', 'letterDate'] as const) {
    const page = recordIdsQuery({ filter: {}, sort, direction: 'desc' }, TERBATAS);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params, 50) as { detail: string }[]).map((r) => r.detail).join(' | ');
    assert.doesNotMatch(plan, /records_security|TEMP B-TREE/, `${sort}: ${plan}`);
  }
  db.close();
});

test('migration 0340 keeps every row of a version-330 archive and adds only the index', () => {
  const db = archiveAt(330);
  const rows = () => db.prepare('SELECT * FROM records ORDER BY id').all();
  const before = rows();
  migrate(db, migrations.filter((m) => m.version <= 340));
  assert.equal(db.pragma('user_version', { simple: true }), 340);
  assert.deepEqual(rows(), before);
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'records_security'").pluck().get(), 1);
  db.close();
});
