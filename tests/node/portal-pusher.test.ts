import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LATEST_VERSION } from '../../main/db/migrate.ts';
import { createCkanAdapter } from '../../main/portal/ckan.ts';
import { NEXT_DUE_SQL } from '../../main/portal/outbox.ts';
import { createPusher } from '../../main/portal/pusher.ts';
import { setPortalSettings } from '../../main/portal/settings.ts';
import { tempDir } from '../helpers/tmp.ts';
import { approveAgain, driveUntilSettled, openPortalArchive, queueWithdrawals, seedRecords } from '../portal/fixtures.ts';
import { assertSettled, assertTokenNowhere, scenario, type Scenario } from '../portal/scenario.ts';

const publicIds = (s: Scenario) => s.records.filter((r) => r.securityClass === 'biasa' && r.publicCategory && r.publicCategory !== 'dikecualikan').map((r) => r.id);

test('a record made rahasia or dikecualikan after approval is refused at push time and the portal sees nothing of it', async () => {
  const s = await scenario({ records: 30 });
  try {
    s.archive.db.prepare("UPDATE records SET security_class = 'sangat-rahasia' WHERE id = 4").run();
    s.archive.db.prepare("UPDATE records SET public_category = 'dikecualikan' WHERE id = 5").run();
    s.archive.db.prepare('UPDATE records SET public_category = NULL WHERE id = 6').run();
    await driveUntilSettled(s.pusher, s.clock);
    const why: Record<number, RegExp> = {
      4: /Security class "sangat-rahasia"/,
      5: /This information is exempt/,
      6: /Not yet classified as public information/,
      7: /Security class "rahasia"/,
      13: /This information is exempt/,
      21: /Not yet classified as public information/,
    };
    for (const [key, pattern] of Object.entries(why)) {
      const id = Number(key);
      const row = s.archive.db.prepare('SELECT state, last_error FROM outbox WHERE record_id = ?').get(id) as { state: string; last_error: string };
      assert.equal(row.state, 'parked');
      const reason = JSON.parse(row.last_error) as { id: string; en: string };
      assert.ok(reason.en.startsWith(`Refused: record ${id} was not sent to the portal. `), reason.en);
      assert.match(reason.en, pattern);
      assert.ok(reason.id.startsWith(`Ditolak: arsip ${id} tidak dikirim ke portal. `), reason.id);
      assert.equal(s.server.datasetsForRecord(id).length, 0);
      assert.equal(s.server.requests.filter((r) => r.recordId === String(id)).length, 0, `no request at all about record ${id}`);
      const record = s.records.find((r) => r.id === id)!;
      assert.equal(s.server.requestsMentioning(record.subject).length, 0);
      for (const d of record.documents) assert.equal(s.server.requestsMentioning(d.sha256).length, 0);
    }
    const refusals = s.archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.refuse'").get() as { n: number };
    assert.equal(refusals.n, 6);
    assert.equal(s.server.datasets().length, 24);
  } finally {
    await s.close();
  }
});

test('a publish item whose payload names a document of another record is refused', async () => {
  const s = await scenario({ records: 12 });
  try {
    const foreign = s.records.find((r) => r.id === 7)!.documents[0]!; // a rahasia record's file
    const row = s.archive.db.prepare('SELECT payload FROM outbox WHERE record_id = 2').get() as { payload: string };
    const payload = JSON.parse(row.payload) as { documents: unknown[] };
    payload.documents.push(foreign);
    s.archive.db.prepare('UPDATE outbox SET payload = ? WHERE record_id = 2').run(JSON.stringify(payload));
    await driveUntilSettled(s.pusher, s.clock);
    const parked = s.archive.db.prepare('SELECT state, last_error FROM outbox WHERE record_id = 2').get() as { state: string; last_error: string };
    assert.equal(parked.state, 'parked');
    assert.match(parked.last_error, /does not belong to record 2/);
    assert.equal(s.server.requestsMentioning(foreign.sha256).length, 0);
    assert.equal(s.server.datasetsForRecord(2).length, 0);
  } finally {
    await s.close();
  }
});

