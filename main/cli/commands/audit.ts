// Audit commands: export the hash-chained trail as CSV (filters optional) and check the chain.
import { viewerFor } from '../../clearance/viewer.ts';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { AuditFilter } from '../../../preload/contract.ts';
import { exportAuditCsv } from '../../audit/export.ts';
import { verifyAnchoredChain } from '../../audit/anchor.ts';
import { UsageError, type Command } from '../command.ts';
import { withArchive } from '../args.ts';

function parse<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}


const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'Export the audit trail as CSV (UTF-8, with the chain hashes)',
  usage: 'berkas audit export --out FILE [--actor NAME] [--action ACTION|family.*] [--record ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  async run(argv, ctx) {
    const { values } = parse(argv, {
      out: { type: 'string' },
      actor: { type: 'string' },
      action: { type: 'string' },
      record: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    if (!values.out) throw new UsageError('--out FILE is required');
    const filter: AuditFilter = {};
    if (values.actor) filter.actor = values.actor;
    if (values.action) filter.action = values.action;
    if (values.record) {
      const id = Number(values.record);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError('--record must be a record ID');
      filter.recordId = id;
    }
    for (const key of ['from', 'to'] as const) {
      const v = values[key];
      if (v && !DAY.test(v)) throw new UsageError(`--${key} must be a date YYYY-MM-DD`);
      if (v) filter[key] = v;
    }
    const user = await ctx.authenticate('supervisor');
    const out = resolve(values.out);
    return withArchive(ctx, (archive) => {
      const result = exportAuditCsv(archive.db, viewerFor(user), filter, out);
      ctx.report(`Audit trail written to ${result.path}: ${result.rows} entr${result.rows === 1 ? 'y' : 'ies'}.`, result);
      return 0;
    });
  },
};

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check that no audit entry was altered or removed (hash chain)',
  usage: 'berkas audit verify',
  async run(argv, ctx) {
    parse(argv, {});
    await ctx.authenticate('supervisor');
    return withArchive(ctx, (archive) => {
      const result = verifyAnchoredChain(archive.db, archive.anchor);
      ctx.report(
        result.breaks.length
          ? [`The audit chain is BROKEN at ${result.breaks.length} place(s) (of ${result.entries} entries):`, ...result.breaks.map((b) => `  #${b.id} ${b.problem}: ${b.message}`)]
          : `The audit chain holds: ${result.entries} entries, none altered or missing${result.anchor === 'ok' ? ' (its head matches the anchor kept outside the archive)' : result.anchor === 'unanchored' ? ' (not anchored on this machine yet: the head is anchored from now on)' : ' (WARNING: the anchor key folder cannot be used, so removal of the newest entries would not show)'}.`,
        result,
      );
      return result.breaks.length ? 1 : 0;
    });
  },
};

export const auditCommands: Command[] = [auditExportCommand, auditVerifyCommand];
