// Runs the real `berkas` CLI (from source) as a child process, the way IT would.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openArchive } from '../../main/archive/open.ts';
import { setupFirstUser } from '../../main/accounts/users.ts';
import { ROOT } from './tmp.ts';

export const CLI = join(ROOT, 'main', 'cli.ts');
export const CLI_USER = { name: 'arsiparis', password: 'sandi-arsiparis-uji' };

/** Creates the first (admin, staff, supervisor) account the CLI logs in as. */
export async function archiveWithUser(dir: string): Promise<void> {
  const archive = openArchive(dir);
  try {
    await setupFirstUser(archive.db, { name: CLI_USER.name, displayName: 'Arsiparis Uji', password: CLI_USER.password, roles: ['staff', 'supervisor', 'admin'] });
  } finally {
    archive.close();
  }
}

export function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, BERKAS_USER: CLI_USER.name, BERKAS_PASSWORD: CLI_USER.password };
}

export function runCli(archive: string, args: string[]): { status: number; stdout: string; stderr: string; json: unknown } {
  const result = spawnSync(process.execPath, [CLI, '--archive', archive, ...args], { env: cliEnv(), encoding: 'utf8', timeout: 180_000 });
  let json: unknown = undefined;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(result.stdout);
    } catch {
      json = undefined;
    }
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

export function spawnCli(archive: string, args: string[]) {
  return spawn(process.execPath, [CLI, '--archive', archive, ...args], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}