test('withdrawals end private by default, keeping the dataset id and URL', async () => {
  const s = await scenario({ records: 40, settings: { privateOnArrival: false } });
  try {
    await driveUntilSettled(s.pusher, s.clock);
    const ids = [1, 2, 3];
    const before = ids.map((id) => s.server.datasetsForRecord(id)[0]!);
    assert.ok(before.every((d) => !d.private));
    queueWithdrawals(s.archive.db, ids);
    await driveUntilSettled(s.pusher, s.clock);
    for (const [i, id] of ids.entries()) {
      const [d] = s.server.datasetsForRecord(id);
      assert.equal(d!.id, before[i]!.id);
      assert.equal(d!.private, true);
      assert.equal(d!.state, 'active');
      const receipt = s.archive.db.prepare('SELECT state, withdraw_mode, private FROM portal_receipts WHERE record_id = ?').get(id);
      assert.deepEqual(receipt, { state: 'withdrawn', withdraw_mode: 'private', private: 1 });
    }
    const status = s.pusher.status();
    assert.equal(status.counts.withdrawn, 3);
    assert.equal(status.counts.live, publicIds(s).length - 3);
    assert.deepEqual(
      s.pusher.status({ states: ['withdrawn'] }).items.map((i) => i.recordId),
      ids,
    );
  } finally {
    await s.close();
  }
});

test('in delete mode a withdrawal soft-deletes the dataset, and publishing again brings back the same dataset', async () => {
  const s = await scenario({ records: 30, settings: { withdrawMode: 'delete', privateOnArrival: true } });
  try {
    await driveUntilSettled(s.pusher, s.clock);
    const original = s.server.datasetsForRecord(9)[0]!;
    queueWithdrawals(s.archive.db, [9, 10]);
    await driveUntilSettled(s.pusher, s.clock);
    assert.equal(s.server.datasetsForRecord(9)[0]!.state, 'deleted');
    assert.equal(s.server.datasetsForRecord(10)[0]!.state, 'deleted');
    assert.equal(s.server.datasetsForRecord(9)[0]!.name, original.name, 'a soft-deleted dataset keeps its name');
    // Approved again: the publication workflow queues a new publish item.
    const payload = (s.archive.db.prepare("SELECT payload FROM outbox WHERE record_id = 9 AND kind = 'publish'").get() as { payload: string }).payload;
    approveAgain(s.archive.db, 9, payload);
    // Even with the local receipt lost (a restored backup), the retry finds the deleted dataset by name.
    s.archive.db.prepare('DELETE FROM portal_receipts WHERE record_id = 9').run();
    await driveUntilSettled(s.pusher, s.clock);
    const again = s.server.datasetsForRecord(9);
    assert.equal(again.length, 1, 'no twin next to the deleted dataset');
    assert.equal(again[0]!.id, original.id);
    assert.equal(again[0]!.state, 'active');
    assert.equal(again[0]!.private, true, 'it comes back private, awaiting the walidata');
    assert.equal(s.server.requests.filter((r) => r.action === 'resource_create' && r.recordId === '9').length, original.resources.length, 'files not uploaded again');
    assert.equal(s.pusher.status({ recordIds: [9] }).items[0]!.state, 'live');
  } finally {
    await s.close();
  }
});

