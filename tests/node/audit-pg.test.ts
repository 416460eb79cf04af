// Issue 17, item 3 (the audit part): on a team-mode archive the audit log is append-only in
// PostgreSQL itself. Against a throwaway cluster (Debian's PostgreSQL, initdb + pg_ctl on a free
// port): the app's role may append and read, never UPDATE, DELETE or TRUNCATE; even the owner's
// triggers refuse those; a forged or out-of-order entry is refused by the database; twenty
// clients appending at once make one unbroken chain; and an entry hashes the same as on SQLite,
// so an archive's chain can move to the server intact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { appendAudit, appendAuditPg, entryHash, verifyAuditChain, verifyAuditChainPg } from '../../main/audit/log.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { grantAppRole, migratePg } from '../../main/db/pg/migrations.ts';
import { openPgPool, withPgTransaction, type PgPool } from '../../main/db/pg/connection.ts';
import { startTestCluster, type TestCluster } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';
import { join } from 'node:path';

let cluster: TestCluster;
let owner: PgPool;
let app: PgPool;

before(async () => {
  cluster = await startTestCluster();
  const admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.superuser, database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE ROLE berkas_owner LOGIN');
  await admin.query('CREATE ROLE berkas_app LOGIN');
  await admin.query('CREATE DATABASE arsip OWNER berkas_owner');
  await admin.end();
  owner = openPgPool({ host: cluster.host, port: cluster.port, database: 'arsip', user: 'berkas_owner' });
  const client = await owner.connect();
  try {
    assert.deepEqual(await migratePg(client), [10]);
    assert.deepEqual(await migratePg(client), [], 'a second run applies nothing');
    await grantAppRole(client, 'berkas_app');
  } finally {
    client.release();
  }
  app = openPgPool({ host: cluster.host, port: cluster.port, database: 'arsip', user: 'berkas_app', max: 20 });
});

after(async () => {
  await app?.end();
  await owner?.end();
  cluster?.stop();
});

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
}

test('twenty clients appending at once make one unbroken chain, and each entry hashes as it would on SQLite', async () => {
  const started = await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
  assert.equal(started.rows[0]!.n, '0');
  await Promise.all(
    Array.from({ length: 20 }, (_, c) =>
      (async () => {
        for (let i = 0; i < 10; i++) {
          await withPgTransaction(app, (tx) => appendAuditPg(tx, { actor: `klien-${c}`, action: 'record.update', entity: 'record', entityId: c * 100 + i, after: { lokasi: `Rak ${i}` } }));
        }
      })(),
    ),
  );
  const client = await app.connect();
  try {
    const chain = await verifyAuditChainPg(client, 37);
    assert.equal(chain.entries, 200);
    assert.deepEqual(chain.breaks, []);
    const { rows } = await client.query('SELECT * FROM audit_log ORDER BY id LIMIT 1');
    const first = { ...rows[0], id: Number(rows[0].id) };
    const { hash, ...rest } = first;
    assert.equal(entryHash(rest), hash);

    // The same input on an embedded archive gives the same hash.
    const db = openDatabase(join(tempDir(), 'arsip.db'));
    try {
      migrate(db, migrations);
      const local = db.transaction(() => appendAudit(db, { actor: first.actor, action: first.action, entity: first.entity, entityId: first.entity_id, after: JSON.parse(first.after), at: first.at }))();
      assert.equal(local.hash, hash);
      assert.deepEqual(verifyAuditChain(db).breaks, []);
    } finally {
      db.close();
    }
  } finally {
    client.release();
  }
});

test('the app role cannot change or remove an entry, and the triggers refuse it even to the owner', async () => {
  await withPgTransaction(app, (tx) => appendAuditPg(tx, { actor: 'siti', action: 'record.create', entity: 'record', entityId: 1 }));
  // 42501 insufficient_privilege: no grant for the app role.
  assert.equal(await code(app.query("UPDATE audit_log SET actor = 'x' WHERE id = 1")), '42501');
  assert.equal(await code(app.query('DELETE FROM audit_log WHERE id = 1')), '42501');
  assert.equal(await code(app.query('TRUNCATE audit_log')), '42501');
  assert.equal(await code(app.query('UPDATE audit_head SET last_id = 0')), '42501');
  // The owner has the grants; the triggers still say no.
  assert.equal(await code(owner.query("UPDATE audit_log SET actor = 'x' WHERE id = 1")), '42501');
  assert.equal(await code(owner.query('DELETE FROM audit_log WHERE id = 1')), '42501');
  assert.equal(await code(owner.query('TRUNCATE audit_log')), '42501');
  const client = await app.connect();
  try {
    assert.deepEqual((await verifyAuditChainPg(client)).breaks, []);
  } finally {
    client.release();
  }
});

test('an entry that does not continue the chain, or whose hash is not its own, is refused by the database', async () => {
  const head = (await app.query<{ last_id: string; last_hash: string }>('SELECT last_id, last_hash FROM audit_head')).rows[0]!;
  const next = { id: Number(head.last_id) + 1, at: new Date().toISOString(), actor: 'siti', action: 'record.delete', entity: 'record', entity_id: '9', before: null, after: null, prev_hash: head.last_hash };
  const insert = (row: typeof next, hash: string) =>
    app.query('INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)', [row.id, row.at, row.actor, row.action, row.entity, row.entity_id, row.before, row.after, row.prev_hash, hash]);
  // 23000 integrity_constraint_violation, raised by the chain trigger.
  assert.equal(await code(insert(next, 'f'.repeat(64))), '23000', 'a made-up hash');
  assert.equal(await code(insert({ ...next, id: next.id + 5 }, entryHash({ ...next, id: next.id + 5 }))), '23000', 'skipping ids');
  assert.equal(await code(insert({ ...next, prev_hash: '0'.repeat(64) }, entryHash({ ...next, prev_hash: '0'.repeat(64) }))), '23000', 'a fork from the start');
  // The right entry, hashed as audit/log.ts does, goes in.
  assert.equal(await code(insert(next, entryHash(next))), 'no error');
  const client = await app.connect();
  try {
    assert.deepEqual((await verifyAuditChainPg(client)).breaks, []);
  } finally {
    client.release();
  }
});
