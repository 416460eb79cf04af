import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driveUntilSettled } from '../portal/fixtures.ts';
import { assertSettled, scenario } from '../portal/scenario.ts';

test('429 with Retry-After: the whole queue waits as long as the portal asked, then every record arrives once', async () => {
  const s = await scenario();
  try {
    s.server.inject({ times: 2, effect: { type: 'status', status: 429, retryAfter: '120', body: { __type: 'Rate Limit', message: 'Too many requests' } } });
    for (const r of [150, 300]) s.server.inject({ actions: ['package_create'], recordId: r, times: 1, effect: { type: 'status', status: 429, retryAfter: '600' } });
    await driveUntilSettled(s.pusher, s.clock);
    assertSettled(s);
    const log = s.server.requests;
    const limited = log.filter((r) => r.status === 429);
    assert.equal(limited.length, 4);
    for (const hit of limited) {
      const wait = hit.recordId === '150' || hit.recordId === '300' ? 600_000 : 120_000;
      const next = log.find((r) => r.seq > hit.seq);
      assert.ok(next, 'something was sent after the 429');
      assert.ok(next.at - hit.at >= wait, `after a 429 at ${hit.at} the next request came ${next.at - hit.at} ms later, Retry-After was ${wait} ms`);
    }
  } finally {
    await s.close();
  }
});

test('409 validation errors park exactly those records with the portal’s message; the rest are published', async () => {
  const s = await scenario();
  const bad = new Map<number, string>([
    [33, 'Judul mengandung kata yang tidak diizinkan'],
    [166, 'Judul mengandung kata yang tidak diizinkan'],
    [250, 'Lisensi wajib diisi'],
    [499, 'Lisensi wajib diisi'],
  ]);
  try {
    for (const [recordId, message] of bad) {
      s.server.inject({
        actions: ['package_create'],
        recordId,
        times: Infinity,
        effect: { type: 'status', status: 409, body: { __type: 'Validation Error', title: [message] } },
      });
    }
    await driveUntilSettled(s.pusher, s.clock);
    assertSettled(s, { parked: bad });
    for (const [recordId, message] of bad) {
      const row = s.archive.db.prepare('SELECT last_error, attempts FROM outbox WHERE record_id = ?').get(recordId) as { last_error: string; attempts: number };
      const reason = JSON.parse(row.last_error) as { en: string; id: string; status: number; portalType: string; portal: string };
      assert.equal(reason.status, 409);
      assert.equal(reason.portalType, 'Validation Error');
      assert.equal(reason.portal, `title: ${message}`);
      assert.equal(row.attempts, 1, 'a permanent error is not retried');
      const status = s.pusher.status({ recordIds: [recordId] }).items[0]!;
      assert.equal(status.state, 'parked');
      assert.match(status.reason!.id, new RegExp(message));
    }
    const parkedAudit = s.archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.park'").get() as { n: number };
    assert.equal(parkedAudit.n, bad.size);
    const status = s.pusher.status();
    assert.equal(status.counts.parked, bad.size);
    assert.equal(status.counts.refused, 5, 'records the check held back are counted as refused, not parked');
    assert.equal(status.counts.live, 500 - bad.size - 5);
  } finally {
    await s.close();
  }
});

test('a portal down for two simulated days: the queue backs off (no hammering) and everything arrives once it is back', async () => {
  const DAY = 24 * 3600_000;
  let downUntil = Infinity;
  const s = await scenario({
    onProgress(event, sc) {
      // Goes offline after 150 records went through, in the middle of a run.
      if (event.type === 'item' && event.outcome === 'live' && sc.events.filter((e) => e.type === 'item' && e.outcome === 'live').length === 150) {
        downUntil = sc.clock.now() + 2 * DAY;
        void sc.server.goDown('refuse');
      }
    },
  });
  try {
    let roundsWhileDown = 0;
    await driveUntilSettled(s.pusher, s.clock, {
      async beforeRound() {
        if (s.server.isDown) {
          if (s.clock.now() >= downUntil) await s.server.comeBack();
          else roundsWhileDown++;
        }
      },
    });
    assert.ok(s.clock.now() >= downUntil, 'the outage really lasted two simulated days');
    assertSettled(s);
    // The breaker opens after the first refused connections and probes with one request at most
    // every 5–10 minutes (equal jitter, cap 10 min): no storm of 350 items × retries.
    assert.ok(roundsWhileDown > 20 && roundsWhileDown < 2 * 24 * 12 + 20, `runs during the outage: ${roundsWhileDown}`);
    const failedAttempts = (s.archive.db.prepare('SELECT sum(attempts) AS n FROM outbox WHERE state = \'done\'').get() as { n: number }).n;
    // Eight failed requests of the last ten open the breaker (the window still holds the
    // successes from before the outage); after that each run is a single probe.
    assert.ok(failedAttempts <= roundsWhileDown + 8, `one attempt per run while down, got ${failedAttempts} over ${roundsWhileDown} runs`);
    const status = s.pusher.status();
    assert.equal(status.pausedUntil, null);
    assert.equal(status.counts.live, 495);
  } finally {
    await s.close();
  }
});

test('a portal answering 503 with Retry-After for two days is not asked more often than it allows', async () => {
  const s = await scenario({ records: 60 });
  try {
    const start = s.clock.now();
    await s.server.goDown('503', { retryAfterSeconds: 3600 });
    await driveUntilSettled(s.pusher, s.clock, {
      async beforeRound() {
        if (s.server.isDown && s.clock.now() >= start + 2 * 24 * 3600_000) await s.server.comeBack();
      },
    });
    const during = s.server.requests.filter((r) => r.status === 503);
    assert.ok(during.length <= 49 && during.length >= 47, `one request per Retry-After hour over two days, got ${during.length}`);
    for (let i = 1; i < during.length; i++) assert.ok(during[i]!.at - during[i - 1]!.at >= 3600_000);
    assertSettled(s);
  } finally {
    await s.close();
  }
});
