// `berkas backup` and `berkas restore`: the IT side of main/ops/backup.ts and restore.ts. Where
// backups go and how many are kept come from the flags, then the machine's IT policy, then the
// defaults (beside the archive, 7 generations).
import { appVersion } from '../../kernel/version.ts';
import { defaultBackupRoot, listBackups, runBackup, verifyBackup, type BackupProblem } from '../../ops/backup.ts';
import { resolveGeneration, restoreBackup } from '../../ops/restore.ts';
import { loadPolicy, resolveBackupSettings } from '../../ops/update-policy.ts';
import { UsageError, type CliContext, type Command } from '../command.ts';
import { parse } from '../args.ts';


function problemLines(problems: BackupProblem[]): string[] {
  return problems.map((p) => `  - ${p.en}`);
}

function settingsFor(ctx: CliContext, to: string | undefined, keep: string | undefined) {
  const policy = loadPolicy();
  if (policy.kind === 'invalid') ctx.note(policy.error.messages.en);
  const settings = resolveBackupSettings(policy);
  let keepN = settings.keep;
  if (keep !== undefined) {
    keepN = Number(keep);
    if (!Number.isInteger(keepN) || keepN < 1) throw new UsageError(`--keep needs a whole number ≥ 1, got "${keep}"`);
  }
  return { destRoot: to ?? settings.dir ?? defaultBackupRoot(ctx.archiveDir), keep: keepN };
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the archive (database + documents), incrementally, and keep the newest N',
  usage: [
    'berkas backup [--to DIR] [--keep N]   take a verified backup generation',
    'berkas backup --list [--to DIR]       list the verified generations',
    'berkas backup --verify GENERATION     check one generation from its own bytes',
    '',
    'DIR defaults to the IT policy (backup.dir), else <archive>-backups beside the archive.',
    'N defaults to the IT policy (backup.keep), else 7.',
  ].join('\n'),
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      to: { type: 'string' },
      keep: { type: 'string' },
      list: { type: 'boolean' },
      verify: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

    if (values.verify !== undefined) {
      const dir = await resolveGeneration(String(values.verify));
      const verdict = await verifyBackup(dir);
      ctx.report(verdict.ok ? [`OK: ${dir} verified (${verdict.manifest?.objects.length ?? 0} objects).`] : [`DAMAGED: ${dir}`, ...problemLines(verdict.problems)], {
        dir,
        ok: verdict.ok,
        problems: verdict.problems,
      });
      return verdict.ok ? 0 : 1;
    }

    const { destRoot, keep } = settingsFor(ctx, values.to as string | undefined, values.keep as string | undefined);
    if (values.list) {
      const generations = await listBackups(destRoot);
      ctx.report(
        generations.length === 0 ? [`No backups in ${destRoot}.`] : [`Backups in ${destRoot} (oldest first):`, ...generations.map((g) => `  ${g.name}  ${g.created}`)],
        { root: destRoot, generations },
      );
      return 0;
    }

    ctx.note(`Backing up ${ctx.archiveDir} to ${destRoot} …`);
    // Copying every document is an admin's act; restore is not gated this way because it runs
    // when the archive may be unreadable, by IT with access to the folder itself.
    await ctx.authenticate('admin');
    const result = await runBackup(ctx.archiveDir, destRoot, { keep, appVersion: appVersion() });
    const m = result.manifest;
    const data = {
      ok: result.ok,
      dir: result.dir,
      created: m.created,
      counts: m.counts,
      objects: m.objects.length,
      linked: result.linked,
      copied: result.copied,
      missingAtSource: m.missingAtSource,
      pruned: result.pruned,
      problems: result.problems,
    };
    if (!result.ok) {
      ctx.report([`FAILED: the backup did not verify and is not counted; it was kept as ${result.dir} for inspection.`, ...problemLines(result.problems)], data);
      return 1;
    }
    const lines = [
      `Backup written and verified: ${result.dir}`,
      `  ${m.counts.records} records, ${m.counts.documents} documents, ${m.objects.length} files (${result.copied} copied, ${result.linked} unchanged and linked)`,
    ];
    for (const missing of m.missingAtSource) {
      lines.push(`  WARNING: the archive's file for document ${missing.documentId} is ${missing.why} (${missing.sha256}); it is not in this backup. Run \`berkas verify\`.`);
    }
    if (result.pruned.length > 0) lines.push(`  Removed older generations (keeping ${keep}): ${result.pruned.join(', ')}`);
    ctx.report(lines, data);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the archive with a verified backup generation (the old one is kept aside)',
  usage: [
    'berkas restore BACKUP_DIR [--force]',
    '',
    'BACKUP_DIR is a berkas-backup-… folder, or the folder holding them (the newest is used).',
    'The backup is verified first and refused if anything in it is wrong. Close the Berkas app first.',
    'The current archive is renamed to <archive>.before-restore-<time>, never deleted.',
    '--force  replace an archive that still looks intact (otherwise only a damaged one is replaced)',
  ].join('\n'),
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { force: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('give exactly one BACKUP_DIR');
    const generation = await resolveGeneration(positionals[0]!);
    ctx.note(`Restoring ${generation} into ${ctx.archiveDir} …`);
    const result = await restoreBackup(generation, ctx.archiveDir, { force: values.force === true, actor: ctx.actor });
    ctx.report(
      [
        `Restored the backup of ${result.created} into ${result.archiveDir}.`,
        `  ${result.counts.records} records, ${result.counts.documents} documents.`,
        result.previous ? `  The archive it replaced is kept at ${result.previous}; delete it once you are satisfied.` : '  There was no archive before.',
      ],
      result,
    );
    return 0;
  },
};