test('the fail-safe holds back a mass withdrawal until a person confirms it; publishing carries on meanwhile', async () => {
  const s = await scenario({ records: 100, settings: { privateOnArrival: false } });
  try {
    await driveUntilSettled(s.pusher, s.clock);
    const live = publicIds(s);
    assert.equal(s.pusher.status().counts.live, live.length);
    const mass = live.slice(0, 40); // 40 of 96 live = 42% > 20%
    queueWithdrawals(s.archive.db, mass);
    const extra = s.archive.db.prepare("SELECT payload FROM outbox WHERE record_id = 99 AND kind = 'publish'").get() as { payload: string };
    s.archive.db.prepare("INSERT INTO outbox (record_id, kind, payload, created_at) VALUES (99, 'publish', ?, '2026-03-01T00:00:00Z')").run(
      JSON.stringify({ ...JSON.parse(extra.payload), title: 'Judul diperbarui' }),
    );
    const sentBefore = s.server.requests.length;
    const summary = await s.pusher.pushNow();
    assert.equal(summary.needsConfirmation, 40);
    assert.equal(summary.withdrawn, 0);
    assert.equal(s.server.datasetsForRecord(99)[0]!.title, 'Judul diperbarui', 'publishing is not held up');
    assert.ok(s.server.requests.slice(sentBefore).every((r) => r.recordId === '99'), 'nothing about the withdrawals was sent');
    assert.ok(mass.every((id) => !s.server.datasetsForRecord(id)[0]!.private));
    const status = s.pusher.status();
    assert.equal(status.failSafe.blocked, true);
    assert.equal(status.counts.needsConfirmation, 40);
    assert.equal(s.pusher.nextDueAt(), null, 'nothing is due while they wait for a person');

    const { confirmed } = s.pusher.confirmWithdrawals('kepala-ppid');
    assert.equal(confirmed, 40);
    await driveUntilSettled(s.pusher, s.clock);
    assert.ok(mass.every((id) => s.server.datasetsForRecord(id)[0]!.private));
    assert.equal(s.pusher.status().counts.withdrawn, 40);
    const audit = s.archive.db.prepare("SELECT actor, after FROM audit_log WHERE action = 'portal.confirm-withdrawals'").get() as { actor: string; after: string };
    assert.equal(audit.actor, 'kepala-ppid');
    assert.equal((JSON.parse(audit.after) as { confirmed: number }).confirmed, 40);

    // A later small batch is under the threshold and goes through on its own.
    queueWithdrawals(s.archive.db, live.slice(40, 43));
    const later = await s.pusher.pushNow();
    assert.equal(later.withdrawn, 3);
    assert.equal(later.needsConfirmation, 0);
  } finally {
    await s.close();
  }
});

test('a withdrawal never overtakes the publish of the same record', async () => {
  const s = await scenario({ records: 10 });
  try {
    s.server.inject({ actions: ['package_create'], recordId: 3, times: 3, effect: { type: 'status', status: 500 } });
    await s.pusher.pushNow(); // record 3 fails and backs off; the others go through
    assert.equal(s.server.datasetsForRecord(3).length, 0);
    queueWithdrawals(s.archive.db, [3]);
    await s.pusher.pushNow({ ignoreBackoff: false });
    const rows = s.archive.db.prepare('SELECT kind, state FROM outbox WHERE record_id = 3 ORDER BY id').all();
    // The withdrawal cancelled the publish still waiting, so nothing holds the withdrawal back.
    assert.deepEqual(rows, [
      { kind: 'publish', state: 'cancelled' },
      { kind: 'withdraw', state: 'done' },
    ]);
    await driveUntilSettled(s.pusher, s.clock);
    // The withdrawal made the pending publish moot: it was never sent, and nothing stays up.
    assert.equal(s.server.datasetsForRecord(3).length, 0);
    assert.equal(s.pusher.status({ recordIds: [3] }).items[0]!.state, 'not-sent', 'never on the portal: not counted as withdrawn');
  } finally {
    await s.close();
  }
});

