import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driveUntilSettled } from '../portal/fixtures.ts';
import { assertSettled, scenario } from '../portal/scenario.ts';

test('500 records reach the portal exactly once through a run of 500 Internal Server Errors', async () => {
  const s = await scenario();
  try {
    // The first requests fail, and then one resource upload in 25 fails once mid-run.
    s.server.inject({ times: 12, effect: { type: 'status', status: 500 } });
    for (let r = 25; r <= 500; r += 25) s.server.inject({ actions: ['resource_create'], recordId: r, times: 1, effect: { type: 'status', status: 500 } });
    await driveUntilSettled(s.pusher, s.clock);
    assertSettled(s, { privateExpected: true });
    const fiveHundreds = s.server.requests.filter((r) => r.status === 500).length;
    assert.equal(fiveHundreds, 12 + 20);
    const retried = s.archive.db.prepare('SELECT count(*) AS n FROM outbox WHERE attempts > 0 AND state = \'done\'').get() as { n: number };
    assert.ok(retried.n >= 1, 'the items that met the opening run of 500s were retried through the queue, not given up');
    // A 500 on one upload while the portal answers the rest is tried again at once, inside the
    // item: the record goes out in its first attempt, its file once.
    const attempts = s.archive.db.prepare('SELECT attempts FROM outbox WHERE record_id = ?').pluck();
    for (let r = 25; r <= 500; r += 25) {
      const files = s.records.find((x) => x.id === r)!.documents.length;
      const uploads = s.server.requests.filter((q) => q.action === 'resource_create' && Number(q.recordId) === r);
      assert.deepEqual(uploads.map((q) => q.status), [500, ...Array<number>(files).fill(200)], `record ${r}: the failed upload was sent again at once`);
      assert.equal(attempts.get(r), 0, `record ${r} went out in its first attempt`);
    }
  } finally {
    await s.close();
  }
});

test('requests that hang time out and are retried without creating twins, even when the write had committed', async () => {
  const s = await scenario({ timeoutMs: 300 });
  try {
    for (const r of [10, 20, 30]) s.server.inject({ actions: ['package_create'], recordId: r, times: 1, effect: { type: 'hang' } });
    for (const r of [15, 25, 35, 45]) s.server.inject({ actions: ['package_create'], recordId: r, times: 1, effect: { type: 'hang', afterCommit: true } });
    for (const r of [40, 50]) s.server.inject({ actions: ['resource_create'], recordId: r, times: 1, effect: { type: 'hang', afterCommit: true } });
    await driveUntilSettled(s.pusher, s.clock);
    const hung = s.server.requests.filter((r) => r.status === 'hung');
    assert.deepEqual(hung.map((r) => Number(r.recordId)).sort((a, b) => a - b), [10, 15, 20, 25, 30, 35, 40, 45, 50]);
    assertSettled(s);
    const timedOut = new Set(
      s.events.flatMap((e) => (e.type === 'item' && e.outcome === 'retry' && /did not answer/.test(e.message?.en ?? '') ? [e.recordId] : [])),
    );
    for (const r of hung) assert.ok(timedOut.has(Number(r.recordId)), `the hang on record ${r.recordId} surfaced as a timeout`);
  } finally {
    await s.close();
  }
});

test('a connection dropped after the portal committed the write never produces a duplicate dataset or file', async () => {
  const s = await scenario();
  try {
    for (let r = 3; r <= 500; r += 17) {
      s.server.inject({ actions: ['package_create'], recordId: r, times: 1, effect: { type: 'drop', afterCommit: true }, label: 'drop-after-commit' });
    }
    for (let r = 5; r <= 500; r += 19) s.server.inject({ actions: ['resource_create'], recordId: r, times: 1, effect: { type: 'drop', afterCommit: true } });
    for (let r = 8; r <= 500; r += 50) s.server.inject({ actions: ['package_create'], recordId: r, times: 1, effect: { type: 'drop', afterCommit: false } });
    await driveUntilSettled(s.pusher, s.clock);
    const dropped = s.server.requests.filter((r) => r.status === 'dropped');
    assert.ok(dropped.length >= 50, `faults fired (${dropped.length})`);
    // The trap: the dataset (or file) exists on the portal but the client saw a socket error.
    const committedCreates = dropped.filter((r) => r.action === 'package_create' && r.fault === 'drop-after-commit');
    assert.ok(committedCreates.length >= 25, 'creates committed behind a dropped connection');
    assertSettled(s);
    const totalResources = s.server.datasets().reduce((n, d) => n + d.resources.length, 0);
    const expectedResources = s.records.filter((r) => ![7, 77, 13, 113, 21].includes(r.id)).reduce((n, r) => n + r.documents.length, 0);
    assert.equal(totalResources, expectedResources, 'no file was uploaded twice');
  } finally {
    await s.close();
  }
});

test('a record whose first try failed after the portal created its (private) dataset still goes public on the retry when the department publishes directly', async () => {
  // The retry finds the dataset it made a moment ago: private, all files not yet there. It is
  // still arriving, so it must end as the settings say (public here), not stay private for good.
  const s = await scenario({ records: 60, settings: { privateOnArrival: false } });
  try {
    for (const r of [3, 9, 15]) s.server.inject({ actions: ['package_create'], recordId: r, times: 1, effect: { type: 'drop', afterCommit: true } });
    for (const r of [4, 10, 16]) s.server.inject({ actions: ['resource_create'], recordId: r, times: 1, effect: { type: 'status', status: 500 } });
    for (const r of [5, 11]) s.server.inject({ actions: ['package_patch'], recordId: r, times: 1, effect: { type: 'drop', afterCommit: false } });
    await driveUntilSettled(s.pusher, s.clock);
    assertSettled(s, { privateExpected: false });
    const receipts = s.archive.db.prepare('SELECT count(*) FROM portal_receipts WHERE private = 1').pluck().get();
    assert.equal(receipts, 0, 'no receipt says private either');
  } finally {
    await s.close();
  }
});
