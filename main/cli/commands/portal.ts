// `berkas portal configure|test`, `berkas sync [--once|--now]|status|confirm-withdrawals|retry-parked|queue-approved`
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

/** One line in Indonesian, then the same in English (docs/cli.md: every sync line in both languages). */
function both(lines: string[], id: string, en: string): void {
  lines.push(id, `  ${en}`);
}

function summaryLines(s: DrainSummary, left: LeftOver): string[] {
  const lines: string[] = [];
  both(
    lines,
    `Terkirim: ${s.published} terbit, ${s.withdrawn} ditarik; ${s.retried} dicoba lagi nanti, ${s.parked} tertahan (ditolak portal), ${s.refused} ditolak pemeriksaan (tidak boleh terbit).`,
    `Sent: ${s.published} published, ${s.withdrawn} withdrawn; ${s.retried} to retry, ${s.parked} parked (refused by the portal), ${s.refused} refused by the check (not publishable).`,
  );
  if (s.resetStale) both(lines, `${s.resetStale} item sisa proses yang terputus dikembalikan ke antrean.`, `${s.resetStale} item(s) left over from an interrupted run were put back in the queue.`);
  if (s.needsConfirmation) {
    both(lines, `${s.needsConfirmation} penarikan menunggu konfirmasi: berkas sync confirm-withdrawals`, `${s.needsConfirmation} withdrawal(s) wait for confirmation: berkas sync confirm-withdrawals`);
  }
  if (s.problem) both(lines, `Masalah: ${s.problem.id}`, `Problem: ${s.problem.en}`);
  if (s.pausedUntil) both(lines, `Antrean menunggu hingga ${s.pausedUntil}.`, `The queue waits until ${s.pausedUntil}.`);
  if (s.stoppedBy === 'locked') {
    both(lines, 'Proses Berkas lain sedang mengirim arsip ini; tidak ada yang dikirim.', 'Another Berkas process is pushing this archive right now; nothing was sent.');
  }
  if (left.waiting + left.parked + left.refused > 0) {
    both(
      lines,
      `Belum selesai: ${left.waiting} menunggu, ${left.parked} tertahan, ${left.refused} ditolak pemeriksaan (berkas sync status).`,
      `Not done: ${left.waiting} waiting, ${left.parked} parked, ${left.refused} refused by the check (berkas sync status).`,
    );
  }
  return lines;
}

interface LeftOver {
  waiting: number;
  parked: number;
  refused: number;
}

/**
 * Exit code of `sync --once`: 0 only when nothing is left to do; 1 when the run failed (portal
 * problem, outage, another process holds the lock); 3 when the run went fine but records are left
 * waiting (a pause, a retry later), parked or refused, or withdrawals wait for confirmation.
 */
export function onceExitCode(s: DrainSummary, left: LeftOver): number {
  if (s.stoppedBy === 'portal-problem' || s.stoppedBy === 'failures' || s.stoppedBy === 'locked' || s.problem) return 1;
  if (left.waiting + left.parked + left.refused > 0 || s.needsConfirmation > 0 || s.pausedUntil) return 3;
  return 0;
}

