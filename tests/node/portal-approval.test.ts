// Issue 18, item 1: a withdrawn publication must never go live again. The push-time check asks
// the publication itself (does the approval behind this item still stand?), a withdrawal cancels
// every pending publish of the record (parked included), and retry-parked only retries what would
// still be sent. Against the test CKAN portal on loopback, with the real adapter and pusher.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase, type Db } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { archiveLayout } from '../../main/archive/layout.ts';
import { tempDir } from '../helpers/tmp.ts';
import { approveAgain, driveUntilSettled, queueWithdrawals, seedRecords } from '../portal/fixtures.ts';
import { scenario } from '../portal/scenario.ts';

const rejectTitle = { type: 'status', status: 409, body: { __type: 'Validation Error', title: ['Judul wajib diperbaiki'] } } as const;

function outboxOf(db: Db, recordId: number) {
  return db.prepare('SELECT id, kind, state FROM outbox WHERE record_id = ? ORDER BY id').all(recordId) as { id: number; kind: string; state: string }[];
}

test('a parked publish whose publication was withdrawn is never sent: retry-parked does not bring it back and the portal gets nothing public', async () => {
  const s = await scenario({ records: 10 });
  try {
    // The portal refuses record 3 (a validation error): its publish is parked.
    s.server.inject({ actions: ['package_create'], recordId: 3, times: 1, effect: rejectTitle });
    await driveUntilSettled(s.pusher, s.clock);
    assert.equal(outboxOf(s.archive.db, 3)[0]!.state, 'parked');
    // A supervisor withdraws the publication; the withdrawal goes out (nothing was there).
    queueWithdrawals(s.archive.db, [3]);
    await driveUntilSettled(s.pusher, s.clock);
    assert.equal(s.pusher.status({ recordIds: [3] }).items[0]!.state !== 'live', true);

    // `sync retry-parked --record 3`, then `sync --once`.
    const retried = s.pusher.retryParked([3], 'atasan');
    assert.equal(retried.requeued, 0, 'nothing of a withdrawn publication goes back in the queue');
    const summary = await s.pusher.pushNow();
    assert.equal(summary.published, 0);
    await driveUntilSettled(s.pusher, s.clock);

    const onPortal = s.server.datasetsForRecord(3);
    assert.ok(onPortal.every((d) => d.private || d.state === 'deleted'), 'nothing of record 3 is public on the portal');
    assert.equal(onPortal.flatMap((d) => d.resources).length, 0, 'its file never reached the portal');
    assert.deepEqual(
      outboxOf(s.archive.db, 3).map((r) => [r.kind, r.state]),
      [
        ['publish', 'cancelled'],
        ['withdraw', 'done'],
      ],
    );
    const receipt = s.archive.db.prepare("SELECT count(*) AS n FROM portal_receipts WHERE record_id = 3 AND state = 'live'").get() as { n: number };
    assert.equal(receipt.n, 0);
  } finally {
    await s.close();
  }
});

test('the push-time check asks whether the approval still stands: a publish item without one is refused and names why', async () => {
  const s = await scenario({ records: 6 });
  try {
    s.server.inject({ actions: ['package_create'], recordId: 2, times: 1, effect: rejectTitle });
    await driveUntilSettled(s.pusher, s.clock);
    queueWithdrawals(s.archive.db, [2]);
    await driveUntilSettled(s.pusher, s.clock);
    // Whatever puts the old item back in the queue (an older Berkas, a hand edit, a restored backup):
    // the pusher itself must refuse it.
    const [publish] = outboxOf(s.archive.db, 2);
    s.archive.db.prepare("UPDATE outbox SET state = 'waiting', next_attempt_at = NULL WHERE id = ?").run(publish!.id);
    const summary = await s.pusher.pushNow();
    assert.equal(summary.published, 0);
    assert.equal(summary.refused, 1);
    assert.equal(s.server.datasetsForRecord(2).filter((d) => !d.private && d.state === 'active').length, 0);
    const row = s.archive.db.prepare('SELECT state, last_error FROM outbox WHERE id = ?').get(publish!.id) as { state: string; last_error: string };
    const reason = JSON.parse(row.last_error) as { id: string; en: string };
    assert.match(reason.en, /approval no longer stands/);
    assert.match(reason.id, /Persetujuan publikasinya sudah tidak berlaku/);
    // And retry-parked now cancels it for good rather than putting it back.
    const retried = s.pusher.retryParked([2], 'atasan');
    assert.equal(retried.requeued, 0);
    assert.deepEqual(retried.notRequeued.map((n) => [n.recordId, n.outcome]), [[2, 'cancelled']]);
    assert.equal(outboxOf(s.archive.db, 2)[0]!.state, 'cancelled');
  } finally {
    await s.close();
  }
});

