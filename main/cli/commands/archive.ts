// The archive's own commands: init, import, search, show, scheme import, stats, verify.
import { ensureDefaultScheme } from '../../archive/defaults.ts';
import { extractStatusOf } from '../../archive/documents.ts';
import { runImport } from '../../archive/import.ts';
import { readRecord } from '../../archive/records.ts';
import { SYSTEM_VIEWER, viewerFor } from '../../clearance/viewer.ts';
import { addLocalCode, importSchemeFile } from '../../archive/schemes.ts';
import { setTriggerDate } from '../../archive/files.ts';
import { archiveStats } from '../../archive/stats.ts';
import { verifyArchive } from '../../archive/verify.ts';
import { checkIndex, rebuildIndex } from '../../search/engine/store.ts';
import { Extractor } from '../../extract/extractor.ts';
import { Indexer } from '../../search/indexer.ts';
import { search } from '../../search/search.ts';
import { UsageError, type Command } from '../command.ts';
import { parse, withArchive } from '../args.ts';



const initCommand: Command = {
  name: 'init',
  summary: 'Create (or migrate) the archive and load the default classification scheme',
  usage: 'berkas init',
  async run(argv, ctx) {
    parse(argv, {});
    return withArchive(ctx, async (archive) => {
      const loaded = await ensureDefaultScheme(archive, 'system');
      // init runs before any account exists and reports only the number of codes.
      const stats = archiveStats(archive.db, SYSTEM_VIEWER);
      ctx.report(
        [`Archive ready at ${archive.layout.dir} (schema ${archive.schemaVersion}).`, loaded ? `Loaded the default classification scheme (${stats.codes} codes).` : `${stats.codes} classification codes.`],
        { archive: archive.layout.dir, schemaVersion: archive.schemaVersion, codes: stats.codes, defaultSchemeLoaded: loaded },
      );
      return 0;
    });
  },
};

const importCommand: Command = {
  name: 'import',
  summary: 'Import files and folders (recursively); identical content is reported, never stored twice',
  usage: 'berkas import PATH… [--code CODE] [--no-extract]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { code: { type: 'string' }, 'no-extract': { type: 'boolean', default: false } });
    if (positionals.length === 0) throw new UsageError('name at least one file or folder to import');
    const user = await ctx.authenticate('staff');
    ctx.note(`Importing ${positionals.length === 1 ? positionals[0] : `${positionals.length} paths`} as ${user.name}…`);
    return withArchive(ctx, async (archive) => {
      const extractor = new Extractor();
      const indexer = new Indexer(archive, extractor);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        if (!values['no-extract']) indexer.resumePending();
        let lastLine = 0;
        const report = await runImport(archive, positionals, {
          actor: user.name,
          classificationCode: values.code,
          signal: controller.signal,
          progressIntervalMs: 1000,
          onImported: (id) => {
            if (!values['no-extract']) indexer.enqueue([id]);
          },
          onProgress: (p) => {
            if (Date.now() - lastLine < 1000 || p.state !== 'running') return;
            lastLine = Date.now();
            ctx.note(`${p.filesDone}/${p.filesTotal} files, ${(p.bytesDone / 1e6).toFixed(1)} MB, ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s`);
          },
        });
        if (!values['no-extract']) {
          if (indexer.pending > 0) ctx.note(`extracting text of ${indexer.pending} documents…`);
          await indexer.idle();
        }
        const statuses = extractStatusOf(
          archive.db,
          report.outcomes.filter((o) => o.recordId != null && o.status === 'imported').map((o) => o.recordId as number),
        );
        const outcomes = report.outcomes.map((o) => ({ ...o, extractStatus: o.recordId != null && o.status === 'imported' ? (statuses.get(o.recordId) ?? o.extractStatus) : o.extractStatus }));
        const { imported, duplicates, rejected, state } = report.progress;
        ctx.report(
          [
            ...outcomes.map((o) => `${o.status.padEnd(9)} ${o.recordId ?? '-'}\t${o.extractStatus ?? ''}\t${o.path}${o.reason ? `  (${o.reason})` : ''}`),
            `${state === 'cancelled' ? 'Cancelled' : 'Done'}: ${imported} imported, ${duplicates} duplicates, ${rejected} rejected.`,
          ],
          { state, imported, duplicates, rejected, outcomes },
        );
        return state === 'cancelled' ? 1 : 0;
      } finally {
        process.off('SIGINT', stop);
        await indexer.close();
        await extractor.close();
      }
    });
  },
};

