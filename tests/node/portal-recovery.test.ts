// Issue 18, the recovery under the fault mix: the old pusher let per-record retry delays grow to an
// hour and doubled one queue-wide pause on every fault, so once the portal was healthy again the
// last records still waited about 45 minutes. On the fake clock (waits are jumped, not slept) this
// replays three flaky hours — 500, 503, 429 and 503 with Retry-After, timeouts, connections
// dropped before and after the portal committed — and then a healthy portal, and measures how long
// after "healthy" the queue is empty: within one interval (15 min), with nothing lost or twinned.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driveUntilSettled, seededRandom } from '../portal/fixtures.ts';
import { injectFaultMix } from '../portal/faults.ts';
import { assertSettled, scenario } from '../portal/scenario.ts';

const INTERVAL_MS = 15 * 60_000;

/** One flaky spell and recovery; returns how long after "healthy" the queue was empty. */
async function flakyThenHealthy(seed: number): Promise<{ emptyAfterMs: number; waitingWhenHealthy: number; faulted: number; requests: number; byKind: Record<string, number> }> {
  const s = await scenario({ records: 60, timeoutMs: 150 });
  try {
    const healthyAt = s.clock.now() + 3 * 3600_000;
    const mix = injectFaultMix(s.server, { rate: 0.7, healthyAt, now: s.clock.now, random: seededRandom(seed) });
    let waitingWhenHealthy = -1;
    await driveUntilSettled(s.pusher, s.clock, {
      beforeRound() {
        if (waitingWhenHealthy < 0 && s.clock.now() >= healthyAt) {
          waitingWhenHealthy = s.archive.db.prepare("SELECT count(*) FROM outbox WHERE state = 'waiting'").pluck().get() as number;
        }
      },
    });
    // Nothing lost, nothing twinned, nothing secret sent, through all of it.
    assertSettled(s);
    return { emptyAfterMs: s.clock.now() - healthyAt, waitingWhenHealthy, faulted: mix.counts.faulted, requests: mix.counts.requests, byKind: mix.counts.byKind };
  } finally {
    await s.close();
  }
}

test('after three flaky hours the queue is empty within one interval of the portal being healthy again, whatever the dice (the old pusher took up to an hour)', async (t) => {
  const kinds = new Set<string>();
  let worst = 0;
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const run = await flakyThenHealthy(seed);
    t.diagnostic(`seed ${seed}: ${run.faulted} of ${run.requests} requests faulted; ${run.waitingWhenHealthy} waiting when healthy; empty ${Math.round(run.emptyAfterMs / 1000)} s after`);
    // Each spell really was flaky and left work for the healthy portal.
    assert.ok(run.faulted >= 10, `seed ${seed}: ${JSON.stringify(run)}`);
    assert.ok(run.waitingWhenHealthy > 0, `seed ${seed}: records still waiting when the portal became healthy`);
    for (const kind of Object.keys(run.byKind)) kinds.add(kind);
    worst = Math.max(worst, run.emptyAfterMs);
  }
  for (const kind of ['500', '503', '503 Retry-After', '429 Retry-After', 'timeout', 'drop after commit']) assert.ok(kinds.has(kind), `no ${kind} in ${[...kinds].join(', ')}`);
  assert.ok(worst <= INTERVAL_MS, `the slowest recovery: queue empty ${Math.round(worst / 60_000)} min after the portal was healthy (at most ${INTERVAL_MS / 60_000})`);
});
