// The Electron glue for updates: builds electron-updater's platform updater (which needs Electron's
// app and net), reads the machine's IT policy and the feed baked into the build, and hands both to
// main/ops/updater-core.ts, where every decision lives and is tested. Nothing here decides.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { parse } from 'yaml';
import { updaterLogger, type Logger } from '../log/logger.ts';
import { loadPolicy, type PolicyLoad } from '../ops/update-policy.ts';
import { configureUpdater, type Activity, type UpdateController, type UpdateStatus } from '../ops/updater-core.ts';

export interface StartUpdaterOptions {
  onStatus: (status: UpdateStatus) => void;
  /** The busy guard: true while an import, a destruction run or a portal push is running. */
  activity: () => Activity;
  /** Close the archive cleanly (WAL checkpoint) before the installer takes over. */
  beforeInstall: () => Promise<void>;
  log?: Logger;
}

export interface RunningUpdater {
  controller: UpdateController;
  policy: PolicyLoad;
  stop(): void;
}

/** The feed URL electron-builder wrote into resources/app-update.yml, if this is a packaged build. */
function bakedFeedUrl(): string | null {
  if (!app.isPackaged) return null;
  try {
    const config = parse(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8')) as { url?: unknown } | null;
    return typeof config?.url === 'string' ? config.url : null;
  } catch {
    return null;
  }
}

export function startUpdater(options: StartUpdaterOptions): RunningUpdater {
  const policy = loadPolicy();
  const log = options.log?.child('updater');
  if (policy.kind === 'invalid') log?.error(policy.error.messages.en);
  if (policy.kind === 'ok') for (const warning of policy.warnings) log?.warn(`policy ${policy.file}: ${warning}`);

  const updater = electronUpdater.autoUpdater;
  updater.logger = log ? updaterLogger(log) : null;
  const controller = configureUpdater(updater, policy, {
    ...options,
    bakedFeedUrl: bakedFeedUrl(),
    // A development run has no installer to replace; say so instead of failing against a feed.
    ...(app.isPackaged ? {} : { disabledReason: { id: 'Pembaruan hanya berjalan pada Berkas yang terpasang.', en: 'Updates only run in an installed Berkas.' } }),
  });
  options.onStatus(controller.status());
  const stop = controller.schedule({ firstDelayMs: 60_000 });
  return { controller, policy, stop };
}
