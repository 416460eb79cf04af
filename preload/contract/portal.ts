// Portal channels (UI "Sinkronisasi"): where approved public records are pushed (a CKAN portal or
// only the DCAT catalogue export), the token's whereabouts (never the token itself, except on the
// way in through portal.saveToken), the push queue per record, and the live progress event.
// The output schemas are strict on purpose: a test parses every handler's output with them, so a
// field the service adds or renames shows up as a failing test rather than a silent mismatch.
import { z } from 'zod';
import { Bilingual, Id, NoInput, channel } from './shared.ts';

/** See main/portal/status.ts: catalogue = in the local catalogue export only (no portal); refused = held by the push-time check; not-sent = withdrawn before it reached the portal. */
export const RecordPortalState = z.enum(['waiting', 'pushing', 'live', 'catalogue', 'parked', 'refused', 'withdrawn', 'not-sent', 'needs-confirmation']);
export type RecordPortalState = z.infer<typeof RecordPortalState>;

export const PortalTarget = z.enum(['none', 'ckan']);
export const WithdrawMode = z.enum(['private', 'delete']);

/** Why an item is parked (or why its last try failed): both languages plus what the portal itself said. */
export const PortalReason = z.strictObject({
  id: z.string(),
  en: z.string(),
  status: z.number().int().optional(),
  portalType: z.string().optional(),
  portal: z.string().optional(),
  /** refused: held back by the push-time check (not publishable now), not by the portal. */
  code: z.string().optional(),
});

/** A CKAN API token as a header can carry it: one line of visible ASCII. The message never echoes it. */
export const PortalToken = z.string().regex(/^[\x21-\x7e]{8,4096}$/, 'token: one line of visible ASCII characters without spaces, 8 or more');

export const PortalTokenInfo = z.strictObject({
  /** Whether a token is available to the pusher right now. */
  present: z.boolean(),
  /** app: saved in Berkas on this computer (Electron secure storage); environment: BERKAS_PORTAL_TOKEN; file: the token file. */
  source: z.enum(['app', 'environment', 'file']).nullable(),
  /** A source that is there but unusable (a group-readable token file, a malformed value). */
  problem: Bilingual.nullable(),
});
export type PortalTokenInfo = z.infer<typeof PortalTokenInfo>;

export const PortalSettingsView = z.strictObject({
  target: PortalTarget,
  url: z.string().nullable(),
  organization: z.string().nullable(),
  intervalMinutes: z.number().int(),
  privateOnArrival: z.boolean(),
  withdrawMode: WithdrawMode,
  withdrawFailSafePercent: z.number().int(),
  withdrawFailSafeMin: z.number().int(),
  maxResourceMb: z.number().int(),
  tokenHeader: z.string(),
  /** A path to an owner-only file holding the token; never the token. */
  tokenFile: z.string().nullable(),
  archiveKey: z.string(),
  updatedAt: z.string(),
  token: PortalTokenInfo,
});
export type PortalSettingsView = z.infer<typeof PortalSettingsView>;

/** Only types and lengths here: the ranges are checked in main/portal/settings.ts with messages in both languages. */
export const PortalSettingsPatch = z
  .object({
    target: PortalTarget.optional(),
    url: z.string().max(2000).nullable().optional(),
    organization: z.string().max(200).nullable().optional(),
    intervalMinutes: z.number().int().optional(),
    privateOnArrival: z.boolean().optional(),
    withdrawMode: WithdrawMode.optional(),
    withdrawFailSafePercent: z.number().int().optional(),
    withdrawFailSafeMin: z.number().int().optional(),
    maxResourceMb: z.number().int().optional(),
    tokenHeader: z.string().max(64).optional(),
    tokenFile: z.string().max(4096).nullable().optional(),
  })
  .strict();
export type PortalSettingsPatch = z.infer<typeof PortalSettingsPatch>;

export const ConnectionResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** null: no portal configured (catalogue export only), nothing was contacted. */
    portal: z.string().nullable(),
    version: z.string().nullable(),
    siteTitle: z.string().nullable(),
    organization: z.strictObject({ id: z.string(), name: z.string(), title: z.string() }).nullable(),
  }),
  z.strictObject({
    ok: z.literal(false),
    message: Bilingual,
    status: z.number().int().nullable(),
    /** What the portal itself answered, verbatim (token removed). */
    portalSaid: z.string().nullable(),
  }),
]);
export type ConnectionResult = z.infer<typeof ConnectionResult>;

export const DrainSummary = z.strictObject({
  startedAt: z.string(),
  finishedAt: z.string(),
  attempted: z.number().int(),
  published: z.number().int(),
  withdrawn: z.number().int(),
  retried: z.number().int(),
  parked: z.number().int(),
  refused: z.number().int(),
  superseded: z.number().int(),
  resetStale: z.number().int(),
  stoppedBy: z.enum(['empty', 'failures', 'paused', 'portal-problem', 'locked', 'stopped']),
  needsConfirmation: z.number().int(),
  pausedUntil: z.string().nullable(),
  problem: Bilingual.nullable(),
});
export type DrainSummary = z.infer<typeof DrainSummary>;

