// Retention commands for IT and the records unit: import a JRA (and, after reading the preview,
// put it in force), list what is due, and set, lift and list legal holds. There is deliberately no
// command that destroys: destruction needs recorded approvals and runs only through the workflow,
// whose gate the CLI could not bypass anyway.
import { isValidDate, localToday } from '../../retention/clock.ts';
import { createHold, liftHold, listHolds, type HoldTarget, type HoldView } from '../../retention/holds.ts';
import { applyVersion, importJraFile, previewVersion } from '../../retention/jra.ts';
import { dueQueues, type QueueItem } from '../../retention/queues.ts';
import { UsageError, type Command } from '../command.ts';
import { parse, withArchive } from '../args.ts';



function positiveId(text: string | undefined, what: string): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive whole number`);
  return n;
}

const jraImport: Command = {
  name: 'jra import',
  summary: 'Import a retention schedule (JRA) from CSV or XLSX as a new version; --apply puts it in force',
  usage: ['berkas jra import FILE [--name NAME] [--apply] [--as-of YYYY-MM-DD]', 'Without --apply the version stays a draft and the changes it would make are listed.'],
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { name: { type: 'string' }, apply: { type: 'boolean', default: false }, 'as-of': { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('name exactly one CSV or XLSX file');
    const asOf = values['as-of'] ?? localToday();
    if (!isValidDate(asOf)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
    const user = await ctx.authenticate('supervisor');
    return withArchive(ctx, async (archive) => {
      const imported = await importJraFile(archive.db, positionals[0]!, user.name, values.name ?? null);
      const preview = previewVersion(archive.db, imported.version.id, asOf);
      const applied = values.apply ? applyVersion(archive.db, imported.version.id, user.name, asOf) : null;
      const lines = [
        `Imported JRA version ${imported.version.id} "${imported.version.name}": ${imported.rules} rules (${imported.conditional} conditional, ${imported.withTrigger} counting from an event).`,
        `Compared with ${preview.current ? `version ${preview.current.id}` : 'no schedule in force'}: ${preview.changes.length} of ${preview.filesCompared} files change, ${preview.changes.filter((c) => c.becomesDue).length} become due, ${preview.withoutRule.length} have no rule.`,
        ...preview.changes.slice(0, 50).map((c) => `  file ${c.fileId} ${c.classificationCode} "${c.title}": ${c.before.nextAction} ${c.before.dueAt ?? '-'} -> ${c.after.nextAction} ${c.after.dueAt ?? '-'}${c.becomesDue ? ' (due now)' : ''}`),
        ...(preview.changes.length > 50 ? [`  … and ${preview.changes.length - 50} more (use --json for all)`] : []),
        applied ? `Version ${applied.id} is now in force.` : `Version ${imported.version.id} is a draft; run again with --apply, or apply it in the Retensi screen, to put it in force.`,
      ];
      ctx.report(lines, { ...imported, preview, applied });
      return 0;
    });
  },
};

function itemLine(i: QueueItem): string {
  const held = i.held ? `, ${i.held} held` : '';
  const inCase = i.inCase ? `, ${i.inCase} in a case` : '';
  return `  file ${i.fileId} ${i.classificationCode} "${i.title}": due ${i.dueAt} (${i.eligible} records${held}${inCase})${i.needsDecision ? ' — conditional rule, a person decides' : ''}`;
}

const retentionDue: Command = {
  name: 'retention due',
  summary: 'List what is due for transfer, destruction, handover or re-appraisal, files with no rule, and holds',
  usage: 'berkas retention due [--as-of YYYY-MM-DD]',
  async run(argv, ctx) {
    const { values } = parse(argv, { 'as-of': { type: 'string' } });
    const asOf = values['as-of'] ?? localToday();
    if (!isValidDate(asOf)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
    await ctx.authenticate('any');
    return withArchive(ctx, (archive) => {
      const q = dueQueues(archive.db, asOf);
      const section = (title: string, items: QueueItem[]) => [`${title}: ${items.length}`, ...items.map(itemLine)];
      ctx.report(
        [
          `Due as of ${asOf}${q.versionId ? ` (JRA version ${q.versionId})` : ' — no JRA in force: import one with `berkas jra import FILE --apply`'}`,
          ...section('Transfer to the records centre (pemindahan)', q.transfer),
          ...section('Destruction (pemusnahan)', q.destroy),
          ...section('Handover of permanent records (penyerahan)', q.handover),
          ...section('Re-appraisal (dinilai kembali)', q.reappraise),
          ...section('On hold', q.onHold),
          `Files with no JRA rule: ${q.noRule.length}`,
          ...q.noRule.map((f) => `  file ${f.fileId} ${f.classificationCode} "${f.title}"`),
          `Files waiting for their event date: ${q.awaitingEvent.length}`,
          ...q.awaitingEvent.map((f) => `  file ${f.fileId} ${f.classificationCode} "${f.title}": ${f.detail ?? ''}`),
          `Records not in any file (never due until filed): ${q.unfiledRecords}`,
          ...q.holdFailures.map((f) => `WARNING: hold ${f.holdId} cannot be evaluated: ${f.message}`),
        ],
        q,
      );
      return 0;
    });
  },
};

function holdLine(h: HoldView): string {
  const what = h.targets
    .map((t) => (t.kind === 'record' ? `record ${t.recordId}` : t.kind === 'file' ? `file ${t.fileId}` : t.kind === 'code' ? `code ${t.codePrefix}` : `search ${JSON.stringify(t.query)}`))
    .join(', ');
  const state = h.liftedAt ? `lifted ${h.liftedAt} by ${h.liftedBy}: ${h.liftReason}` : `${h.heldRecords} records held`;
  return `#${h.id} "${h.name}"${h.caseRef ? ` (${h.caseRef})` : ''} — ${h.reason}; covers ${what}; set by ${h.createdBy} ${h.createdAt}; ${state}`;
}

