// The portal as one service for the hosts (the Electron/browser backend and the CLI): builds the
// adapter the settings ask for (CKAN, or the local catalogue when no portal is configured), keeps
// one pusher per archive, rebuilds it when the settings change, and offers what the Sinkronisasi
// screen needs. The token comes in through a TokenSource; this module never sees where it is kept.
import type { ArchiveLayout } from '../archive/layout.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import type { ConnectionReport, PortalAdapter } from './adapter.ts';
import { exportCatalogue, type CatalogueOptions, type CatalogueResult } from './catalogue.ts';
import { createCkanAdapter } from './ckan.ts';
import { createCatalogueAdapter } from './local.ts';
import { readState, relaxedSync, setPause, setProblem } from './outbox.ts';
import { approvedNotOnTarget, queueApprovedNotOnTarget } from './requeue.ts';
import { createPusher, type DrainSummary, type PortalProgress, type Pusher, type PusherOptions, type RetryParkedResult } from './pusher.ts';
import { getPortalSettings, setPortalSettings, type PortalSettings, type PortalSettingsPatch } from './settings.ts';
import type { PortalStatus, StatusQuery } from './status.ts';
import type { TokenSource } from './token.ts';

export interface PortalServiceOptions {
  db: Db;
  layout: ArchiveLayout;
  /** Where the token comes from; called for each request batch, never stored. */
  tokenSource: (settings: PortalSettings) => TokenSource;
  actor?: string;
  onProgress?: (event: PortalProgress) => void;
  timeoutMs?: number;
  /** Passed to every pusher: runs before each run (the composition's publication sweep). */
  beforeRun?: () => void;
  /** Injectable for tests: clock, random, sleep, backoff. */
  pusher?: Partial<Pick<PusherOptions, 'now' | 'random' | 'sleep' | 'backoffBaseMs' | 'backoffCapMs' | 'breakerCapMs' | 'breaker'>>;
}

export interface PortalService {
  settings(): PortalSettings;
  configure(patch: PortalSettingsPatch, actor: string): Promise<PortalSettings>;
  testConnection(): Promise<ConnectionReport>;
  pushNow(options?: { ignoreBackoff?: boolean; overrideRetryAfter?: boolean }): Promise<DrainSummary>;
  status(query?: StatusQuery): PortalStatus;
  confirmWithdrawals(actor: string): { confirmed: number };
  retryParked(recordIds: readonly number[] | undefined, actor: string): RetryParkedResult;
  /** Approved records the configured destination does not have yet (nothing queued for them). */
  approvedNotOnTarget(): number;
  /** A person confirmed: queue a publish for each of them. */
  queueApproved(actor: string): { queued: number };
  /** Starts the background pusher at the configured interval. */
  start(): void;
  stop(): Promise<void>;
  /** Call after queueing outbox items, so a started pusher does not wait for its interval. */
  poke(): void;
  exportCatalogue(outDir: string, options?: CatalogueOptions): Promise<CatalogueResult>;
}

export function adapterFromSettings(settings: PortalSettings, token: TokenSource, timeoutMs?: number): PortalAdapter {
  if (settings.target === 'ckan' && settings.url && settings.organization) {
    return createCkanAdapter({
      url: settings.url,
      organization: settings.organization,
      token,
      tokenHeader: settings.tokenHeader,
      maxResourceBytes: settings.maxResourceMb * 1024 * 1024,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
  }
  return createCatalogueAdapter(settings.organization ?? 'arsip');
}

export function createPortalService(options: PortalServiceOptions): PortalService {
  const { db, layout } = options;
  const actor = options.actor ?? 'portal-pusher';
  let running = false;
  let current: { pusher: Pusher; adapter: PortalAdapter; key: string } | null = null;

  const keyOf = (s: PortalSettings) => JSON.stringify([s.target, s.url, s.organization, s.tokenHeader, s.tokenFile, s.maxResourceMb]);

  function build(): { pusher: Pusher; adapter: PortalAdapter; key: string } {
    const settings = getPortalSettings(db);
    const key = keyOf(settings);
    if (current && current.key === key) return current;
    const adapter = adapterFromSettings(settings, options.tokenSource(settings), options.timeoutMs);
    const pusher = createPusher({ db, layout, adapter, actor, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.beforeRun ? { beforeRun: options.beforeRun } : {}), ...options.pusher });
    current = { pusher, adapter, key };
    return current;
  }

  return {
    settings: () => getPortalSettings(db),
    async configure(patch, by) {
      const next = setPortalSettings(db, patch, by);
      if (current && current.key !== keyOf(next)) {
        const old = current;
        current = null;
        await old.pusher.stop();
        if (running) build().pusher.start(next.intervalMinutes * 60_000);
      } else if (running && current) {
        // Only the interval changed: restart the loop with it.
        await current.pusher.stop();
        current.pusher.start(next.intervalMinutes * 60_000);
      }
      return next;
    },
    async testConnection() {
      const report = await build().adapter.testConnection();
      // A problem fixed since (a token file made owner-only, a new token): the proof clears it and
      // the pause it caused, so the screen stops showing it and the queue moves now.
      const state = readState(db);
      if (state.problem || state.pause_reason === 'portal') {
        relaxedSync(db, () => db.transaction(() => {
          setProblem(db, null);
          if (state.pause_reason === 'portal') setPause(db, null, null, 0);
        })());
        current?.pusher.poke();
      }
      return report;
    },
    pushNow: (opts) => build().pusher.pushNow(opts),
    status: (query) => build().pusher.status(query),
    confirmWithdrawals: (by) => build().pusher.confirmWithdrawals(by),
    retryParked: (ids, by) => build().pusher.retryParked(ids, by),
    approvedNotOnTarget: () => approvedNotOnTarget(db),
    queueApproved(by) {
      const at = new Date().toISOString();
      const ids = db.transaction(() => {
        const settings = getPortalSettings(db);
        const queued = queueApprovedNotOnTarget(db, at);
        if (queued.length > 0) {
          appendAudit(db, {
            actor: by,
            action: 'portal.queue-approved',
            entity: 'portal',
            entityId: 'outbox',
            after: { queued: queued.length, target: settings.target, portal: settings.url, records: queued.slice(0, 1000) },
            at,
          });
        }
        return queued;
      })();
      if (ids.length > 0) current?.pusher.poke();
      return { queued: ids.length };
    },
    start() {
      running = true;
      build().pusher.start(getPortalSettings(db).intervalMinutes * 60_000);
    },
    async stop() {
      running = false;
      await current?.pusher.stop();
    },
    poke: () => current?.pusher.poke(),
    exportCatalogue: (outDir, opts) => exportCatalogue(db, layout, outDir, opts),
  };
}