const OUTCOME_ID = { parked: 'tertahan', refused: 'ditolak pemeriksaan', 'portal-problem': 'masalah portal' } as const;

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
          ctx.note(`arsip ${e.recordId}: ${OUTCOME_ID[e.outcome]}: ${e.message.id}`);
          ctx.note(`  record ${e.recordId}: ${e.outcome}: ${e.message.en}`);
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
        const missing = service.approvedNotOnTarget();
        ctx.report(
          settings.target === 'ckan'
            ? [
                `Portal: ${settings.url} (organization ${settings.organization}), every ${settings.intervalMinutes} min.`,
                `New datasets arrive ${settings.privateOnArrival ? 'private, for the walidata to review' : 'public'}; withdrawals ${settings.withdrawMode === 'private' ? 'make them private' : 'delete them (soft delete)'}.`,
                `Token: ${settings.tokenFile ? `file ${settings.tokenFile}` : 'BERKAS_PORTAL_TOKEN'} (never stored in the archive).`,
                ...(missing > 0
                  ? [
                      `${missing} arsip yang sudah disetujui belum ada di portal ini. Kirim dengan: berkas sync queue-approved`,
                      `  ${missing} approved record(s) are not on this portal yet. Send them with: berkas sync queue-approved`,
                    ]
                  : []),
              ]
            : ['No portal: approved records go to the catalogue export only (berkas catalogue export DIR).'],
          { ...shown, approvedNotOnTarget: missing },
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
    usage: [
      'berkas sync --once [--token-file FILE]   send what is due, print a summary, exit (0 all done, 1 failed, 3 records left)',
      'berkas sync --now [--yes] [--token-file FILE]',
      '                                         like --once, but send every waiting item now, over a backoff pause;',
      "                                         over the portal's own Retry-After only with --yes",
      'berkas sync [--token-file FILE]          keep running at the configured interval until Ctrl-C',
    ],
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { once: { type: 'boolean' }, now: { type: 'boolean' }, yes: { type: 'boolean' }, 'token-file': { type: 'string' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      if (values.yes && !values.now) throw new UsageError('--yes goes with --now');
      await ctx.authenticate('staff');
      return withService(ctx, values['token-file'] as string | undefined, async (service) => {
        if (values.once || values.now) {
          if (values.now) {
            const before = service.status({ limit: 0 });
            if (before.pausedUntil && before.pauseReason === 'retry-after' && !values.yes) {
              ctx.report(
                [
                  `Portal meminta Berkas menunggu hingga ${before.pausedUntil} (Retry-After). Tambahkan --yes untuk tetap mengirim sekarang.`,
                  `  The portal asked Berkas to wait until ${before.pausedUntil} (Retry-After). Add --yes to send now anyway.`,
                ],
                { sent: false, pausedUntil: before.pausedUntil, pauseReason: before.pauseReason },
              );
              return 3;
            }
          }
          const summary = await service.pushNow(values.now ? { ignoreBackoff: true, overrideRetryAfter: Boolean(values.yes) } : {});
          const after = service.status({ limit: 0 });
          const left = { waiting: after.counts.waiting + after.counts.pushing, parked: after.counts.parked, refused: after.counts.refused };
          ctx.report(summaryLines(summary, left), summary);
          return onceExitCode(summary, left);
        }
        const settings = service.settings();
        ctx.note(`Mengirim ke ${settings.url ?? 'katalog lokal'} setiap ${settings.intervalMinutes} menit; Ctrl-C untuk berhenti.`);
        ctx.note(`  Pushing to ${settings.url ?? 'the local catalogue'} every ${settings.intervalMinutes} min; Ctrl-C stops.`);
        service.start();
        await (deps.untilStopped ?? untilSignal)();
        await service.stop();
        const status = service.status({ limit: 0 });
        const c = status.counts;
        ctx.report(
          [
            `Berhenti. Di portal ${c.live}, menunggu ${c.waiting}, tertahan ${c.parked}, ditolak pemeriksaan ${c.refused}.`,
            `  Stopped. Live ${c.live}, waiting ${c.waiting}, parked ${c.parked}, refused by the check ${c.refused}.`,
          ],
          status,
        );
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
        const lines: string[] = [];
        if (st.target === 'ckan') both(lines, `Portal ${st.portalUrl} (${st.organization})`, `Portal ${st.portalUrl} (${st.organization})`);
        else both(lines, 'Tanpa portal (hanya ekspor katalog lokal)', 'No portal (local catalogue export only)');
        both(
          lines,
          `Arsip: ${c.live} di portal, ${c.catalogue} hanya di katalog lokal, ${c.waiting} menunggu, ${c.pushing} sedang dikirim, ${c.parked} tertahan, ${c.refused} ditolak pemeriksaan, ${c.withdrawn} ditarik, ${c.notSent} tidak pernah dikirim, ${c.needsConfirmation} perlu konfirmasi (${c.total} semuanya).`,
          `Records: ${c.live} live, ${c.catalogue} local catalogue only, ${c.waiting} waiting, ${c.pushing} pushing, ${c.parked} parked, ${c.refused} refused by the check, ${c.withdrawn} withdrawn, ${c.notSent} never sent, ${c.needsConfirmation} need confirmation (${c.total} in all).`,
        );
        if (st.approvedNotOnTarget > 0 && st.target === 'ckan') {
          both(
            lines,
            `${st.approvedNotOnTarget} arsip yang disetujui belum ada di portal ini: berkas sync queue-approved`,
            `${st.approvedNotOnTarget} approved record(s) are not on this portal yet: berkas sync queue-approved`,
          );
        }
        if (st.problem) both(lines, `Masalah: ${st.problem.id}`, `Problem: ${st.problem.en}`);
        if (st.pausedUntil) both(lines, `Dijeda hingga ${st.pausedUntil} (${st.pauseReason}).`, `Paused until ${st.pausedUntil} (${st.pauseReason}).`);
        if (st.failSafe.blocked) {
          both(
            lines,
            `Pengaman: ${st.failSafe.pending} penarikan dari ${st.failSafe.live} arsip di portal menunggu: berkas sync confirm-withdrawals`,
            `Fail-safe: ${st.failSafe.pending} withdrawals of ${st.failSafe.live} live records wait for: berkas sync confirm-withdrawals`,
          );
        }
        for (const item of st.items) {
          const why = item.reason && item.state !== 'live' ? ` — ${item.reason.id} / ${item.reason.en}` : '';
          lines.push(`  #${item.recordId} ${item.state.padEnd(18)} ${item.subject.slice(0, 60)}${why}`);
        }
        if (st.items.length > 0 && st.matching > st.items.length) {
          both(lines, `  … ${st.matching - st.items.length} lagi (--offset, --limit)`, `  … ${st.matching - st.items.length} more (--offset, --limit)`);
        }
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

  const queueApproved: Command = {
    name: 'sync queue-approved',
    summary: 'Queue every approved record the configured portal does not have yet (approved before it was set)',
    usage: 'berkas sync queue-approved [--yes]     without --yes: only say how many',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { yes: { type: 'boolean' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      await ctx.authenticate('admin');
      return withService(ctx, undefined, async (service) => {
        const settings = service.settings();
        const n = service.approvedNotOnTarget();
        const where = settings.target === 'ckan' ? (settings.url ?? '') : 'katalog lokal / local catalogue';
        if (!values.yes) {
          ctx.report(
            [
              `${n} arsip yang sudah disetujui belum ada di ${where}.${n > 0 ? ' Jalankan lagi dengan --yes untuk mengirimnya.' : ''}`,
              `  ${n} approved record(s) are not on ${where} yet.${n > 0 ? ' Run again with --yes to queue them.' : ''}`,
            ],
            { approvedNotOnTarget: n, queued: 0 },
          );
          return 0;
        }
        const { queued } = service.queueApproved(ctx.actor);
        ctx.report([`${queued} arsip masuk antrean ke ${where}; berkas sync --once mengirimnya.`, `  ${queued} record(s) queued for ${where}; berkas sync --once sends them.`], {
          approvedNotOnTarget: n,
          queued,
        });
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

  return [configure, testCommand, sync, status, confirm, retry, queueApproved, catalogue];
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
