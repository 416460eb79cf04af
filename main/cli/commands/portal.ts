// `berkas portal configure|test`, `berkas sync [--once]|status|confirm-withdrawals|retry-parked`
// and `berkas catalogue export DIR`: the command-line side of main/portal. The token never comes
// as an argument (it would sit in shell history and in `ps`): BERKAS_PORTAL_TOKEN or an owner-only
// file given by --token-file or stored (as a path) by `portal configure`.
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { openComposedArchive, sweepBeforePush } from '../../host/compose.ts';
import type { ArchiveLayout } from '../../archive/layout.ts';
import type { Db } from '../../db/connection.ts';
import { PortalError } from '../../portal/adapter.ts';
import type { DrainSummary } from '../../portal/pusher.ts';
import { createPortalService, type PortalService } from '../../portal/service.ts';
import type { PortalSettingsPatch } from '../../portal/settings.ts';
import { RECORD_PORTAL_STATES, type RecordPortalState } from '../../portal/status.ts';
import { checkOwnerOnly, defaultTokenSource } from '../../portal/token.ts';
import { UsageError, type CliContext, type Command } from '../command.ts';

interface OpenedArchive {
  readonly layout: ArchiveLayout;
  readonly db: Db;
  close(): void;
}

export interface PortalCommandDeps {
  open?: (dir: string) => OpenedArchive;
  env?: NodeJS.ProcessEnv;
  /** Resolves when `sync` (without --once) should stop; defaults to SIGINT/SIGTERM. */
  untilStopped?: () => Promise<void>;
}

