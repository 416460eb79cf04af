// The bundle a user sends to IT when something is wrong: versions, the archive's shape (table row
// counts, sizes, integrity), settings and policy with secrets masked, backup generations, and the
// log files. What it must never hold is just as much the point: no document bytes, no record
// metadata (subjects and names can be personal data), no tokens or passwords. It is a folder,
// not an archive format, so IT can read it with nothing but a text editor and zip it themselves.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveLayout } from '../archive/layout.ts';
import { verifyAuditChain } from '../audit/log.ts';
import { integrityCheck, journalMode, openDatabase, schemaVersion, sqliteVersion as sqliteVersionOf, tableRowCounts } from '../db/connection.ts';
import { allSettings } from '../db/settings.ts';
import { appError } from '../errors.ts';
import { redact, redactText } from '../log/redact.ts';
import { listBackups } from './backup.ts';
import { listStoreObjects } from '../archive/store.ts';
import { describePolicy, type PolicyLoad } from './update-policy.ts';

export interface DiagnosticsOptions {
  versions: { app: string; electron?: string | null; [other: string]: string | null | undefined };
  /** Host-side settings (window, update state, …); masked before they are written. */
  settings?: Record<string, unknown>;
  policy?: PolicyLoad;
  backupRoot?: string;
  now?: Date;
}

export interface DiagnosticsResult {
  dir: string;
  files: string[];
}

async function archiveFacts(archiveDir: string): Promise<Record<string, unknown>> {
  const layout = archiveLayout(archiveDir);
  if (!existsSync(layout.database)) return { path: layout.dir, exists: false };
  const db = openDatabase(layout.database, { readonly: true });
  try {
    const rows = tableRowCounts(db);
    const tables = Object.keys(rows);
    const quick = integrityCheck(db, true);
    const chain = tables.includes('audit_log') ? verifyAuditChain(db) : null;
    const settings = tables.includes('settings') ? allSettings(db) : {};
    const objects = await listStoreObjects(layout.store);
    return {
      path: layout.dir,
      exists: true,
      schemaVersion: schemaVersion(db),
      databaseBytes: (await stat(layout.database)).size,
      journalMode: journalMode(db),
      quickCheck: quick.slice(0, 20),
      auditChain: chain ? { entries: chain.entries, breaks: chain.breaks.length, firstBreaks: chain.breaks.slice(0, 5) } : null,
      rowCounts: rows,
      store: { objects: objects.length, bytes: objects.reduce((sum, o) => sum + o.size, 0) },
      stagingLeftovers: (await readdir(layout.staging).catch(() => [] as string[])).length,
      settings: redact(settings),
    };
  } finally {
    db.close();
  }
}

/** Writes the bundle into `outDir` (created; must not already hold files). */
export async function exportDiagnostics(archiveDir: string, outDir: string, options: DiagnosticsOptions): Promise<DiagnosticsResult> {
  const dir = resolve(outDir);
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    throw appError('conflict', `Folder ${dir} sudah berisi berkas; pilih folder baru yang kosong.`, `The folder ${dir} already holds files; choose a new, empty folder.`);
  }
  await mkdir(join(dir, 'logs'), { recursive: true });
  const layout = archiveLayout(resolve(archiveDir));
  const sqliteVersion = (() => {
    if (!existsSync(layout.database)) return null;
    const db = openDatabase(layout.database, { readonly: true });
    try {
      return sqliteVersionOf(db);
    } finally {
      db.close();
    }
  })();

  const logs: string[] = [];
  for (const name of (await readdir(layout.logs).catch(() => [] as string[])).filter((n) => /\.log$/i.test(n)).sort()) {
    // Logs are redacted when written; masking again here covers anything written before that rule
    // existed or by code that bypassed the logger.
    const text = await readFile(join(layout.logs, name), 'utf8');
    await writeFile(join(dir, 'logs', name), text.split('\n').map(redactText).join('\n'));
    logs.push(`logs/${name}`);
  }

  const bundle = {
    format: 'berkas-diagnostics',
    version: 1,
    created: (options.now ?? new Date()).toISOString(),
    versions: {
      ...options.versions,
      node: process.versions.node,
      electron: options.versions.electron ?? process.versions.electron ?? null,
      sqlite: sqliteVersion,
      platform: platform(),
      arch: arch(),
      osRelease: release(),
    },
    archive: await archiveFacts(layout.dir),
    settings: redact(options.settings ?? {}),
    policy: options.policy
      ? {
          file: options.policy.file,
          kind: options.policy.kind,
          summary: describePolicy(options.policy),
          policy: options.policy.kind === 'ok' ? redact(options.policy.policy) : null,
          warnings: options.policy.kind === 'ok' ? options.policy.warnings : [],
        }
      : null,
    backups: options.backupRoot
      ? { root: options.backupRoot, generations: (await listBackups(options.backupRoot).catch(() => [])).map((g) => ({ name: g.name, created: g.created })) }
      : null,
    logs,
  };
  await writeFile(join(dir, 'diagnostics.json'), JSON.stringify(bundle, null, 2) + '\n');
  return { dir, files: ['diagnostics.json', ...logs] };
}
