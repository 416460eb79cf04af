// IT operations the app exposes: backups (list, run now, verify) and the auto-update status.
import { z } from 'zod';
import { Bilingual, NoInput, channel } from './shared.ts';

export const UpdateStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle'), message: Bilingual, latest: z.string().optional(), checkedAt: z.string().optional() }),
  z.object({ state: z.literal('checking'), message: Bilingual }),
  z.object({ state: z.literal('available'), version: z.string(), message: Bilingual }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100), message: Bilingual }),
  z.object({ state: z.literal('ready'), version: z.string(), message: Bilingual }),
  z.object({ state: z.literal('error'), message: Bilingual, code: z.string().optional() }),
  z.object({ state: z.literal('disabled'), message: Bilingual }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** Generation names, never paths: the renderer cannot point a restore at an arbitrary folder. */
export const GenerationName = z.string().regex(/^berkas-backup-\d{8}-\d{6}(-\d+)?$/);
const BackupProblem = z.object({ kind: z.enum(['manifest', 'database', 'object', 'counts', 'audit']), subject: z.string().optional(), id: z.string(), en: z.string() });
const BackupCounts = z.object({ records: z.number().int(), documents: z.number().int(), files: z.number().int(), auditEntries: z.number().int() });

export const BackupRun = z.object({
  ok: z.boolean(),
  name: z.string(),
  created: z.string(),
  counts: BackupCounts,
  linked: z.number().int(),
  copied: z.number().int(),
  pruned: z.array(z.string()),
  problems: z.array(BackupProblem),
});
export type BackupRun = z.infer<typeof BackupRun>;

export const opsChannels = {
  'backup.list': channel(
    NoInput,
    z.object({
      root: z.string(),
      keep: z.number().int(),
      intervalHours: z.number(),
      lockedByPolicy: z.boolean(),
      generations: z.array(z.object({ name: GenerationName, created: z.string() })),
    }),
    'admin',
  ),
  'backup.run': channel(NoInput, BackupRun, 'admin'),
  /** Whether the live archive is still whole (a restore over a whole archive is a roll-back and needs force). */
  'backup.archiveHealth': channel(NoInput, z.object({ intact: z.boolean(), why: z.string().nullable() }), 'admin'),
  'backup.verify': channel(z.object({ name: GenerationName }).strict(), z.object({ ok: z.boolean(), problems: z.array(BackupProblem) }), 'admin'),
} as const;

export const opsEvents = {
  'update.status': UpdateStatus,
  'backup.done': BackupRun,
} as const;