function parse<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  const secret = argv.find((a) => /^--(token|api-?key|apitoken)(=|$)/i.test(a));
  if (secret) {
    throw new UsageError(
      'The portal token is never given on the command line (shell history, process list). Set BERKAS_PORTAL_TOKEN, or put it in a file only you can read (chmod 600) and pass --token-file FILE.',
    );
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function wholeNumber(value: unknown, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} needs a whole number ${min}–${max}, got "${String(value)}"`);
  return n;
}

function summaryLines(s: DrainSummary): string[] {
  const lines = [
    `Sent: ${s.published} published, ${s.withdrawn} withdrawn; ${s.retried} to retry, ${s.parked} parked, ${s.refused} refused (not public).`,
  ];
  if (s.resetStale) lines.push(`${s.resetStale} item(s) left over from an interrupted run were put back in the queue.`);
  if (s.needsConfirmation) lines.push(`${s.needsConfirmation} withdrawal(s) wait for confirmation: berkas sync confirm-withdrawals`);
  if (s.problem) lines.push(`Problem: ${s.problem.en}`);
  if (s.pausedUntil) lines.push(`The queue waits until ${s.pausedUntil}.`);
  if (s.stoppedBy === 'locked') lines.push('Another Berkas process is pushing this archive right now; nothing was sent.');
  return lines;
}

export function createPortalCommands(deps: PortalCommandDeps = {}): Command[] {
  const open = deps.open ?? openComposedArchive;
  const env = deps.env ?? process.env;

  async function withService<T>(ctx: CliContext, tokenFile: string | undefined, work: (service: PortalService, db: Db) => Promise<T>): Promise<T> {
    const archive = open(ctx.archiveDir);
    const service = createPortalService({
      db: archive.db,
      layout: archive.layout,
      actor: ctx.actor,
      beforeRun: () => {
        sweepBeforePush(archive.db);
      },
      tokenSource: (settings) => defaultTokenSource(tokenFile ? resolve(tokenFile) : settings.tokenFile, env),
      onProgress: (e) => {
        if (e.type === 'item' && e.message && (e.outcome === 'parked' || e.outcome === 'refused' || e.outcome === 'portal-problem')) {
          ctx.note(`record ${e.recordId}: ${e.outcome}: ${e.message.en}`);
        }
      },
    });
    try {
      return await work(service, archive.db);
    } finally {
      await service.stop();
      archive.close();
    }
  }

  const configure: Command = {
    name: 'portal configure',
    summary: 'Set the central portal (CKAN) this archive publishes to',
    usage: [
      'berkas portal configure --url URL --org ORG [--interval MIN] [--private-on-arrival | --public-on-arrival]',
      '        [--withdraw-mode private|delete] [--token-file FILE] [--fail-safe-percent N] [--max-resource-mb N]',
      'berkas portal configure --catalogue-only     no push; publish through `berkas catalogue export` only',
      '',
      'The API token is never an argument: set BERKAS_PORTAL_TOKEN, or --token-file FILE (chmod 600).',
    ],
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        url: { type: 'string' },
        org: { type: 'string' },
        interval: { type: 'string' },
        'private-on-arrival': { type: 'boolean' },
        'public-on-arrival': { type: 'boolean' },
        'withdraw-mode': { type: 'string' },
        'token-file': { type: 'string' },
        'token-header': { type: 'string' },
        'fail-safe-percent': { type: 'string' },
        'fail-safe-min': { type: 'string' },
        'max-resource-mb': { type: 'string' },
        'catalogue-only': { type: 'boolean' },
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      await ctx.authenticate('admin');
      const patch: PortalSettingsPatch = {};
      if (values['catalogue-only']) patch.target = 'none';
      else if (values.url !== undefined || values.org !== undefined) patch.target = 'ckan';
      if (values.url !== undefined) patch.url = String(values.url);
      if (values.org !== undefined) patch.organization = String(values.org);
      if (values.interval !== undefined) patch.intervalMinutes = wholeNumber(values.interval, '--interval', 1, 1440);
      if (values['private-on-arrival'] && values['public-on-arrival']) throw new UsageError('choose --private-on-arrival or --public-on-arrival, not both');
      if (values['private-on-arrival']) patch.privateOnArrival = true;
      if (values['public-on-arrival']) patch.privateOnArrival = false;
      if (values['withdraw-mode'] !== undefined) {
        const mode = String(values['withdraw-mode']);
        if (mode !== 'private' && mode !== 'delete') throw new UsageError(`--withdraw-mode is private or delete, got "${mode}"`);
        patch.withdrawMode = mode;
      }
      if (values['token-file'] !== undefined) {
        const file = resolve(String(values['token-file']));
        checkOwnerOnly(file); // refuse a group-readable file now, not at 2 a.m. in the scheduled sync
        patch.tokenFile = file;
      }
      if (values['token-header'] !== undefined) patch.tokenHeader = String(values['token-header']);
      if (values['fail-safe-percent'] !== undefined) patch.withdrawFailSafePercent = wholeNumber(values['fail-safe-percent'], '--fail-safe-percent', 0, 100);
      if (values['fail-safe-min'] !== undefined) patch.withdrawFailSafeMin = wholeNumber(values['fail-safe-min'], '--fail-safe-min', 1, 1_000_000);
      if (values['max-resource-mb'] !== undefined) patch.maxResourceMb = wholeNumber(values['max-resource-mb'], '--max-resource-mb', 1, 100_000);
      if (Object.keys(patch).length === 0) throw new UsageError('nothing to change; give --url and --org (or --catalogue-only)');
      return withService(ctx, undefined, async (service) => {
        const settings = await service.configure(patch, ctx.actor);
        const { archiveKey: _k, ...shown } = settings;
        ctx.report(
          settings.target === 'ckan'
            ? [
                `Portal: ${settings.url} (organization ${settings.organization}), every ${settings.intervalMinutes} min.`,
                `New datasets arrive ${settings.privateOnArrival ? 'private, for the walidata to review' : 'public'}; withdrawals ${settings.withdrawMode === 'private' ? 'make them private' : 'delete them (soft delete)'}.`,
                `Token: ${settings.tokenFile ? `file ${settings.tokenFile}` : 'BERKAS_PORTAL_TOKEN'} (never stored in the archive).`,
              ]
            : ['No portal: approved records go to the catalogue export only (berkas catalogue export DIR).'],
          shown,
        );
        return 0;
      });
    },
  };

  const testCommand: Command = {
    name: 'portal test',
    summary: 'Check that the portal answers and the token may publish in the organization',
    usage: 'berkas portal test [--token-file FILE]',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { 'token-file': { type: 'string' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      await ctx.authenticate('admin');
      return withService(ctx, values['token-file'] as string | undefined, async (service) => {
        try {
          const report = await service.testConnection();
          ctx.report(
            report.portal
              ? [`OK: ${report.siteTitle ?? report.portal} (CKAN ${report.version ?? '?'}); the token may publish in "${report.organization?.title}".`]
              : ['No portal configured (catalogue export only).'],
            { ok: true, ...report },
          );
          return 0;
        } catch (error) {
          if (!(error instanceof PortalError)) throw error;
          ctx.report([`FAILED: ${error.message}`, error.messages.id], { ok: false, kind: error.kind, status: error.status ?? null, message: error.messages });
          return 1;
        }
      });
    },
  };

  const sync: Command = {
    name: 'sync',
    summary: 'Push approved records to the portal and withdraw the withdrawn (--once: drain and exit)',
    usage: ['berkas sync --once [--token-file FILE]   send what is due, print a summary, exit', 'berkas sync [--token-file FILE]          keep running at the configured interval until Ctrl-C'],
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { once: { type: 'boolean' }, 'token-file': { type: 'string' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      await ctx.authenticate('staff');
      return withService(ctx, values['token-file'] as string | undefined, async (service) => {
        if (values.once) {
          const summary = await service.pushNow();
          ctx.report(summaryLines(summary), summary);
          return summary.stoppedBy === 'portal-problem' || summary.stoppedBy === 'failures' || summary.stoppedBy === 'locked' ? 1 : 0;
        }
        const settings = service.settings();
        ctx.note(`Pushing to ${settings.url ?? 'the catalogue'} every ${settings.intervalMinutes} min; Ctrl-C stops.`);
        service.start();
        await (deps.untilStopped ?? untilSignal)();
        await service.stop();
        const status = service.status({ limit: 0 });
        ctx.report([`Stopped. Live ${status.counts.live}, waiting ${status.counts.waiting}, parked ${status.counts.parked}.`], status);
        return 0;
      });
    },
  };

  const status: Command = {
    name: 'sync status',
    summary: 'Where each approved record stands on the portal',
    usage: `berkas sync status [--state ${RECORD_PORTAL_STATES.join('|')}]... [--limit N] [--offset N]`,
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        state: { type: 'string', multiple: true },
        limit: { type: 'string' },
        offset: { type: 'string' },
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const states = ((values.state as string[] | undefined) ?? []).map((s) => {
        if (!(RECORD_PORTAL_STATES as readonly string[]).includes(s)) throw new UsageError(`--state is one of ${RECORD_PORTAL_STATES.join(', ')}; got "${s}"`);
        return s as RecordPortalState;
      });
      await ctx.authenticate('any');
      return withService(ctx, undefined, async (service) => {
        const st = service.status({
          states,
          limit: values.limit !== undefined ? wholeNumber(values.limit, '--limit', 0, 100_000) : 50,
          offset: values.offset !== undefined ? wholeNumber(values.offset, '--offset', 0, 10_000_000) : 0,
        });
        const c = st.counts;
        const lines = [
          `${st.target === 'ckan' ? `Portal ${st.portalUrl} (${st.organization})` : 'No portal (catalogue export only)'}`,
          `Records: ${c.live} live, ${c.waiting} waiting, ${c.pushing} pushing, ${c.parked} parked, ${c.withdrawn} withdrawn, ${c.needsConfirmation} need confirmation (${c.total} in all).`,
        ];
        if (st.problem) lines.push(`Problem: ${st.problem.en}`);
        if (st.pausedUntil) lines.push(`Paused until ${st.pausedUntil} (${st.pauseReason}).`);
        if (st.failSafe.blocked) lines.push(`Fail-safe: ${st.failSafe.pending} withdrawals of ${st.failSafe.live} live records wait for: berkas sync confirm-withdrawals`);
        for (const item of st.items) {
          lines.push(`  #${item.recordId} ${item.state.padEnd(18)} ${item.subject.slice(0, 60)}${item.reason && item.state !== 'live' ? ` — ${item.reason.en}` : ''}`);
        }
        if (st.matching > st.items.length) lines.push(`  … ${st.matching - st.items.length} more (--offset, --limit)`);
        ctx.report(lines, st);
        return 0;
      });
    },
  };

  const confirm: Command = {
    name: 'sync confirm-withdrawals',
    summary: 'Confirm the withdrawals the fail-safe is holding back',
    usage: 'berkas sync confirm-withdrawals',
    async run(argv, ctx) {
      const { positionals } = parse(argv, {});
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      await ctx.authenticate('supervisor');
      return withService(ctx, undefined, async (service) => {
        const result = service.confirmWithdrawals(ctx.actor);
        ctx.report([result.confirmed ? `${result.confirmed} withdrawal(s) confirmed; the next sync sends them.` : 'No withdrawals were waiting.'], result);
        return 0;
      });
    },
  };

  const retry: Command = {
    name: 'sync retry-parked',
    summary: 'Put parked items back in the queue (after fixing what the portal complained about)',
    usage: 'berkas sync retry-parked [--record ID]...',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { record: { type: 'string', multiple: true } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const ids = ((values.record as string[] | undefined) ?? []).map((r) => wholeNumber(r, '--record', 1, Number.MAX_SAFE_INTEGER));
      await ctx.authenticate('supervisor');
      return withService(ctx, undefined, async (service) => {
        const result = service.retryParked(ids.length ? ids : undefined, ctx.actor);
        const lines = [`${result.requeued} item tertahan masuk antrean lagi / ${result.requeued} parked item(s) back in the queue.`];
        for (const n of result.notRequeued) {
          lines.push(`  #${n.recordId} ${n.outcome === 'cancelled' ? 'dibatalkan / cancelled' : 'tetap tertahan / still parked'}: ${n.reason.id} / ${n.reason.en}`);
        }
        ctx.report(lines, result);
        return 0;
      });
    },
  };

  const catalogue: Command = {
    name: 'catalogue export',
    summary: 'Write the DCAT-AP catalogue (JSON-LD + XLSX) of published records with their files',
    usage: 'berkas catalogue export DIR [--title TEXT] [--publisher NAME]',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { title: { type: 'string' }, publisher: { type: 'string' } });
      if (positionals.length !== 1) throw new UsageError('give exactly one output folder');
      await ctx.authenticate('staff');
      return withService(ctx, undefined, async (service) => {
        const result = await service.exportCatalogue(resolve(positionals[0]!), {
          ...(values.title !== undefined ? { title: String(values.title) } : {}),
          ...(values.publisher !== undefined ? { publisher: String(values.publisher) } : {}),
        });
        ctx.report(
          [
            `${result.datasets} dataset(s), ${result.files} file(s), ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${result.dir}`,
            `  ${result.catalog}`,
            `  ${result.xlsx}`,
            ...result.skipped.map((s) => `  left out #${s.recordId}: ${s.reason.en}`),
          ],
          result,
        );
        return 0;
      });
    },
  };

  return [configure, testCommand, sync, status, confirm, retry, catalogue];
}

function untilSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const portalCommands: Command[] = createPortalCommands();