test('items a crashed run left "pushing" are reset on the next start and pushed once, even if the portal already had them', async () => {
  const s = await scenario({ records: 10 });
  try {
    // A run that crashed after the portal created record 2's dataset, before our receipt was written.
    s.server.inject({ actions: ['package_create'], recordId: 2, times: 1, effect: { type: 'hang', afterCommit: true } });
    const crashed = createCkanAdapter({ url: s.server.url, organization: s.server.organization.name, token: { description: 't', getToken: async () => s.token }, timeoutMs: 200 });
    const row = s.archive.db.prepare('SELECT id, payload FROM outbox WHERE record_id = 2').get() as { id: number; payload: string };
    const settings = s.archive.db.prepare('SELECT archive_key FROM portal_settings').get() as { archive_key: string };
    await assert.rejects(
      crashed.publish({ recordId: 2, archiveKey: settings.archive_key, ...JSON.parse(row.payload), documents: [], privateOnArrival: true, known: null }),
    );
    assert.equal(s.server.datasetsForRecord(2).length, 1);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    s.archive.db.prepare("UPDATE outbox SET state = 'pushing' WHERE id = ?").run(row.id);
    s.archive.db.prepare("UPDATE portal_state SET lock_owner = ?, lock_expires_at = '2999-01-01T00:00:00.000Z'").run(`${hostname()}:${dead}:gone`);

    const summary = await s.pusher.pushNow();
    assert.equal(summary.resetStale, 1);
    await driveUntilSettled(s.pusher, s.clock);
    assertSettled(s);
    assert.equal(s.server.datasetsForRecord(2).length, 1);
  } finally {
    await s.close();
  }
});

test('a second live process holding the lock makes a run step aside instead of pushing twice', async () => {
  const s = await scenario({ records: 5 });
  try {
    s.archive.db.prepare("UPDATE portal_state SET lock_owner = ?, lock_expires_at = '2999-01-01T00:00:00.000Z'").run(`${hostname()}:${process.pid}:other-instance`);
    const summary = await s.pusher.pushNow();
    assert.equal(summary.stoppedBy, 'locked');
    assert.equal(s.server.requests.length, 0);
    s.archive.db.prepare("UPDATE portal_state SET lock_expires_at = '2000-01-01T00:00:00.000Z'").run(); // its lease ran out
    await driveUntilSettled(s.pusher, s.clock);
    assert.equal(s.pusher.status().counts.live, 5);
  } finally {
    await s.close();
  }
});

test('a revoked token pauses the whole queue with one clear problem instead of parking every item', async () => {
  const s = await scenario({ records: 20 });
  try {
    let token = 'revoked-token-0123456789';
    const adapter = createCkanAdapter({ url: s.server.url, organization: s.server.organization.name, token: { description: 'test', getToken: async () => token } });
    const pusher = createPusher({ db: s.archive.db, layout: s.archive.layout, adapter, now: s.clock.now, random: () => 0.5 });
    const summary = await pusher.pushNow();
    assert.equal(summary.stoppedBy, 'portal-problem');
    assert.match(summary.problem!.en, /refused the token/);
    assert.match(summary.problem!.id, /menolak token/);
    const parked = s.archive.db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'parked'").get() as { n: number };
    assert.equal(parked.n, 0, 'no item was parked because of the token');
    const attempts = s.archive.db.prepare('SELECT sum(attempts) AS n FROM outbox').get() as { n: number };
    assert.equal(attempts.n, 0);
    assert.equal(s.server.datasets().length, 0);
    assert.ok(pusher.status().pausedUntil);

    token = s.token; // the admin put a fresh token in place and pressed "send now"
    const resumed = await pusher.pushNow({ ignoreBackoff: true });
    assert.equal(resumed.problem, null);
    await driveUntilSettled(pusher, s.clock);
    assert.equal(pusher.status().counts.live, publicIds(s).length);
  } finally {
    await s.close();
  }
});