const searchCommand: Command = {
  name: 'search',
  summary: 'Full-text search over metadata and document text',
  usage: 'berkas search QUERY [--code PREFIX] [--limit N]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { code: { type: 'string' }, limit: { type: 'string', default: '20' } });
    const query = positionals.join(' ');
    if (!query.trim()) throw new UsageError('give a search query');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200');
    const viewer = viewerFor(await ctx.authenticate('any'));
    return withArchive(ctx, async (archive) => {
      const result = search(archive.db, query, { filter: values.code ? { codePrefix: values.code } : {}, offset: 0, limit, classes: viewer.classes });
      // eslint-disable-next-line no-control-regex -- the search index marks hits with \u0002 … \u0003
      const plain = (s: string) => s.replace(/\u0002/g, '[').replace(/\u0003/g, ']').replace(/\s+/g, ' ');
      ctx.report(
        [
          ...(result.notice ? [result.notice.en] : []),
          ...result.hits.map((h) => `#${h.recordId}${h.page ? ` p.${h.page}` : ''}  ${h.subject}\n    ${plain(h.snippet)}`),
          `${result.total}${result.total >= 10_000 ? '+' : ''} matching records.`,
        ],
        { ...result, hits: result.hits.map((h) => ({ ...h, snippet: plain(h.snippet) })) },
      );
      return 0;
    });
  },
};

const showCommand: Command = {
  name: 'show',
  summary: 'Show a record with its metadata and documents',
  usage: 'berkas show ID',
  async run(argv, ctx) {
    const { positionals } = parse(argv, {});
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('give a record id, e.g. berkas show 42');
    const viewer = viewerFor(await ctx.authenticate('any'));
    return withArchive(ctx, async (archive) => {
      const record = readRecord(archive.db, id, viewer);
      const lines = [
        `Record ${record.id}: ${record.subject}`,
        `  letter number: ${record.letterNumber ?? '-'}   date: ${record.letterDate ?? '-'}`,
        `  code: ${record.classificationCode ?? '-'} ${record.classificationTitle ? `(${record.classificationTitle})` : ''}`,
        `  status: ${record.status}   security: ${record.securityClass}   medium: ${record.medium}`,
        ...record.documents.map((d) => `  ${d.role} document ${d.id}: ${d.originalName} ${d.mime} ${d.size} bytes, text: ${d.extractStatus}${d.extractDetail ? ` (${d.extractDetail})` : ''}`),
      ];
      ctx.report(lines, record);
      return 0;
    });
  },
};

const schemeImportCommand: Command = {
  name: 'scheme import',
  summary: 'Import classification codes from CSV or XLSX (Permendagri 83/2022, 78/2012, regional detail)',
  usage: 'berkas scheme import FILE [--scheme NAME]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { scheme: { type: 'string' } });
    const file = positionals[0];
    if (!file) throw new UsageError('name the CSV or XLSX file to import');
    const user = await ctx.authenticate('admin');
    return withArchive(ctx, async (archive) => {
      const result = await importSchemeFile(archive.db, file, { actor: user.name, defaultScheme: values.scheme });
      ctx.report(
        [
          ...result.schemes.map((s) => `${s.name}: ${s.codes} codes`),
          ...result.skipped.map((s) => `  skipped line ${s.line}: ${s.reason}`),
          `Imported ${result.imported} codes.`,
        ],
        result,
      );
      return 0;
    });
  },
};

const schemeAddCodeCommand: Command = {
  name: 'scheme add-code',
  summary: "Add a region's own classification code to a scheme (admin); records may then carry it",
  usage: 'berkas scheme add-code CODE TITLE --scheme NAME',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { scheme: { type: 'string' } });
    if (positionals.length !== 2 || !values.scheme) throw new UsageError('give CODE, TITLE and --scheme NAME');
    const user = await ctx.authenticate('admin');
    return withArchive(ctx, async (archive) => {
      const row = addLocalCode(archive.db, { scheme: values.scheme!, code: positionals[0]!, title: positionals[1]! }, user.name);
      ctx.report(`Added local code ${row.code} "${row.title}" to ${row.scheme}.`, row);
      return 0;
    });
  },
};

const fileEventCommand: Command = {
  name: 'file event',
  summary: 'Record, change or clear the date of the event a JRA rule counts from ("setelah tidak berlaku")',
  usage: ['berkas file event FILE_ID (--date YYYY-MM-DD | --clear) --reason TEXT', 'Changing or clearing a date the clock already runs from needs a supervisor.'],
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { date: { type: 'string' }, clear: { type: 'boolean', default: false }, reason: { type: 'string' } });
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) throw new UsageError('name one file id');
    if (Boolean(values.date) === values.clear) throw new UsageError('give either --date YYYY-MM-DD or --clear');
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date must be YYYY-MM-DD');
    if (!values.reason?.trim()) throw new UsageError('--reason is required');
    const user = await ctx.authenticate('staff');
    return withArchive(ctx, async (archive) => {
      const file = setTriggerDate(archive.db, id, { date: values.clear ? null : values.date!, reason: values.reason! }, { actor: user.name, supervisor: user.roles.includes('supervisor') });
      ctx.report(file.triggerDate ? `File ${id} "${file.title}": event date ${file.triggerDate}.` : `File ${id} "${file.title}": event date cleared.`, file);
      return 0;
    });
  },
};

