// Audit channels (UI "Audit"): the hash-chained trail, filtered and paged; a CSV export; the chain
// check. Read-only: nothing here can change an entry.
import { z } from 'zod';
import { Download, Id, IsoDate, NoInput, Text, channel } from './shared.ts';

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z
  .object({
    actor: Text(100).optional(),
    action: Text(100).optional(),
    /** Entries about this record, its documents and its publication. */
    recordId: Id.optional(),
    /** Inclusive local calendar days. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const ChainCheck = z.object({
  entries: z.number().int(),
  breaks: z.array(
    z.object({ id: z.number().int(), problem: z.enum(['hash-mismatch', 'prev-mismatch', 'gap', 'truncated', 'rewritten', 'forged-anchor']), message: z.string() }),
  ),
  /** The chain's head against the copy kept outside the archive: ok, not anchored on this machine
   *  yet, the key folder unusable, or one of the problems (also listed in breaks). */
  anchor: z.enum(['ok', 'unanchored', 'unavailable', 'truncated', 'rewritten', 'forged-anchor']),
  checkedAt: z.string(),
});
export type ChainCheck = z.infer<typeof ChainCheck>;

export const auditChannels = {
  'audit.list': channel(
    z
      .object({
        filter: AuditFilter.default({}),
        offset: z.number().int().min(0).max(100_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(AuditEntry) }),
    'supervisor',
  ),
  'audit.facets': channel(NoInput, z.object({ actors: z.array(z.string()), actions: z.array(z.string()) }), 'supervisor'),
  'audit.verify': channel(NoInput, ChainCheck, 'supervisor'),
  'audit.export': channel(z.object({ filter: AuditFilter.default({}) }).strict(), z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int(), download: Download.optional() }), 'supervisor'),
} as const;

export const auditEvents = {} as const;
