// Issue 17, item 3: a scheduled job (the portal push, a backup) runs on one client at a time per
// archive, and a holder that dies frees the job at once. Against a throwaway PostgreSQL cluster,
// with separate pools standing for separate PCs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { onceAcrossClients, tryArchiveLock } from '../../main/db/pg/archive-lock.ts';
import { openPgPool, type PgPool } from '../../main/db/pg/connection.ts';
import { startTestCluster, type TestCluster } from '../helpers/postgres.ts';

let cluster: TestCluster;
let pcs: PgPool[] = [];

before(async () => {
  cluster = await startTestCluster();
  pcs = Array.from({ length: 4 }, () => openPgPool({ host: cluster.host, port: cluster.port, database: 'postgres', user: cluster.superuser, max: 3 }));
});

after(async () => {
  for (const pool of pcs) await pool.end();
  cluster?.stop();
});

test('four clients start the same job at once: exactly one runs it, and after it ends the next run may take it', async () => {
  let running = 0;
  let most = 0;
  const results = await Promise.all(
    pcs.map((pool) =>
      onceAcrossClients(pool, 'portal-push', async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 200));
        running--;
        return 'pushed';
      }),
    ),
  );
  assert.equal(results.filter((r) => r.ran).length, 1, JSON.stringify(results));
  assert.equal(most, 1);
  const again = await onceAcrossClients(pcs[2]!, 'portal-push', async () => 'pushed');
  assert.deepEqual(again, { ran: true, value: 'pushed' });
  // Another job is not held by this one.
  const lock = await tryArchiveLock(pcs[0]!, 'portal-push');
  assert.ok(lock);
  assert.ok(await onceAcrossClients(pcs[1]!, 'backup', async () => true).then((r) => r.ran));
  await lock.release();
});

test('a holder whose connection dies (a PC killed mid-run) frees the job at once, with no lease to wait out', async () => {
  const lock = await tryArchiveLock(pcs[0]!, 'backup');
  assert.ok(lock);
  assert.equal(await tryArchiveLock(pcs[1]!, 'backup'), null, 'held');
  // Kill the holder's backend as a crash would drop its connection.
  const admin = new pg.Client({ host: cluster.host, port: cluster.port, database: 'postgres', user: cluster.superuser });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()");
  await admin.end();
  let taken = null;
  for (let i = 0; i < 50 && !taken; i++) {
    taken = await tryArchiveLock(pcs[1]!, 'backup');
    if (!taken) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(taken, 'another client takes the job after the holder died');
  for (let i = 0; i < 50 && lock.held(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(lock.held(), false, 'the dead holder learns it lost the job');
  assert.equal(taken.held(), true);
  await lock.release(); // its connection is gone; releasing is harmless
  await taken.release();
});
