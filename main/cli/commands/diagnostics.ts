// `berkas diagnostics OUT_DIR`: the bundle a user sends to IT (main/ops/diagnostics.ts), from the
// command line, for when the app itself will not start.
import { parseArgs } from 'node:util';
import { appVersion } from '../../kernel/version.ts';
import { defaultBackupRoot } from '../../ops/backup.ts';
import { exportDiagnostics } from '../../ops/diagnostics.ts';
import { loadPolicy, resolveBackupSettings } from '../../ops/update-policy.ts';
import { UsageError, type Command } from '../command.ts';

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  summary: 'Write a diagnostics folder for IT (versions, counts, logs; no documents, no secrets)',
  usage: 'berkas diagnostics OUT_DIR\n\nOUT_DIR must be new or empty. It holds diagnostics.json and a copy of the logs, with secrets masked.',
  async run(argv, ctx) {
    let positionals: string[];
    try {
      positionals = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true }).positionals;
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one OUT_DIR');
    await ctx.authenticate('admin');
    const policy = loadPolicy();
    const backup = resolveBackupSettings(policy);
    const result = await exportDiagnostics(ctx.archiveDir, positionals[0]!, {
      versions: { app: appVersion() },
      policy,
      backupRoot: backup.dir ?? defaultBackupRoot(ctx.archiveDir),
      settings: { host: 'cli' },
    });
    ctx.report([`Diagnostics written to ${result.dir}:`, ...result.files.map((f) => `  ${f}`), 'Check it before sending; it holds no document content and secrets are masked.'], result);
    return 0;
  },
};
