// App-level channels: what the About panel and the frame need.
import { z } from 'zod';
import { Bilingual, NoInput, channel } from './shared.ts';

export const AppInfo = z.object({
  version: z.string(),
  archivePath: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  host: z.enum(['electron', 'browser-shell']),
  recordCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  'app.info': channel(NoInput, AppInfo, 'public'),
} as const;

export const appEvents = {
  'app.toast': z.object({ level: z.enum(['info', 'success', 'warning', 'error']), message: Bilingual }),
} as const;