export const RecordPortalStatus = z.strictObject({
  recordId: Id,
  subject: z.string(),
  state: RecordPortalState,
  kind: z.enum(['publish', 'withdraw']),
  outboxId: z.number().int(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  reason: PortalReason.nullable(),
  datasetName: z.string().nullable(),
  datasetUrl: z.string().nullable(),
  private: z.boolean().nullable(),
  pushedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
});
export type RecordPortalStatus = z.infer<typeof RecordPortalStatus>;

const count = z.number().int();

export const PortalStatus = z.strictObject({
  target: PortalTarget,
  portalUrl: z.string().nullable(),
  organization: z.string().nullable(),
  counts: z.strictObject({
    waiting: count,
    pushing: count,
    live: count,
    catalogue: count,
    parked: count,
    refused: count,
    withdrawn: count,
    notSent: count,
    needsConfirmation: count,
    total: count,
  }),
  /** Approved records the configured destination does not have and nothing is queued for: a person may queue them (portal.queueApproved). */
  approvedNotOnTarget: count,
  queue: z.strictObject({ waiting: count, due: count, pushing: count, done: count, parked: count, cancelled: count }),
  failSafe: z.strictObject({ blocked: z.boolean(), pending: count, live: count, thresholdPercent: count, minimum: count }),
  pausedUntil: z.string().nullable(),
  pauseReason: z.enum(['retry-after', 'backoff', 'portal']).nullable(),
  problem: Bilingual.nullable(),
  lastRunAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
  items: z.array(RecordPortalStatus),
  matching: count,
});
export type PortalStatus = z.infer<typeof PortalStatus>;

export const CatalogueExport = z.strictObject({
  dir: z.string(),
  catalog: z.string(),
  xlsx: z.string(),
  datasets: count,
  files: count,
  bytes: count,
  skipped: z.array(z.strictObject({ recordId: z.number().int(), reason: Bilingual })),
});

export const PortalProgress = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('run-start'), at: z.string() }),
  z.strictObject({
    type: z.literal('item'),
    outboxId: z.number().int(),
    recordId: z.number().int(),
    kind: z.enum(['publish', 'withdraw']),
    outcome: z.enum(['live', 'withdrawn', 'retry', 'parked', 'refused', 'superseded', 'portal-problem']),
    message: Bilingual.optional(),
    nextAttemptAt: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('run-end'), summary: DrainSummary }),
  z.strictObject({ type: z.literal('error'), message: Bilingual }),
]);
export type PortalProgress = z.infer<typeof PortalProgress>;

export const portalChannels = {
  'portal.settings': channel(NoInput, PortalSettingsView, 'any'),
  'portal.saveSettings': channel(PortalSettingsPatch, PortalSettingsView, 'admin'),
  /**
   * Electron: the main process takes this call, lets the backend check it (admin, shape), then
   * keeps the token encrypted with the OS keychain. Browser shell: refused with how to provide it.
   * null forgets the saved token.
   */
  'portal.saveToken': channel(
    z.object({ token: PortalToken.nullable() }).strict(),
    z.strictObject({ stored: z.enum(['secure-storage', 'session-only', 'cleared']) }),
    'admin',
  ),
  'portal.testConnection': channel(NoInput, ConnectionResult, 'admin'),
  /** A person pressed "send now": waiting items are due at once, over a backoff pause; over the portal's own Retry-After only with overrideRetryAfter (the person confirmed). wait: answer with the run's summary. */
  'portal.pushNow': channel(z.object({ wait: z.boolean().optional(), overrideRetryAfter: z.boolean().optional() }).strict(), z.strictObject({ summary: DrainSummary.nullable() }), 'staff'),
  'portal.status': channel(
    z
      .object({
        states: z.array(RecordPortalState).max(9).optional(),
        recordIds: z.array(Id).max(500).optional(),
        limit: z.number().int().min(0).max(500).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    PortalStatus,
    'any',
  ),
  'portal.confirmWithdrawals': channel(NoInput, z.strictObject({ confirmed: count }), 'supervisor'),
  /** Puts parked items back in the queue (those of the given records, or all) — only those that would still be sent. */
  'portal.retryParked': channel(
    z.object({ recordIds: z.array(Id).min(1).max(1000).optional() }).strict(),
    z.strictObject({
      requeued: count,
      /** Not put back, because they would not be sent: cancelled for good (approval withdrawn) or still parked (record not publishable now). */
      notRequeued: z.array(z.strictObject({ recordId: Id, outboxId: count, outcome: z.enum(['cancelled', 'parked']), reason: Bilingual })),
    }),
    'supervisor',
  ),
  /** After the portal was set or changed: queue every approved record it does not have yet (the screen shows how many and asks first). */
  'portal.queueApproved': channel(NoInput, z.strictObject({ queued: count }), 'admin'),
  'portal.exportCatalogue': channel(NoInput, CatalogueExport, 'staff'),
} as const;

export const portalEvents = {
  /** The pusher's progress: a run starts, an item is done or put back, a run ends, the loop hit a local error. */
  'portal.progress': PortalProgress,
} as const;
