// The machine-wide IT policy (updates and backups). It lives in a folder only administrators can
// write, and its path is fixed per platform on purpose: there is no environment variable or per-user
// file that could stand in for it, so a user cannot turn updates back on or unpin a version. Tests
// pass the file explicitly. A policy that does not parse turns updates off and says why, because
// half-applying a policy IT wrote is worse than applying none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Bilingual } from '../../preload/contract.ts';
import { appError, type AppError } from '../errors.ts';

const SemVer = z.string().regex(/^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'a version such as 1.4.2');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' });

export const UpdatePolicy = z.object({
  enabled: z.boolean(),
  url: HttpUrl.optional(),
  channel: z.enum(['latest', 'beta']).optional(),
  pinnedVersion: SemVer.optional(),
  allowDowngrade: z.boolean().optional(),
  checkIntervalHours: z.number().min(1).max(24 * 31).optional(),
});

export const BackupPolicy = z.object({
  dir: z.string().min(1).optional(),
  keep: z.number().int().min(1).max(1000).optional(),
  intervalHours: z.number().min(1).max(24 * 31).optional(),
});

export const Policy = z.object({
  updates: UpdatePolicy,
  backup: BackupPolicy.optional(),
});
export type Policy = z.infer<typeof Policy>;
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;
export type BackupPolicy = z.infer<typeof BackupPolicy>;

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['updates', 'backup'],
  updates: Object.keys(UpdatePolicy.shape),
  backup: Object.keys(BackupPolicy.shape),
};

export type PolicyLoad =
  /** No policy file: the build's own update feed and the app's defaults apply. */
  | { kind: 'none'; file: string }
  | { kind: 'ok'; file: string; policy: Policy; warnings: string[] }
  /** The file exists but cannot be used: updates are off and `error` says what to fix. */
  | { kind: 'invalid'; file: string; error: AppError };

export function policyPath(platform: NodeJS.Platform = process.platform, env: Record<string, string | undefined> = process.env): string {
  if (platform === 'win32') return join(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'Berkas', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Berkas/policy.json';
  return '/etc/berkas/policy.json';
}

function invalid(file: string, id: string, en: string, details?: unknown): PolicyLoad {
  return {
    kind: 'invalid',
    file,
    error: appError(
      'validation',
      `Kebijakan TI di ${file} tidak dapat dipakai: ${id} Pembaruan otomatis dimatikan sampai berkas itu diperbaiki (lihat docs/for-it.md).`,
      `The IT policy at ${file} cannot be used: ${en} Automatic updates are off until that file is fixed (see docs/for-it.md).`,
      details,
    ),
  };
}

/** Parses policy text; `file` only names it in messages. */
export function parsePolicy(text: string, file: string): PolicyLoad {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad writes a BOM
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return invalid(file, `isinya bukan JSON yang sah (${why}).`, `it is not valid JSON (${why}).`);
  }
  const parsed = Policy.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    const list = issues.join('; ');
    return invalid(file, `${list}.`, `${list}.`, { issues });
  }
  return { kind: 'ok', file, policy: parsed.data, warnings: unknownKeys(raw) };
}

// Unknown keys are warnings, not errors: a policy written for a newer Berkas must not switch off
// the updates that would bring the version which understands it. Typos still show up here.
function unknownKeys(raw: unknown): string[] {
  const warnings: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      const path = at ? `${at}.${key}` : key;
      const known = KNOWN_KEYS[at];
      if (known && !known.includes(key)) warnings.push(`unknown key "${path}" ignored`);
      else if (KNOWN_KEYS[path]) visit((value as Record<string, unknown>)[key], path);
    }
  };
  visit(raw, '');
  return warnings;
}

/** Reads the policy file. Never throws: a broken policy is reported through the result. */
export function loadPolicy(file: string = policyPath()): PolicyLoad {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'none', file };
    const why = error instanceof Error ? error.message : String(error);
    return invalid(file, `berkas tidak dapat dibaca (${why}).`, `the file cannot be read (${why}).`);
  }
  return parsePolicy(text, file);
}

export interface BackupSettings {
  dir?: string;
  keep: number;
  intervalHours: number;
  /** Which values came from the IT policy (the user cannot change those). */
  lockedByPolicy: Array<'dir' | 'keep' | 'intervalHours'>;
}

export const DEFAULT_BACKUP_KEEP = 7;
export const DEFAULT_BACKUP_INTERVAL_HOURS = 24;

/** Policy values win over the user's own settings, which win over the defaults. */
export function resolveBackupSettings(load: PolicyLoad, user: Partial<Pick<BackupSettings, 'dir' | 'keep' | 'intervalHours'>> = {}): BackupSettings {
  const policy = load.kind === 'ok' ? (load.policy.backup ?? {}) : {};
  const locked: BackupSettings['lockedByPolicy'] = [];
  if (policy.dir !== undefined) locked.push('dir');
  if (policy.keep !== undefined) locked.push('keep');
  if (policy.intervalHours !== undefined) locked.push('intervalHours');
  const dir = policy.dir ?? user.dir;
  return {
    ...(dir === undefined ? {} : { dir }),
    keep: policy.keep ?? user.keep ?? DEFAULT_BACKUP_KEEP,
    intervalHours: policy.intervalHours ?? user.intervalHours ?? DEFAULT_BACKUP_INTERVAL_HOURS,
    lockedByPolicy: locked,
  };
}

/** One line for the status bar / diagnostics: what the policy does to updates. */
export function describePolicy(load: PolicyLoad): Bilingual {
  if (load.kind === 'none') return { id: 'Tidak ada kebijakan TI; memakai pengaturan bawaan.', en: 'No IT policy; using the built-in settings.' };
  if (load.kind === 'invalid') return load.error.messages;
  const u = load.policy.updates;
  if (!u.enabled) return { id: 'Pembaruan dimatikan oleh kebijakan TI.', en: 'Updates are turned off by the IT policy.' };
  if (u.pinnedVersion) return { id: `Pembaruan dikunci pada versi ${u.pinnedVersion} oleh TI.`, en: `Updates are pinned to version ${u.pinnedVersion} by IT.` };
  return { id: 'Pembaruan diatur oleh kebijakan TI.', en: 'Updates are managed by the IT policy.' };
}
