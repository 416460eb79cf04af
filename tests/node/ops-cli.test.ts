// `berkas backup`, `berkas restore` and `berkas diagnostics` through their Command objects, on a real
// archive, in both the human and the --json form.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { appendAudit, verifyAuditChain } from '../../main/audit/log.ts';
import { UsageError, type CliContext } from '../../main/cli/command.ts';
import { backupCommand, restoreCommand } from '../../main/cli/commands/backup.ts';
import { diagnosticsCommand } from '../../main/cli/commands/diagnostics.ts';
import { AppError } from '../../main/errors.ts';
import { objectPath } from '../../main/archive/store.ts';
import { tempDir } from '../helpers/tmp.ts';

function context(archiveDir: string, json: boolean) {
  const out: Array<{ human: string[]; data: unknown }> = [];
  const notes: string[] = [];
  const ctx: CliContext = {
    archiveDir,
    json,
    actor: 'it-admin',
    async authenticate() {
      return { id: 1, name: 'it-admin', displayName: 'IT', roles: ['admin'], clearance: 'sangat-rahasia' };
    },
    report(human, data) {
      out.push({ human: Array.isArray(human) ? human : [human], data });
    },
    note(message) {
      notes.push(message);
    },
  };
  return { ctx, out, notes };
}

describe('berkas backup / restore / diagnostics', () => {
  const base = tempDir();
  const archiveDir = join(base, 'arsip');
  const root = join(base, 'cadangan');
  const bytes = Buffer.from('%PDF-1.4 surat edaran');
  const sha = createHash('sha256').update(bytes).digest('hex');
  {
    const archive = openArchive(archiveDir);
    archive.db.transaction(() => {
      const at = '2026-02-01T09:00:00.000Z';
      const rec = archive.db.prepare(`INSERT INTO records (subject, created_at, updated_at, created_by) VALUES ('Surat edaran', ?, ?, 'ani')`).run(at, at);
      mkdirSync(dirname(objectPath(archive.layout.store, sha)), { recursive: true });
      writeFileSync(objectPath(archive.layout.store, sha), bytes);
      archive.db
        .prepare(`INSERT INTO documents (record_id, role, sha256, size, mime, original_name, imported_at) VALUES (?, 'main', ?, ?, 'application/pdf', 'se.pdf', ?)`)
        .run(rec.lastInsertRowid, sha, bytes.length, at);
      appendAudit(archive.db, { actor: 'ani', action: 'record.create', entity: 'record', entityId: Number(rec.lastInsertRowid) });
    })();
    archive.close();
  }

  test('backup --to --keep writes a verified generation and reports it', async () => {
    const { ctx, out } = context(archiveDir, false);
    assert.equal(await backupCommand.run(['--to', root, '--keep', '2'], ctx), 0);
    assert.match(out[0]!.human[0]!, /^Backup written and verified: .*berkas-backup-\d{8}-\d{6}/);
    assert.match(out[0]!.human[1]!, /1 records, 1 documents, 1 files \(1 copied, 0 unchanged and linked\)/);
    const data = out[0]!.data as { ok: boolean; dir: string; counts: { records: number } };
    assert.equal(data.ok, true);
    assert.equal(data.counts.records, 1);
  });

  test('backup --list and --verify, human and JSON', async () => {
    const { ctx, out } = context(archiveDir, true);
    assert.equal(await backupCommand.run(['--list', '--to', root], ctx), 0);
    const listed = out[0]!.data as { generations: Array<{ name: string; dir: string }> };
    assert.equal(listed.generations.length, 1);
    assert.equal(await backupCommand.run(['--verify', listed.generations[0]!.dir], ctx), 0);
    assert.deepEqual(out[1]!.data, { dir: listed.generations[0]!.dir, ok: true, problems: [] });
    await assert.rejects(() => backupCommand.run(['--keep', 'zero', '--to', root], ctx), UsageError);
    await assert.rejects(() => backupCommand.run(['--bogus'], ctx), UsageError);
  });

  test('restore BACKUP_ROOT picks the newest generation; a healthy archive needs --force', async () => {
    const { ctx, out } = context(archiveDir, false);
    await assert.rejects(() => restoreCommand.run([root], ctx), (e: unknown) => e instanceof AppError && e.code === 'conflict');
    rmSync(objectPath(join(archiveDir, 'store'), sha));
    assert.equal(await restoreCommand.run([root], ctx), 0);
    assert.match(out[0]!.human[0]!, /^Restored the backup of /);
    assert.match(out[0]!.human[2]!, /kept at .*arsip\.before-restore-/);
    assert.ok(existsSync(objectPath(join(archiveDir, 'store'), sha)));
    const archive = openArchive(archiveDir);
    try {
      assert.deepEqual(verifyAuditChain(archive.db).breaks, []);
      const last = archive.db.prepare('SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1').get() as { actor: string; action: string };
      assert.deepEqual({ ...last }, { actor: 'it-admin', action: 'archive.restore' });
    } finally {
      archive.close();
    }
    await assert.rejects(() => restoreCommand.run([], ctx), UsageError);
    await assert.rejects(() => restoreCommand.run([join(base, 'nothing-here')], ctx), (e: unknown) => e instanceof AppError && e.code === 'not-found');
  });

  test('diagnostics OUT_DIR writes the bundle', async () => {
    const { ctx, out } = context(archiveDir, false);
    const dir = join(base, 'diag');
    assert.equal(await diagnosticsCommand.run([dir], ctx), 0);
    assert.ok(readdirSync(dir).includes('diagnostics.json'));
    assert.match(out[0]!.human[0]!, /^Diagnostics written to /);
  });
});
