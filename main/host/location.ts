// Where the archive lives. One resolution used by the Electron shell, the browser shell, the CLI
// and the tests, so they all agree: --archive DIR, then BERKAS_ARCHIVE, then the per-user data
// folder (%APPDATA%\Berkas, ~/.config/Berkas, ~/Library/Application Support/Berkas).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER = 'Berkas';

export interface LocationInput {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home?: string;
}

export function archiveFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--archive') return argv[i + 1];
    if (arg.startsWith('--archive=')) return arg.slice('--archive='.length);
  }
  return undefined;
}

export function userDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}

export function resolveArchiveDir(input: LocationInput): string {
  const chosen = archiveFlag(input.argv) ?? input.env.BERKAS_ARCHIVE;
  if (chosen) return resolve(chosen);
  return userDataDir(input.platform, input.env, input.home);
}

export function resolveFromProcess(): string {
  return resolveArchiveDir({ argv: process.argv.slice(2), env: process.env, platform: process.platform });
}