const holdAdd: Command = {
  name: 'hold add',
  summary: 'Put a legal hold on records, files or a classification code: they cannot be destroyed or handed over',
  usage: 'berkas hold add --name NAME --reason TEXT [--case REF] (--record ID | --file ID | --code PREFIX)…',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      name: { type: 'string' },
      reason: { type: 'string' },
      case: { type: 'string' },
      record: { type: 'string', multiple: true },
      file: { type: 'string', multiple: true },
      code: { type: 'string', multiple: true },
    });
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    if (!values.name?.trim()) throw new UsageError('--name is required');
    if (!values.reason?.trim()) throw new UsageError('--reason is required');
    const targets: HoldTarget[] = [
      ...(values.record ?? []).map((r) => ({ kind: 'record' as const, recordId: positiveId(r, '--record') })),
      ...(values.file ?? []).map((f) => ({ kind: 'file' as const, fileId: positiveId(f, '--file') })),
      ...(values.code ?? []).map((c) => ({ kind: 'code' as const, codePrefix: c })),
    ];
    if (targets.length === 0) throw new UsageError('name what to hold: --record ID, --file ID or --code PREFIX');
    const user = await ctx.authenticate('staff');
    return withArchive(ctx, (archive) => {
      const hold = createHold(archive.db, { name: values.name!, reason: values.reason!, caseRef: values.case ?? null, targets }, user.name);
      ctx.report([`Hold ${holdLine(hold)}`], hold);
      return 0;
    });
  },
};

const holdLift: Command = {
  name: 'hold lift',
  summary: 'Lift a legal hold, recording why (the hold itself is kept)',
  usage: 'berkas hold lift ID --reason TEXT',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { reason: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('name the hold to lift: berkas hold lift ID --reason TEXT');
    const id = positiveId(positionals[0], 'ID');
    if (!values.reason?.trim()) throw new UsageError('--reason is required');
    const user = await ctx.authenticate('supervisor');
    return withArchive(ctx, (archive) => {
      const hold = liftHold(archive.db, id, values.reason!, user.name);
      ctx.report([`Lifted ${holdLine(hold)}`], hold);
      return 0;
    });
  },
};

const holdList: Command = {
  name: 'hold list',
  summary: 'List legal holds and how many records each holds now',
  usage: 'berkas hold list [--all]',
  async run(argv, ctx) {
    const { values } = parse(argv, { all: { type: 'boolean', default: false } });
    await ctx.authenticate('any');
    return withArchive(ctx, (archive) => {
      const holds = listHolds(archive.db, { includeLifted: values.all });
      ctx.report(holds.length ? holds.map(holdLine) : ['No active holds.'], holds);
      return 0;
    });
  },
};

export const retentionCommands: Command[] = [jraImport, retentionDue, holdAdd, holdLift, holdList];
