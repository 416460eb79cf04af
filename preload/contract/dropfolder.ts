// Drop-folder channels ("folder pantau"): the folders an admin named with their state, adding one
// (picked in the folder dialog — the renderer never names a path), removing one, and the history
// of what became of each file taken from them.
import { z } from 'zod';
import { Bilingual, Id, NoInput, PickHandle, channel } from './shared.ts';

export const DropFolderView = z.object({
  path: z.string(),
  importedDir: z.string(),
  rejectedDir: z.string(),
  classificationCode: z.string().nullable(),
  state: z.enum(['watching', 'offline']),
  /** The OS error while the folder cannot be read (share offline), else null. */
  error: z.string().nullable(),
  lastScanAt: z.string().nullable(),
  waiting: z.number().int(),
});
export type DropFolderView = z.infer<typeof DropFolderView>;

export const DropEntry = z.object({
  id: Id,
  folder: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  status: z.enum(['imported', 'duplicate', 'rejected']),
  recordId: Id.nullable(),
  /** English, for scripts and the CLI. */
  reason: z.string().nullable(),
  /** The reason as a person reads it (null on entries older than the bilingual history). */
  message: Bilingual.nullable(),
  movedTo: z.string().nullable(),
  at: z.string(),
});
export type DropEntry = z.infer<typeof DropEntry>;

const SubfolderName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^/\\]+$/, 'a folder name, without slashes')
  .refine((v) => v !== '.' && v !== '..', 'a folder name');

export const dropFolderChannels = {
  'dropFolder.list': channel(NoInput, z.object({ folders: z.array(DropFolderView) }), 'staff'),
  'dropFolder.add': channel(
    z.object({ handle: PickHandle, importedDir: SubfolderName.optional(), rejectedDir: SubfolderName.optional(), classificationCode: z.string().max(64).nullable().optional() }).strict(),
    z.object({ folders: z.array(DropFolderView) }),
    'admin',
  ),
  'dropFolder.remove': channel(z.object({ path: z.string().max(4096) }).strict(), z.object({ folders: z.array(DropFolderView) }), 'admin'),
  'dropFolder.history': channel(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), z.object({ entries: z.array(DropEntry) }), 'staff'),
} as const;

export const dropFolderEvents = {
  /** A file was taken from a drop folder (imported, duplicate or rejected) and moved. */
  'dropFolder.entry': DropEntry,
  /** A folder's state changed (went offline, came back, files waiting). */
  'dropFolder.state': DropFolderView,
} as const;