const statsCommand: Command = {
  name: 'stats',
  summary: 'Counts of records, documents, files, codes and stored bytes',
  usage: 'berkas stats',
  async run(argv, ctx) {
    parse(argv, {});
    const viewer = viewerFor(await ctx.authenticate('any'));
    return withArchive(ctx, async (archive) => {
      const s = archiveStats(archive.db, viewer);
      ctx.report(
        [
          `records:   ${s.records}`,
          `documents: ${s.documents} (${Object.entries(s.byExtractStatus).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})`,
          `files:     ${s.files}`,
          `codes:     ${s.codes}`,
          `stored:    ${(s.storeBytes / 1e6).toFixed(1)} MB`,
        ],
        s,
      );
      return 0;
    });
  },
};

const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check SQLite integrity, every document hash, orphans and the audit chain; --repair removes only garbage',
  usage: 'berkas verify [--repair] [--quick]',
  async run(argv, ctx) {
    const { values } = parse(argv, { repair: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } });
    await ctx.authenticate(values.repair ? 'admin' : 'any');
    return withArchive(ctx, async (archive) => {
      const checked = await verifyArchive(archive, { repair: values.repair, quick: values.quick });
      // The ranked search index mirrors the FTS5 rows; repair rebuilds it from them.
      let searchIndex = { ...checkIndex(archive.db), rebuilt: false };
      if (!searchIndex.ok && values.repair && checked.sqlite.ok) {
        rebuildIndex(archive.db);
        searchIndex = { ...checkIndex(archive.db), rebuilt: true };
      }
      const r = { ...checked, searchIndex, consistent: checked.consistent && searchIndex.ok };
      const lines = [
        `SQLite: ${r.sqlite.ok ? 'ok' : r.sqlite.messages.join('; ')}`,
        `documents checked: ${r.documents.checked}, missing: ${r.documents.missing.length}, corrupt: ${r.documents.corrupt.length}`,
        ...r.documents.missing.map((m) => `  MISSING document ${m.documentId} of record ${m.recordId} (${m.sha256})`),
        ...r.documents.corrupt.map((m) => `  CORRUPT document ${m.documentId} of record ${m.recordId}: expected ${m.sha256}, found ${m.actual}`),
        ...r.documents.notRemoved.map((m) => `  DESTROYED document ${m.documentId} still has its bytes in the store`),
        `audit log: ${r.audit.entries} entries, ${r.audit.breaks.length ? `${r.audit.breaks.length} BREAKS` : 'chain intact'}`,
        ...r.audit.breaks.map((b) => `  audit entry ${b.id}: ${b.message}`),
        `search index: ${r.searchIndex.units} units for ${r.searchIndex.ftsRows} text rows, ${r.searchIndex.ok ? 'consistent' : 'INCONSISTENT (run verify --repair or berkas reindex)'}${r.searchIndex.rebuilt ? ' (rebuilt)' : ''}`,
        ...r.searchIndex.problems.map((p) => `  ${p}`),
        `garbage: ${r.garbage.orphans.length} unreferenced store objects, ${r.garbage.staging.length} staging leftovers${r.repaired ? ' (removed)' : r.garbage.orphans.length + r.garbage.staging.length ? ' (run verify --repair to remove)' : ''}`,
        r.consistent ? 'The archive is consistent.' : 'PROBLEMS FOUND: the archive is not consistent.',
      ];
      ctx.report(lines, r);
      return r.consistent ? 0 : 1;
    });
  },
};

const reindexCommand: Command = {
  name: 'reindex',
  summary: 'Rebuild the ranked search index from the stored text (after a restore, or when verify finds it inconsistent)',
  usage: 'berkas reindex',
  async run(argv, ctx) {
    parse(argv, {});
    await ctx.authenticate('admin');
    return withArchive(ctx, async (archive) => {
      const started = performance.now();
      const r = rebuildIndex(archive.db);
      const check = checkIndex(archive.db);
      ctx.report(
        [
          `search index rebuilt: ${r.units} units, ${r.terms} terms, ${r.postings} postings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          check.ok ? 'The search index is consistent.' : `PROBLEMS: ${check.problems.join('; ')}`,
        ],
        { ...r, consistent: check.ok },
      );
      return check.ok ? 0 : 1;
    });
  },
};

export const archiveCommands: Command[] = [initCommand, importCommand, searchCommand, showCommand, schemeImportCommand, schemeAddCodeCommand, fileEventCommand, statsCommand, verifyCommand, reindexCommand];
