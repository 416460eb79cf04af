// App-level channels: what the About panel and the frame need.
import { z } from 'zod';
import { Bilingual, NoInput, channel } from './shared.ts';

/** Public, so before login it says only what the login screen needs (version, host): where the
 *  archive lives and how much it holds are null until someone is logged in. */
export const AppInfo = z.object({
  version: z.string(),
  archivePath: z.string().nullable(),
  databasePath: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  host: z.enum(['electron', 'browser-shell', 'server']),
  recordCount: z.number().int().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  'app.info': channel(NoInput, AppInfo, 'public'),
} as const;

export const appEvents = {
  'app.toast': z.object({ level: z.enum(['info', 'success', 'warning', 'error']), message: Bilingual }),
} as const;
