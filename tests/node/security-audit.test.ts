// A tamper-evident audit trail: removing the newest entries, or rewriting the whole chain with
// freshly computed hashes, is reported by `audit verify` and `verify` — the hash chain alone cannot
// see either, so its head is anchored outside the archive folder, and signed into every backup and
// the log. These tests play the attacker who can write the archive folder (drop the triggers, edit
// the database) but not the per-user key folder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openArchive } from '../../main/archive/open.ts';
import { verifyArchive } from '../../main/archive/verify.ts';
import { appendAudit, entryHash, verifyAuditChain, type AuditRow } from '../../main/audit/log.ts';
import { main as cli } from '../../main/cli.ts';
import { createBackend } from '../../main/host/backend.ts';
import { runBackup, verifyBackup } from '../../main/ops/backup.ts';
import { hashFile as sha256File } from '../../main/archive/store.ts';
import { ADMIN, CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

/** An archive with a few audited changes, closed (its head anchored) as a normal session ends. */
function archiveWithHistory(): string {
  const dir = join(tempDir(), 'arsip');
  const archive = openArchive(dir);
  for (let i = 1; i <= 6; i++) {
    archive.db.transaction(() => appendAudit(archive.db, { actor: 'siti', action: 'record.update', entity: 'record', entityId: i, after: { subject: `Memo ${i}` } }))();
  }
  archive.close();
  return dir;
}

/** What an attacker with write access to the database does: lift the guards, then edit. */
function tamper(dir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'berkas.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  edit(db);
  db.close();
}

/** Rewrites every entry (here: who did it) and recomputes the whole chain, as a careful attacker would. */
function rewriteChain(db: Database.Database): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?');
  for (const row of rows) {
    const next = { ...row, actor: row.actor === 'siti' ? 'budi' : row.actor, prev_hash: prev };
    const { hash: _old, ...rest } = next;
    const hash = entryHash(rest);
    update.run(next.actor, prev, hash, row.id);
    prev = hash;
  }
}

test('removing the newest audit entries is reported by verify, audit.verify and `berkas audit verify`', async () => {
  const dir = archiveWithHistory();
  tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)').run());

  const archive = openArchive(dir);
  try {
    assert.equal(verifyAuditChain(archive.db).breaks.length, 0, 'the chain alone still looks whole: that is the hole being closed');
    const report = await verifyArchive(archive);
    assert.equal(report.consistent, false);
    assert.equal(report.audit.anchor, 'truncated');
    assert.match(report.audit.breaks.map((b) => b.message).join('\n'), /newest audit entries are missing/);
  } finally {
    archive.close();
  }

  const backend = await createBackend({ archiveDir: dir, host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const check = await ok<{ breaks: { problem: string }[]; anchor: string }>(backend.dispatch('audit.verify', {}, CLI_SENDER));
    assert.equal(check.anchor, 'truncated');
    assert.ok(check.breaks.some((b) => b.problem === 'truncated'));
  } finally {
    await backend.close();
  }

  const out: string[] = [];
  const io = { stdout: { write: (s: string) => (out.push(s), true) }, stderr: { write: (s: string) => (out.push(s), true) } } as never;
  process.env.BERKAS_PASSWORD = ADMIN.password;
  const code = await cli(['audit', 'verify', '--archive', dir, '--user', ADMIN.name], io).finally(() => delete process.env.BERKAS_PASSWORD);
  assert.equal(code, 1, `the CLI fails: ${out.join('')}`);
  assert.match(out.join(''), /BROKEN|missing/);
  // And still after another session: the evidence is never overwritten by a later head.
  const again = openArchive(dir);
  try {
    again.db.transaction(() => appendAudit(again.db, { actor: 'siti', action: 'record.update', entity: 'record', entityId: 9 }))();
    again.anchor.advance();
    // (New entries have since refilled the ids, so the anchored entry now reads as replaced.)
    assert.ok(['truncated', 'rewritten'].includes(again.anchor.check().state), again.anchor.check().state);
  } finally {
    again.close();
  }
});

test('a full rewrite with recomputed hashes is reported, and so is a forged anchor', async () => {
  const dir = archiveWithHistory();
  tamper(dir, rewriteChain);
  const archive = openArchive(dir);
  try {
    assert.equal(verifyAuditChain(archive.db).breaks.length, 0, 'the recomputed chain is internally consistent');
    const report = await verifyArchive(archive);
    assert.equal(report.consistent, false);
    assert.equal(report.audit.anchor, 'rewritten');
  } finally {
    archive.close();
  }

  // An anchor file edited by hand (no key, so no valid signature) is itself reported.
  const keyDir = process.env.BERKAS_KEY_DIR!;
  const other = archiveWithHistory();
  const files = readdirSync(join(keyDir, 'anchors')).map((n) => join(keyDir, 'anchors', n));
  const mine = files.find((f) => JSON.parse(readFileSync(f, 'utf8')).head.id === 6 && readFileSync(f, 'utf8').length > 0 && !f.endsWith('.tmp'));
  assert.ok(mine);
  // Find the anchor of `other` by opening it: its check is ok now; then lower the anchored id.
  const o = openArchive(other);
  const anchored = o.anchor.check().anchored!;
  o.close();
  const file = files.find((f) => JSON.parse(readFileSync(f, 'utf8')).head.mac === anchored.mac)!;
  const forged = JSON.parse(readFileSync(file, 'utf8'));
  forged.head.id = 3;
  writeFileSync(file, JSON.stringify(forged));
  const reopened = openArchive(other);
  try {
    assert.equal(reopened.anchor.check().state, 'forged-anchor');
  } finally {
    reopened.close();
  }
});

test('every backup carries the signed head: a backup whose newest audit entries were removed later is refused', async () => {
  const dir = archiveWithHistory();
  const root = join(dir, '..', 'cadangan');
  const run = await runBackup(dir, root, { keep: 3 });
  assert.equal(run.ok, true);
  assert.equal(run.manifest.auditHead?.id, 6, 'the manifest holds the signed head');
  assert.match(run.manifest.auditHead!.mac, /^[0-9a-f]{64}$/);
  assert.equal((await verifyBackup(run.dir)).ok, true);

  // The attacker edits the copy and fixes the manifest's database hash to match.
  tamper(run.dir, (db) => db.prepare('DELETE FROM audit_log WHERE id > 4').run());
  const manifestFile = join(run.dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.database.sha256 = await sha256File(join(run.dir, 'berkas.sqlite'));
  manifest.counts.auditEntries = 4;
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const verdict = await verifyBackup(run.dir);
  assert.equal(verdict.ok, false);
  assert.ok(verdict.problems.some((p) => p.kind === 'audit' && /newest audit entries are missing/.test(p.en)), JSON.stringify(verdict.problems));

  // And the head is in the log as well, a copy the attacker must find and edit too.
  const log = readFileSync(join(dir, 'logs', 'berkas.log'), 'utf8');
  assert.match(log, /audit head .*"id":6.*"mac":"[0-9a-f]{64}"/);
});
