// Publication commands: propose, approve, reject and withdraw a record's publication (the same
// four-eyes workflow as the Publikasi screen), list proposals, and export the DIP and DIK.
import { resolve } from 'node:path';
import { publicationHousekeeping } from '../../publication/handlers.ts';
import { scanRecord } from '../../publication/personal-data.ts';
import { getCandidate, listProposals, proposalView } from '../../publication/queries.ts';
import { RECORD_WORD } from '../../publication/record-facts.ts';
import { viewerFor, type Viewer } from '../../clearance/viewer.ts';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../errors.ts';
import type { RegisterPersonalData } from '../../../preload/contract.ts';
import { exportRegister, type RegisterFormat } from '../../publication/registers-export.ts';
import { approve, cancel, propose, reject, withdraw } from '../../publication/workflow.ts';
import { UsageError, type Command } from '../command.ts';
import { parse, withArchive } from '../args.ts';



function recordId(positionals: string[]): number {
  const n = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(n) || n <= 0) throw new UsageError('give exactly one record ID (a positive whole number)');
  return n;
}

/** The record as the caller may see it: above their clearance it is not found, like in the app. */
function visible(db: Db, id: number, viewer: Viewer): void {
  if (!getCandidate(db, id, viewer)) throw notFound(RECORD_WORD, id);
}

const KIND_LABEL = { nik: 'NIK', nip: 'NIP', phone: 'telepon/phone', email: 'e-mail' } as const;

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Propose, approve, reject, cancel or withdraw the publication of a record (four-eyes)',
  usage: [
    'berkas publish propose ID [--comment NOTE]',
    'berkas publish approve ID [--comment C] [--ack-personal-data]',
    'berkas publish reject ID --comment C',
    'berkas publish cancel ID',
    'berkas publish withdraw ID --comment C',
    'berkas publish list [--state proposed|approved|rejected|cancelled|withdrawn]',
  ],
  async run(argv, ctx) {
    const [action, ...rest] = argv;
    const { values, positionals } = parse(rest, {
      comment: { type: 'string', default: '' },
      'ack-personal-data': { type: 'boolean', default: false },
      state: { type: 'string', multiple: true },
    });
    const comment = values.comment;
    switch (action) {
      case 'list': {
        const viewer = viewerFor(await ctx.authenticate('any'));
        const states = (values.state ?? ['proposed', 'approved']) as ('proposed' | 'approved' | 'rejected' | 'cancelled' | 'withdrawn')[];
        return withArchive(ctx, (archive) => {
          publicationHousekeeping(archive.db);
          const { rows, total } = listProposals(archive.db, { states, offset: 0, limit: 500 }, viewer);
          ctx.report(
            [`${total} proposal(s):`, ...rows.map((p) => `  record ${p.recordId} [${p.state}] "${p.subject}" proposed by ${p.proposedBy}${p.decidedBy ? `, decided by ${p.decidedBy}` : ''}`)],
            { total, rows },
          );
          return 0;
        });
      }
      case 'propose': {
        const id = recordId(positionals);
        const user = await ctx.authenticate('staff');
        return withArchive(ctx, (archive) => {
          visible(archive.db, id, viewerFor(user));
          const proposal = proposalView(archive.db, propose(archive.db, user, id, comment));
          ctx.report(`Record ${id} proposed for publication; a supervisor other than ${user.name} must approve it.`, proposal);
          return 0;
        });
      }
      case 'approve': {
        const id = recordId(positionals);
        const user = await ctx.authenticate('supervisor');
        return withArchive(ctx, (archive) => {
          publicationHousekeeping(archive.db);
          visible(archive.db, id, viewerFor(user));
          const scan = scanRecord(archive.db, id);
          for (const hit of scan.hits) {
            ctx.note(`  ${KIND_LABEL[hit.kind]} "${hit.match}" — ${hit.documentName ?? 'metadata'}${hit.page ? `, page ${hit.page}` : ''}: …${hit.before}[${hit.match}]${hit.after}`);
          }
          for (const doc of scan.unscanned) ctx.note(`  not scanned (${doc.reason}): ${doc.name} — check it by eye`);
          const proposal = proposalView(archive.db, approve(archive.db, user, { recordId: id, comment, acknowledgePersonalData: values['ack-personal-data'] }));
          ctx.report(`Record ${id} approved; it is queued for the portal.`, proposal);
          return 0;
        });
      }
      case 'reject': {
        const id = recordId(positionals);
        if (!comment.trim()) throw new UsageError('reject needs --comment saying why');
        const user = await ctx.authenticate('supervisor');
        return withArchive(ctx, (archive) => {
          visible(archive.db, id, viewerFor(user));
          const proposal = proposalView(archive.db, reject(archive.db, user, { recordId: id, comment }));
          ctx.report(`Proposal for record ${id} rejected.`, proposal);
          return 0;
        });
      }
      case 'cancel': {
        const id = recordId(positionals);
        const user = await ctx.authenticate('staff');
        return withArchive(ctx, (archive) => {
          visible(archive.db, id, viewerFor(user));
          const proposal = proposalView(archive.db, cancel(archive.db, user, id));
          ctx.report(`Proposal for record ${id} cancelled.`, proposal);
          return 0;
        });
      }
      case 'withdraw': {
        const id = recordId(positionals);
        if (!comment.trim()) throw new UsageError('withdraw needs --comment saying why');
        const user = await ctx.authenticate('supervisor');
        return withArchive(ctx, (archive) => {
          visible(archive.db, id, viewerFor(user));
          const proposal = proposalView(archive.db, withdraw(archive.db, user, { recordId: id, comment }));
          ctx.report(`Publication of record ${id} withdrawn; the portal will be told to remove it.`, proposal);
          return 0;
        });
      }
      default:
        throw new UsageError('say what to do: propose, approve, reject, cancel, withdraw or list');
    }
  },
};

function registerExport(register: 'dip' | 'dik'): Command {
  const title = register === 'dip' ? 'DIP (Daftar Informasi Publik)' : 'DIK (Daftar Informasi yang Dikecualikan)';
  return {
    name: `${register} export`,
    summary: `Export the ${title} as XLSX, PDF or CSV`,
    usage: `berkas ${register} export --format xlsx|pdf|csv --out FILE [--personal-data check|mask|keep]`,
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { format: { type: 'string' }, out: { type: 'string' }, 'personal-data': { type: 'string' } });
      const personalData = (values['personal-data'] ?? 'check') as RegisterPersonalData;
      if (!['check', 'mask', 'keep'].includes(personalData)) throw new UsageError('--personal-data must be check, mask or keep');
      if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
      const format = values.format as RegisterFormat | undefined;
      if (!format || !['xlsx', 'pdf', 'csv'].includes(format)) throw new UsageError('--format must be xlsx, pdf or csv');
      if (!values.out) throw new UsageError('--out FILE is required');
      const out = resolve(values.out);
      const user = await ctx.authenticate('any');
      return withArchive(ctx, async (archive) => {
        publicationHousekeeping(archive.db);
        const result = await exportRegister(archive.db, viewerFor(user), register, format, out, { personalData });
        const pd = result.personalData.found ? ` Personal data: ${result.personalData.found} hit(s), ${result.personalData.action === 'mask' ? 'masked' : 'kept (acknowledged)'}.` : '';
        ctx.report(`${register.toUpperCase()} written to ${result.path}: ${result.rows} row(s), ${result.bytes} bytes.${pd}`, result);
        return 0;
      });
    },
  };
}

export const publicationCommands: Command[] = [publishCommand, registerExport('dip'), registerExport('dik')];
