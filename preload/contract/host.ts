// Channels the host answers itself instead of the backend worker: restoring a backup (the host must
// stop the backend, swap the archive folder and start it again), the native file pickers (the OS
// dialog lives in the host), and the desktop app's updater. They travel through the same
// invoke() and the same checks (sender, role, schema) as every other channel; a host that has no
// picker or no updater answers null, and the renderer offers what that host can do instead.
import { z } from 'zod';
import { GenerationName, UpdateStatus } from './ops.ts';
import { Id, PickHandle, channel } from './shared.ts';

/** What a restore reports: which generation came back, when it was taken, where the replaced archive went. */
export const RestoreOutcome = z.object({
  restoredFrom: z.string(),
  created: z.string(),
  /** Where the replaced archive was moved, or null if there was none. */
  previous: z.string().nullable(),
});
export type RestoreOutcome = z.infer<typeof RestoreOutcome>;

export const hostChannels = {
  /** Replaces the archive with a verified backup generation; `force` rolls back an intact archive. */
  'backup.restore': channel(z.object({ name: GenerationName, force: z.boolean() }).strict(), RestoreOutcome, 'admin'),
  /** Native file or folder picker, answered with handles of what the user chose (never paths: the
   *  renderer passes them to import.start); null where the host has none (the browser shell: a file
   *  input instead, whose uploads give handles too). */
  'dialog.pick': channel(z.object({ kind: z.enum(['files', 'folder']) }).strict(), z.array(PickHandle).nullable(), 'any'),
  /** The updater: its status, a check now, or install (restart) now; null where the host has no updater. */
  'update.run': channel(z.object({ action: z.enum(['status', 'check', 'install']) }).strict(), UpdateStatus.nullable(), 'public'),
  /** Opens a read-only copy of a document in the program the OS uses for its type (the desktop app);
   *  asked of the backend like a preview (`documents.url`: clearance checked, the opening audited).
   *  null where the host cannot (the browser shell: the renderer offers a saved copy instead). */
  'document.openExternal': channel(z.object({ documentId: Id }).strict(), z.object({ opened: z.boolean() }).nullable(), 'any'),
} as const;