test('withdrawing cancels every pending publish of the record, waiting or parked; approving again publishes the new item only', async () => {
  const s = await scenario({ records: 5, settings: { privateOnArrival: false } });
  try {
    s.server.inject({ actions: ['package_create'], recordId: 4, times: 1, effect: rejectTitle });
    await driveUntilSettled(s.pusher, s.clock);
    const payload = (s.archive.db.prepare("SELECT payload FROM outbox WHERE record_id = 4 AND kind = 'publish'").get() as { payload: string }).payload;
    // A metadata update queued behind the parked one.
    s.archive.db.prepare("INSERT INTO outbox (record_id, kind, payload, created_at) VALUES (4, 'publish', ?, '2026-02-01T00:00:00Z')").run(payload);
    queueWithdrawals(s.archive.db, [4]);
    assert.deepEqual(
      outboxOf(s.archive.db, 4).map((r) => r.state),
      ['cancelled', 'cancelled', 'waiting'],
    );
    const audit = s.archive.db.prepare("SELECT after FROM audit_log WHERE action = 'publication.withdraw' AND entity_id = '4'").get() as { after: string };
    assert.equal((JSON.parse(audit.after) as { cancelledOutboxIds: number[] }).cancelledOutboxIds.length, 2);
    await driveUntilSettled(s.pusher, s.clock);
    assert.equal(s.server.datasetsForRecord(4).length, 0);

    // Approved again later: only the new item goes, once.
    approveAgain(s.archive.db, 4, payload);
    await driveUntilSettled(s.pusher, s.clock);
    const [dataset] = s.server.datasetsForRecord(4);
    assert.equal(s.server.datasetsForRecord(4).length, 1);
    assert.equal(dataset!.state, 'active');
    assert.equal(s.pusher.status({ recordIds: [4] }).items[0]!.state, 'live');
  } finally {
    await s.close();
  }
});

test('migration 0120: an archive at 0060 keeps every outbox row and reference, and a parked publish of a withdrawn publication is cancelled', () => {
  const dir = join(tempDir('berkas-m0120-'), 'arsip');
  const layout = archiveLayout(dir);
  mkdirSync(layout.store, { recursive: true });
  const db = openDatabase(layout.database);
  try {
    migrate(db, migrations.filter((m) => m.version <= 60));
    const archive = { dir, layout, db, close() {} };
    seedRecords(archive, 4);
    // Record 1 went live; record 2's publish was parked and its publication then withdrawn (the leak).
    db.prepare("UPDATE outbox SET state = 'done', done_at = '2026-01-06T00:00:00Z' WHERE record_id = 1").run();
    db.prepare(
      `INSERT INTO portal_receipts (record_id, target, portal_url, dataset_id, dataset_name, private, resources, state, outbox_id, pushed_at)
       VALUES (1, 'ckan', 'https://data.example.go.id', 'ds-1', 'berkas-x-1', 0, '[]', 'live', (SELECT id FROM outbox WHERE record_id = 1), '2026-01-06T00:00:00Z')`,
    ).run();
    db.prepare("UPDATE outbox SET state = 'parked', last_error = '{\"id\":\"x\",\"en\":\"x\"}' WHERE record_id IN (2, 3)").run();
    db.prepare("INSERT INTO outbox (record_id, kind, payload, created_at) VALUES (2, 'withdraw', '{}', '2026-01-07T00:00:00Z')").run();
    db.prepare(
      "UPDATE publication_proposals SET state = 'withdrawn', withdrawn_at = '2026-01-07T00:00:00Z', withdraw_outbox_id = (SELECT max(id) FROM outbox) WHERE record_id = 2",
    ).run();
    const before = db.prepare('SELECT * FROM outbox ORDER BY id').all() as Record<string, unknown>[];

    migrate(db, migrations);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.at(-1)!.version);
    const after = db.prepare('SELECT * FROM outbox ORDER BY id').all() as Record<string, unknown>[];
    assert.equal(after.length, before.length);
    for (const [i, row] of after.entries()) {
      const old = before[i]!;
      if (row.record_id === 2 && row.kind === 'publish') {
        assert.equal(row.state, 'cancelled', 'the parked publish of the withdrawn publication can never go out');
        assert.match(String(row.last_error), /withdrawn/);
        continue;
      }
      assert.deepEqual(row, old);
    }
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal((db.prepare('SELECT outbox_id FROM portal_receipts WHERE record_id = 1').get() as { outbox_id: number }).outbox_id, before.find((r) => r.record_id === 1)!.id);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'").all() as { name: string }[]).map((r) => r.name).sort();
    assert.deepEqual(indexes, ['outbox_due', 'outbox_record', 'outbox_waiting']);
    // Parked record 3 still has its approval: untouched, and retry-able.
    assert.equal((db.prepare("SELECT state FROM outbox WHERE record_id = 3").get() as { state: string }).state, 'parked');
  } finally {
    db.close();
  }
});
