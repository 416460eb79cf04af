// The fault mix of issue 18, for the recovery test and `npm run bench`: while the portal is "flaky"
// a share of requests gets a 500, a 503 (some with Retry-After), a 429 with Retry-After, a hang
// (the client's timeout fires) or a connection dropped before or after the portal committed; from
// `healthyAt` on every request is answered. Chosen by a seeded random source, so a run repeats.
import type { FakeCkan, FaultEffect } from './ckan-server.ts';

export interface FaultMix {
  /** Share of requests that fail while flaky (0–1). */
  rate: number;
  /** Clock time from which the portal is healthy again. */
  healthyAt: number;
  /** Counted as requests are answered. `askedWaitMs`: the time the portal's Retry-After answers
   *  forbade, overlapping windows counted once. */
  counts: { requests: number; faulted: number; byKind: Record<string, number>; askedWaitMs: number };
}

const KINDS: { kind: string; weight: number; effect: FaultEffect; retryAfterMs?: number }[] = [
  { kind: '500', weight: 3, effect: { type: 'status', status: 500 } },
  { kind: '503', weight: 3, effect: { type: 'status', status: 503, raw: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>' } },
  { kind: '503 Retry-After', weight: 1, effect: { type: 'status', status: 503, retryAfter: '30', raw: '<html>503</html>' }, retryAfterMs: 30_000 },
  { kind: '429 Retry-After', weight: 1, effect: { type: 'status', status: 429, retryAfter: '20', body: { __type: 'Throttle Error', message: 'Too many requests' } }, retryAfterMs: 20_000 },
  { kind: 'timeout', weight: 1, effect: { type: 'hang' } },
  { kind: 'drop before commit', weight: 1, effect: { type: 'drop', afterCommit: false } },
  { kind: 'drop after commit', weight: 2, effect: { type: 'drop', afterCommit: true } },
];
const TOTAL = KINDS.reduce((n, k) => n + k.weight, 0);

/** Makes `server` flaky until `healthyAt` (by `now`). */
export function injectFaultMix(server: FakeCkan, options: { rate: number; healthyAt: number; now: () => number; random: () => number }): FaultMix {
  const mix: FaultMix = { rate: options.rate, healthyAt: options.healthyAt, counts: { requests: 0, faulted: 0, byKind: {}, askedWaitMs: 0 } };
  let askedUntil = -Infinity;
  server.inject({
    times: Number.MAX_SAFE_INTEGER,
    label: 'fault mix',
    effect: () => {
      mix.counts.requests++;
      if (options.now() >= options.healthyAt || options.random() >= options.rate) return null;
      let pick = options.random() * TOTAL;
      const kind = KINDS.find((k) => (pick -= k.weight) < 0) ?? KINDS[0]!;
      mix.counts.faulted++;
      mix.counts.byKind[kind.kind] = (mix.counts.byKind[kind.kind] ?? 0) + 1;
      if (kind.retryAfterMs) {
        const t = options.now();
        const until = t + kind.retryAfterMs;
        if (until > askedUntil) mix.counts.askedWaitMs += until - Math.max(t, askedUntil);
        askedUntil = Math.max(askedUntil, until);
      }
      return kind.effect;
    },
  });
  return mix;
}

/** A clock that runs with real time and can jump ahead (waits are skipped, not slept): what a
 *  user would see in elapsed time, without the bench actually waiting out a backoff. */
export function virtualClock(): { now(): number; set(ms: number): void; advance(ms: number): void; skippedMs(): number } {
  let skipped = 0;
  const real = () => Date.now();
  return {
    now: () => real() + skipped,
    set: (ms) => {
      const gap = ms - (real() + skipped);
      if (gap > 0) skipped += gap;
    },
    advance: (ms) => {
      if (ms > 0) skipped += ms;
    },
    skippedMs: () => skipped,
  };
}