test('the token never lands in stored text, even when the portal echoes it back in an error', async () => {
  const s = await scenario({ records: 20 });
  try {
    s.server.inject({
      actions: ['package_create'],
      recordId: 3,
      times: 1,
      effect: (headers) => ({ type: 'status', status: 409, body: { __type: 'Validation Error', notes: [`header Authorization: ${String(headers.authorization)} ditolak`] } }),
    });
    // Three times: a 502 is a blip, sent again at once (twice at most); the third sends the item
    // back to the queue with the portal's words stored.
    s.server.inject({
      actions: ['package_create'],
      recordId: 4,
      times: 3,
      effect: (headers) => ({ type: 'status', status: 502, raw: `<h1>Bad gateway</h1><pre>upstream got token=${String(headers.authorization)}</pre>`, contentType: 'text/html' }),
    });
    await driveUntilSettled(s.pusher, s.clock);
    const parked = s.archive.db.prepare('SELECT last_error FROM outbox WHERE record_id = 3').get() as { last_error: string };
    assert.match(parked.last_error, /token disembunyikan|disembunyikan/);
    assert.equal(s.pusher.status({ recordIds: [4] }).items[0]!.state, 'live');
    assertTokenNowhere(s);
    const anyRetryText = s.events.filter((e) => e.type === 'item' && e.recordId === 4).map((e) => JSON.stringify(e));
    assert.ok(anyRetryText.some((t) => /502/.test(t)));
  } finally {
    await s.close();
  }
});

test('start() keeps pushing as items arrive and stop() ends it cleanly', async () => {
  const s = await scenario({ records: 10 });
  try {
    setPortalSettings(s.archive.db, { intervalMinutes: 1 }, 'admin-test');
    const adapter = createCkanAdapter({ url: s.server.url, organization: s.server.organization.name, token: { description: 't', getToken: async () => s.token } });
    const pusher = createPusher({ db: s.archive.db, layout: s.archive.layout, adapter });
    pusher.start(60_000);
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(pred());
    };
    await until(() => pusher.status().counts.live === publicIds(s).length);
    queueWithdrawals(s.archive.db, [1]);
    pusher.poke();
    await until(() => pusher.status().counts.withdrawn === 1);
    await pusher.stop();
    const after = s.server.requests.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(s.server.requests.length, after, 'nothing is sent after stop()');
  } finally {
    await s.close();
  }
});

test('picking the next item walks only waiting rows, however many done rows pile up (query plan)', () => {
  const archive = openPortalArchive(join(tempDir(), 'arsip'));
  try {
    seedRecords(archive, 300);
    archive.db.prepare("UPDATE outbox SET state = 'done' WHERE id < 290").run();
    const plan = (archive.db.prepare(`EXPLAIN QUERY PLAN ${NEXT_DUE_SQL}`).all({ now: '2026', blocked: 0, through: 0, after: 0 }) as { detail: string }[]).map((r) => r.detail);
    assert.ok(plan.some((d) => /SEARCH o USING INDEX outbox_waiting/.test(d)), plan.join(' | '));
    assert.ok(plan.some((d) => /SEARCH p USING INDEX outbox_record/.test(d)), plan.join(' | '));
    assert.ok(!plan.some((d) => /TEMP B-TREE|SCAN o\b/.test(d)), plan.join(' | '));
  } finally {
    archive.close();
  }
});

test('migration 0060 adds the portal tables to an archive at 0050 and never has a token column', () => {
  const archive = openPortalArchive(join(tempDir(), 'arsip'));
  try {
    assert.equal(archive.db.pragma('user_version', { simple: true }), LATEST_VERSION);
    const columns = (table: string) => (archive.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    for (const table of ['portal_settings', 'portal_state', 'portal_receipts']) {
      assert.ok(columns(table).length > 0, table);
      assert.ok(!columns(table).some((c) => /token$|secret|password|api_?key/i.test(c)), `${table}: ${columns(table).join(', ')}`);
    }
    const settings = archive.db.prepare('SELECT target, private_on_arrival, withdraw_mode, withdraw_fail_safe_percent, archive_key FROM portal_settings').get() as Record<string, unknown>;
    assert.equal(settings.target, 'none');
    assert.equal(settings.private_on_arrival, 1);
    assert.equal(settings.withdraw_mode, 'private');
    assert.equal(settings.withdraw_fail_safe_percent, 20);
    assert.match(String(settings.archive_key), /^[0-9a-f]{8}$/);
  } finally {
    archive.close();
  }
});
