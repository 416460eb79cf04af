// The acceptance walk of issue 12: a canary string is planted in the metadata and the document text
// of a rahasia and a sangat-rahasia record (and their exemption, audit entries, hold, file); then
// EVERY channel of the contract — enumerated from the contract, so a new channel is walked or this
// test fails — and every CLI command is called as a user with clearance biasa (holding the staff
// and supervisor roles, so the supervisor channels answer too), and the canary must appear in no
// response, event, document served, file written or log line. The same walk as a supervisor with
// full clearance must find it where a cleared user expects it, so the walk can fail.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { channelNames, type Channel } from '../../preload/contract.ts';
import { forgetCliLogins } from '../../main/accounts/cli-auth.ts';
import { main } from '../../main/cli.ts';
import { commands } from '../../main/cli/commands/index.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { CLI_SENDER, loginAs, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { confidentialRecord } from '../helpers/clearance.ts';
import { tempDir } from '../helpers/tmp.ts';

const CANARY = 'Kanari7741zq';
const FOUND = new RegExp(CANARY, 'i');
const root = tempDir();
const archiveDir = join(root, 'arsip');
const work = join(root, 'kerja');
mkdirSync(work);
let backend: Backend;
const logLines: string[] = [];
const events: string[] = [];

interface Fixture {
  secret: { recordId: number; documentId: number };
  topSecret: { recordId: number; documentId: number };
  plain: { recordId: number; documentId: number };
  fileId: number;
  holdId: number;
  plainFile: string;
}
let k: Fixture;
const WALKER = { name: 'walker', password: 'sandi-walker-1' };
const CLEARED = { name: 'cleared', password: 'sandi-cleared-1' };

before(async () => {
  backend = await createBackend({
    archiveDir,
    host: 'browser-shell',
    log: { error: (message: string, error?: unknown) => logLines.push(`${message} ${error instanceof Error ? `${error.message}\n${error.stack}` : String(error)}`) },
  });
  backend.events.subscribe((event) => events.push(JSON.stringify(event)));
  await loginAsAdmin(backend);
  const secret = await confidentialRecord(backend, work, {
    name: 'nota-rahasia.txt',
    text: `Nota dinas rahasia. Sandi operasi ${CANARY}. NIK 6271031505870002.`,
    subject: `Nota rahasia ${CANARY}`,
    description: `Uraian ${CANARY}`,
    letterNumber: `R/000.1/${CANARY}/2026`,
    securityClass: 'rahasia',
  });
  const topSecret = await confidentialRecord(backend, work, {
    name: 'memo-sangat-rahasia.txt',
    text: `Memo sangat rahasia tentang ${CANARY} di perbatasan.`,
    subject: `Memo sangat rahasia ${CANARY}`,
    securityClass: 'sangat-rahasia',
  });
  const plain = await confidentialRecord(backend, work, { name: 'undangan.txt', text: 'Undangan rapat koordinasi anggaran.', subject: 'Undangan rapat koordinasi', securityClass: 'biasa' });
  const file = await ok<{ id: number }>(backend.dispatch('files.create', { classificationCode: '000.1', title: 'Berkas rapat 2026', openedAt: '2026-01-02' }, CLI_SENDER));
  for (const r of [secret, plain]) await ok(backend.dispatch('records.update', { id: r.recordId, fields: { fileId: file.id } }, CLI_SENDER));
  await ok(
    backend.dispatch(
      'publication.classify',
      {
        recordId: secret.recordId,
        category: 'dikecualikan',
        test: { information: `Rencana ${CANARY}`, ground: 'c', harm: `Membahayakan ${CANARY}`, until: '2031-12-31', decisionNumber: 'SK-PPID/1/2026', decisionDate: '2026-01-05' },
      },
      CLI_SENDER,
    ),
  );
  await ok(backend.dispatch('publication.classify', { recordId: plain.recordId, category: 'setiap-saat' }, CLI_SENDER));
  const hold = await ok<{ id: number }>(
    backend.dispatch('retention.holds.create', { name: 'Perkara 12', reason: 'Gugatan di PTUN', caseRef: 'PTUN-12', targets: [{ kind: 'record', recordId: secret.recordId }, { kind: 'file', fileId: file.id }] }, CLI_SENDER),
  );
  for (const [name, clearance] of [
    [WALKER, 'biasa'],
    [CLEARED, 'sangat-rahasia'],
  ] as const) {
    await ok(backend.dispatch('accounts.create', { name: name.name, displayName: name.name, password: name.password, roles: ['staff', 'supervisor'], clearance }, CLI_SENDER));
  }
  const plainFile = join(work, 'surat-biasa.txt');
  writeFileSync(plainFile, 'Surat biasa tentang kebersihan kantor.');
  k = { secret, topSecret, plain, fileId: file.id, holdId: hold.id, plainFile };
});

after(async () => {
  await backend?.close();
});

const SIGNATORY = { name: 'Budi', nip: null, position: 'Kepala Dinas' };
const ids = () => [k.secret.recordId, k.topSecret.recordId, k.plain.recordId];
const docs = () => [k.secret.documentId, k.topSecret.documentId, k.plain.documentId];
const each = <T>(make: (id: number) => T) => ids().map(make);
const eachDoc = <T>(make: (id: number) => T) => docs().map(make);

/** Inputs for every channel of the contract (typed by Channel: a new channel does not compile until it is walked). */
const INPUTS: Record<Channel, () => unknown[]> = {
  'app.info': () => [{}],
  'records.list': () => [{}, { filter: { securityClass: ['rahasia', 'sangat-rahasia'] } }, { filter: { fileId: k.fileId } }, { sort: 'subject', direction: 'asc' }],
  'records.get': () => each((id) => ({ id })),
  'records.ids': () => [{}, { filter: { fileId: k.fileId } }],
  'records.create': () => [{ fields: { ...BLANK, subject: 'Catatan baru' } }],
  'records.update': () => each((id) => ({ id, fields: { location: 'Rak 9' } })),
  'records.bulkUpdate': () => [{ ids: ids(), fields: { location: 'Rak 8' } }, { ids: [k.secret.recordId], fields: { securityClass: 'biasa' } }],
  'search.query': () => [CANARY, 'rahasia', 'operasi', 'perbatasan', 'nota', 'memo', '6271031505870002', 'sandi'].map((query) => ({ query })).concat([{ query: 'rapat', filter: { fileId: k.fileId } } as never]),
  'import.start': () => [{ handles: backend.registerPicks([{ path: k.plainFile, kind: 'file' }]) }],
  'import.cancel': () => [{ jobId: 'tidak-ada' }],
  'import.result': () => [{ jobId: 'tidak-ada' }],
  'scheme.children': () => [{ parent: null }],
  'scheme.search': () => [{ query: '000' }],
  'scheme.addCode': () => [{ scheme: 'Lokal', code: '000.1.99', title: 'Kode lokal' }],
  'files.setTriggerDate': () => [{ id: k.fileId, date: '2026-06-01', reason: 'Tahun anggaran berakhir' }],
  'files.list': () => [{}, { openOnly: true }],
  'files.create': () => [{ classificationCode: '000.1', title: 'Berkas lain', openedAt: '2026-02-01' }],
  'files.close': () => [{ id: 999_999, closedAt: '2026-03-01' }],
  'files.reopen': () => [{ id: 999_999 }],
  'files.setLocation': () => [{ id: k.fileId, location: { room: 'Ruang Arsip 1', shelf: 'Rak 2', box: '7', folder: '3' } }],
  'files.lookup': () => [{ code: `BERKAS-${k.fileId}` }],
  'files.labels': () => [{ fileIds: [k.fileId], kind: 'folder' }, { fileIds: [k.fileId], kind: 'box' }],
  'documents.get': () => eachDoc((documentId) => ({ documentId })),
  'documents.url': () => eachDoc((documentId) => ({ documentId })),
  'documents.unlock': () => eachDoc((documentId) => ({ documentId, password: 'sandi' })),
  'searches.list': () => [{}],
  'searches.save': () => [{ name: 'Pencarian rapat', query: 'rapat', filter: {} }],
  'searches.delete': () => [{ id: 999_999 }],
  'letterNumber.parse': () => [{ text: 'B/000.1/12/Umum/I/2026' }],
  'letterNumber.patterns': () => [{}],
  'letterNumber.setPatterns': () => [{ patterns: ['{code}/{seq}'] }],
  'archive.stats': () => [{}],
  'accounts.status': () => [{}],
  'accounts.setup': () => [{ name: 'orang', displayName: 'Orang', password: 'sandi-orang-1' }],
  'accounts.login': () => [{ name: 'admin', password: 'salah-sekali' }],
  'accounts.unlock': () => [{ password: 'salah-sekali' }],
  'accounts.lock': () => [{}],
  'accounts.logout': () => [{}],
  'accounts.touch': () => [{}],
  'accounts.changePassword': () => [{ current: 'salah-sekali', next: 'sandi-baru-sekali' }],
  'accounts.list': () => [{}],
  'accounts.create': () => [{ name: 'baru', displayName: 'Baru', password: 'sandi-baru-1', roles: ['staff'] }],
  'accounts.update': () => [{ id: 1, displayName: 'Admin' }],
  'accounts.updateProfile': () => [{ displayName: 'Admin', nip: '', jabatan: '' }],
  'accounts.resetPassword': () => [{ id: 1, password: 'sandi-reset-1' }],
  'accounts.setIdle': () => [{ idleMinutes: 30 }],
  'publication.candidates': () => [{}, { filter: 'exempt' }, { query: CANARY }, { query: String(k.secret.recordId) }],
  'publication.record': () => each((recordId) => ({ recordId })),
  // (The rahasia record keeps its exemption, so the cleared walk still finds it in the DIK.)
  'publication.classify': () => [...each((recordId) => ({ recordId, category: 'setiap-saat' })), ...[k.topSecret.recordId, k.plain.recordId].map((recordId) => ({ recordId, category: null }))],
  'publication.propose': () => each((recordId) => ({ recordId, note: 'usul' })),
  'publication.cancel': () => each((recordId) => ({ recordId })),
  'publication.scan': () => each((recordId) => ({ recordId })),
  'publication.approve': () => each((recordId) => ({ recordId, acknowledgePersonalData: true })),
  'publication.reject': () => each((recordId) => ({ recordId, comment: 'tidak' })),
  'publication.withdraw': () => each((recordId) => ({ recordId, comment: 'tarik' })),
  'publication.proposals': () => [{ states: ['proposed', 'approved', 'rejected', 'cancelled', 'withdrawn'] }],
  'publication.notices': () => [{}],
  'publication.acknowledgeNotices': () => [{ ids: [1, 2, 3, 4, 5] }],
  'publication.dip': () => [{}],
  'publication.dik': () => [{}],
  'publication.berkala': () => [{}],
  'publication.berkalaRefresh': () => each((recordId) => ({ recordId, on: '2026-01-05', note: 'diperbarui' })),
  'publication.export': () => ['dip', 'dik'].flatMap((register) => ['csv', 'xlsx', 'pdf'].map((format) => ({ register, format }))),
  'publication.settings': () => [{}],
  'publication.saveSettings': () => [{ agency: 'Dinas Uji', unit: 'Sekretariat', responsible: 'PPID', place: 'Samarinda' }],
  'audit.list': () => [{ limit: 500 }, ...each((recordId) => ({ filter: { recordId } }))],
  'audit.facets': () => [{}],
  'audit.verify': () => [{}],
  'audit.export': () => [{}, ...each((recordId) => ({ filter: { recordId } }))],
  'retention.dashboard': () => [{}],
  'retention.queues': () => [{}, { asOf: '2090-01-01' }],
  'retention.fileSchedule': () => [{ fileId: k.fileId }],
  'retention.jra.versions': () => [{}],
  'retention.jra.rules': () => [{ versionId: 1 }],
  'retention.jra.import': () => [{ handle: backend.registerPicks([{ path: join(work, 'tidak-ada.csv'), kind: 'file' }])[0] }],
  'retention.jra.forCodes': () => [{ codes: ['000.1', '000'] }],
  'retention.jra.preview': () => [{ versionId: 1 }],
  'retention.jra.apply': () => [{ versionId: 1, confirm: true }],
  'retention.jra.discard': () => [{ versionId: 1 }],
  'retention.holds.list': () => [{ includeLifted: true }],
  'retention.holds.create': () => [...each((recordId) => ({ name: 'Tahan', reason: 'Perkara baru', targets: [{ kind: 'record', recordId }] })), { name: 'Tahan berkas', reason: 'Perkara', targets: [{ kind: 'file', fileId: k.fileId }] }],
  'retention.holds.addTargets': () => each((recordId) => ({ id: k.holdId, targets: [{ kind: 'record', recordId }] })),
  'retention.holds.lift': () => [{ id: 999_999, reason: 'selesai' }],
  'retention.holds.report': () => [{}],
  'retention.cases.list': () => [{}],
  'retention.cases.get': () => [{ id: 1 }, { id: 2 }],
  'retention.cases.removeItems': () => [{ id: 1, recordIds: ids(), reason: 'keliru' }],
  'retention.cases.cancel': () => [{ id: 999_999, reason: 'batal' }],
  'retention.cases.attach': () => [1, 2].map((id) => ({ id, handle: backend.registerPicks([{ path: k.plainFile, kind: 'file' }])[0], kind: 'lainnya', note: 'lampiran' })),
  'retention.destruction.lkd': () => [{ id: 1, agency: 'Dinas Perpustakaan dan Kearsipan', letterNumber: 'L/1/2026', letterDate: '2026-03-01', officer: null }],
  'retention.transfer.create': () => [{ fileIds: [k.fileId], recordIds: [], title: 'Pindah', location: 'Gudang' }, { fileIds: [], recordIds: ids(), title: 'Pindah', location: 'Gudang' }],
  'retention.transfer.setBoxes': () => [{ id: 1, items: [{ fileId: k.fileId, boxNumber: '1', folderNumber: '1' }] }],
  'retention.transfer.approve': () => [{ id: 1 }],
  'retention.transfer.execute': () => [{ id: 1, baNumber: 'BA/1/2026', from: SIGNATORY, to: SIGNATORY }],
  'retention.destruction.propose': () => [{ fileIds: [k.fileId], recordIds: [], title: 'Musnah' }, { fileIds: [], recordIds: ids(), title: 'Musnah' }],
  'retention.destruction.daum': () => [{ id: 1 }, { id: 2 }],
  'retention.destruction.confirmCondition': () => [{ id: 1, recordIds: ids(), note: 'baik' }],
  'retention.destruction.committee': () => [{ id: 1, letterNumber: 'P/1/2026', letterDate: '2026-03-01', signedBy: 'Ketua', opinion: 'setuju', agrees: true }],
  'retention.destruction.approve': () => [{ id: 1, authority: 'kepala-perangkat-daerah', letterNumber: 'S/1/2026', letterDate: '2026-03-02', signedBy: 'Kepala' }],
  'retention.destruction.execute': () => [{ id: 1, baNumber: 'BA/2/2026', method: 'pencacahan', executor: SIGNATORY, witnesses: [SIGNATORY] }],
  'retention.handover.create': () => [{ fileIds: [k.fileId], recordIds: [], title: 'Serah', recipient: 'Dinas Perpustakaan dan Kearsipan' }, { fileIds: [], recordIds: ids(), title: 'Serah', recipient: 'DPK' }],
  'retention.handover.approve': () => [{ id: 1 }],
  'retention.handover.execute': () => [{ id: 1, baNumber: 'BA/3/2026', from: SIGNATORY, to: SIGNATORY, exportDir: join(work, 'serah') }],
  'retention.reappraisal.decide': () => [{ fileId: k.fileId, extendYears: 1, disposition: 'musnah', reason: 'nilai guna', decisionRef: 'SK/9' }],
  'retention.lists.choices': () => [{ kind: 'aktif' }, { kind: 'inaktif' }],
  'retention.lists.view': () => [{ kind: 'aktif' }, { kind: 'inaktif' }, { kind: 'aktif', unit: '', year: 2026 }],
  'retention.lists.export': () => ['aktif', 'inaktif'].flatMap((kind) => ['pdf', 'xlsx'].map((format) => ({ kind, format }))),
  'retention.letterhead.get': () => [{}],
  'retention.letterhead.set': () => [{ letterhead: {} }],
  'retention.letterhead.setLogo': () => [{ handle: 'pk_AAAAAAAAAAAAAAAAAAAAAA' }],
  'retention.letterhead.clearLogo': () => [{}],
  'retention.savePdf': () => eachDoc((documentId) => ({ documentId, folder: work })),
  'backup.list': () => [{}],
  'backup.run': () => [{}],
  'backup.archiveHealth': () => [{}],
  'backup.verify': () => [{ name: 'tidak-ada' }],
  'portal.settings': () => [{}],
  'portal.saveSettings': () => [{ target: 'none' }],
  'portal.saveToken': () => [{ token: null }],
  'portal.testConnection': () => [{}],
  'portal.pushNow': () => [{ wait: true }],
  'portal.status': () => [{}, { recordIds: ids() }],
  'portal.confirmWithdrawals': () => [{}],
  'portal.retryParked': () => [{}, { recordIds: ids() }],
  'portal.exportCatalogue': () => [{}],
  'ocr.queue': () => [{}],
  'ocr.cancel': () => eachDoc((documentId) => ({ documentId })),
  'ocr.retry': () => eachDoc((documentId) => ({ documentId })),
  'ocr.settings': () => [{}],
  'ocr.setSettings': () => [{ enabled: false, languages: ['ind', 'eng'], when: 'idle' }],
  'presence.active': () => [{}],
  'dropFolder.list': () => [{}],
  'dropFolder.add': () => [{ handle: backend.registerPicks([{ path: work, kind: 'folder' }])[0]! }],
  'dropFolder.remove': () => [{ path: work }],
  'dropFolder.history': () => [{}, { limit: 1000 }],
  'portal.queueApproved': () => [{}],
  'publication.dipGaps': () => each((recordId) => ({ recordId })),
};

const BLANK = {
  letterNumber: null,
  letterDate: null,
  description: null,
  creator: null,
  originatingUnit: null,
  classificationCode: null,
  fileId: null,
  itemNumber: null,
  developmentLevel: 'asli',
  medium: 'elektronik',
  count: 1,
  countUnit: 'lembar',
  condition: null,
  location: null,
  securityClass: 'biasa',
  recordsCategory: 'umum',
};

/** Every string reachable from a value: the paths of files it names, and the bytes behind document links. */
function filesNamedIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    // The database and the store hold everything by design (app.info names the database file).
    if (value.startsWith(root) && !ARCHIVE_ITSELF.test(value)) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => filesNamedIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => filesNamedIn(v, out));
  return out;
}

function filesUnder(dir: string, since: number, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) filesUnder(path, since, out);
    else if (st.mtimeMs >= since) out.push(path);
  }
  return out;
}

interface Seen {
  where: string;
  text: string;
}

/** What changes the archive: the cleared walk leaves these out, so what it finds does not depend on
 *  what an earlier call of the same walk changed (a cleared supervisor may lower a class, end an exemption). */
const CHANGES =
  /^(records\.(create|update|bulkUpdate)|publication\.(classify|propose|cancel|approve|reject|withdraw|acknowledgeNotices|saveSettings)|accounts\.|retention\.(holds\.(create|addTargets|lift)|cases\.(removeItems|cancel)|transfer|destruction|handover|reappraisal|jra\.(import|apply|discard)|letterhead\.(set|setLogo|clearLogo))|import\.start|files\.(create|close|reopen)|searches\.(save|delete)|letterNumber\.setPatterns|backup\.run|portal\.(save|pushNow|confirm|retry))/;
const CLI_READS = new Set(['show', 'search', 'stats', 'dip export', 'dik export', 'audit export', 'publish', 'hold list', 'retention due', 'sync status', 'catalogue export']);

/** Calls every channel with every input as the logged-in `who`; returns everything that came back. */
async function walkChannels(who: { name: string; password: string }, options: { readsOnly?: boolean } = {}): Promise<Seen[]> {
  const seen: Seen[] = [];
  const missing = channelNames.filter((c) => !(c in INPUTS));
  assert.deepEqual(missing, [], 'every channel of the contract is walked');
  await loginAs(backend, who.name, who.password);
  for (const channel of channelNames) {
    if (options.readsOnly && CHANGES.test(channel)) continue;
    for (const input of INPUTS[channel]()) {
      const result = await backend.dispatch(channel, input, CLI_SENDER);
      seen.push({ where: `${channel} ${JSON.stringify(input)}`, text: JSON.stringify(result) });
      if (result.ok) {
        for (const path of filesNamedIn(result.value)) {
          try {
            if (statSync(path).isFile()) seen.push({ where: `${channel}: file ${path}`, text: readFileSync(path).toString('latin1') + readFileSync(path, 'utf8') });
          } catch {
            /* a folder or a path that is gone */
          }
        }
        const url = (result.value as { url?: unknown }).url;
        if (channel === 'documents.url' && typeof url === 'string') {
          const served = backend.resolveDocument(url.split('/').pop()!);
          if (served) seen.push({ where: `${channel}: served ${served.name}`, text: readFileSync(served.path, 'utf8') + served.name });
        }
      }
      // Lock and logout end the walker's session; the walk goes on as the same user.
      const status = await ok<{ session: { locked: boolean; user: { name: string } } | null }>(backend.dispatch('accounts.status', {}, CLI_SENDER));
      if (!status.session || status.session.locked || status.session.user.name !== who.name) await loginAs(backend, who.name, who.password);
    }
  }
  await backend.indexer.idle();
  return seen;
}

/** Args for every CLI command (a command missing here fails the walk). `OUT` is replaced by a new path. */
const CLI_ARGS: Record<string, string[][]> = {
  init: [[]],
  import: [['IMPORT', '--no-extract']],
  watch: [['MISSING', '--once', '--stable-ms', '0', '--no-extract']],
  search: [[CANARY], ['rahasia'], ['operasi'], ['perbatasan']],
  show: [['SECRET'], ['TOPSECRET'], ['PLAIN']],
  'scheme import': [['MISSING']],
  stats: [[]],
  verify: [['--quick']],
  backup: [['--list']],
  restore: [['MISSING']],
  diagnostics: [['OUTDIR']],
  'jra import': [['MISSING']],
  'retention due': [[], ['--as-of', '2090-01-01']],
  'hold add': [['--name', 'Perkara CLI', '--reason', 'Gugatan', '--record', 'SECRET'], ['--name', 'Perkara CLI', '--reason', 'Gugatan', '--record', 'PLAIN']],
  'hold lift': [['999999', '--reason', 'selesai']],
  'hold list': [['--all']],
  'user add': [['orang-cli', '--role', 'staff']],
  'user passwd': [['admin']],
  'user list': [[]],
  'user clearance': [['walker', 'sangat-rahasia']],
  publish: [['list', '--state', 'proposed', '--state', 'approved', '--state', 'rejected', '--state', 'cancelled', '--state', 'withdrawn'], ['propose', 'SECRET'], ['approve', 'TOPSECRET', '--ack-personal-data'], ['withdraw', 'SECRET', '--comment', 'tarik']],
  'dip export': [['--format', 'csv', '--out', 'OUT'], ['--format', 'pdf', '--out', 'OUT']],
  'dik export': [['--format', 'csv', '--out', 'OUT'], ['--format', 'xlsx', '--out', 'OUT'], ['--format', 'pdf', '--out', 'OUT']],
  'audit export': [['--out', 'OUT'], ['--out', 'OUT', '--record', 'SECRET']],
  'audit verify': [[]],
  'portal configure': [['--catalogue-only']],
  'portal test': [[]],
  sync: [['--once']],
  'sync status': [[]],
  'sync confirm-withdrawals': [[]],
  'sync retry-parked': [['--record', 'SECRET']],
  'catalogue export': [['OUTDIR']],
  'scheme add-code': [['000.1.98', 'Kode lokal CLI', '--scheme', 'Lokal']],
  'file event': [['FILE', '--date', '2026-06-02', '--reason', 'Tahun anggaran berakhir']],
  'sync queue-approved': [[]],
  reindex: [[]],
  // The server's own archive is a new one (no canary in it): what matters is that neither command
  // reads this archive or echoes it. `server` on a missing configuration says how to make one.
  'server init': [['--config', 'OUT']],
  server: [['--config', 'MISSING']],
};

let outCount = 0;
async function walkCli(who: { name: string; password: string }, options: { readsOnly?: boolean } = {}): Promise<Seen[]> {
  const seen: Seen[] = [];
  const missing = commands.map((c) => c.name).filter((name) => !(name in CLI_ARGS));
  assert.deepEqual(missing, [], 'every CLI command is walked');
  const env = { BERKAS_USER: process.env.BERKAS_USER, BERKAS_PASSWORD: process.env.BERKAS_PASSWORD, BERKAS_NEW_PASSWORD: process.env.BERKAS_NEW_PASSWORD };
  process.env.BERKAS_PASSWORD = who.password;
  process.env.BERKAS_NEW_PASSWORD = 'sandi-cli-baru-1';
  try {
    for (const command of commands) {
      if (options.readsOnly && !CLI_READS.has(command.name)) continue;
      for (const args of CLI_ARGS[command.name]!) {
        if (options.readsOnly && command.name === 'publish' && args[0] !== 'list') continue;
        const written: string[] = [];
        const real = args.map((a) => {
          if (a === 'SECRET') return String(k.secret.recordId);
          if (a === 'TOPSECRET') return String(k.topSecret.recordId);
          if (a === 'PLAIN') return String(k.plain.recordId);
          if (a === 'FILE') return String(k.fileId);
          if (a === 'IMPORT') return k.plainFile;
          if (a === 'MISSING') return join(work, 'tidak-ada.csv');
          if (a === 'OUT' || a === 'OUTDIR') {
            const path = join(work, `cli-${++outCount}${a === 'OUT' ? '.out' : ''}`);
            written.push(path);
            return path;
          }
          return a;
        });
        // --json carries the whole answer (the human form is a summary of it); notes go to stderr.
        for (const json of [true]) {
          let stdout = '';
          let stderr = '';
          const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _e, cb) => (append(String(chunk)), cb()) });
          forgetCliLogins();
          const argv = ['--archive', archiveDir, '--user', who.name, ...(json ? ['--json'] : []), ...command.name.split(' '), ...real];
          const code = await main(argv, { stdout: sink((s) => (stdout += s)) as never, stderr: sink((s) => (stderr += s)) as never });
          seen.push({ where: `berkas ${argv.slice(2).join(' ')} (exit ${code})`, text: stdout + stderr });
        }
        for (const path of written.flatMap((p) => [p, ...filesUnder(p, 0)])) {
          try {
            if (statSync(path).isFile()) seen.push({ where: `CLI ${command.name}: file ${path}`, text: readFileSync(path).toString('latin1') + readFileSync(path, 'utf8') });
          } catch {
            /* not written */
          }
        }
      }
    }
  } finally {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    forgetCliLogins();
  }
  return seen;
}

const ARCHIVE_ITSELF = /berkas\.sqlite(-wal|-shm|-journal)?$|\.pre-migration-|\/store\//;

/** Files written during the walk anywhere under the test's folders, except the database and the store. */
function writtenFiles(since: number): Seen[] {
  return filesUnder(root, since)
    .filter((p) => !ARCHIVE_ITSELF.test(p) && !p.startsWith(join(work, 'nota-rahasia')) && !p.startsWith(join(work, 'memo-sangat')))
    .map((p) => ({ where: `file written ${p}`, text: readFileSync(p).toString('latin1') + readFileSync(p, 'utf8') }));
}

test('a user with clearance biasa finds the canary in no response, event, document, file written or log line of any channel or CLI command', async () => {
  const since = Date.now();
  const eventsBefore = events.length;
  const logsBefore = logLines.length;
  const seen = [...(await walkChannels(WALKER)), ...(await walkCli(WALKER))];
  seen.push(...events.slice(eventsBefore).map((text) => ({ where: 'event', text })));
  seen.push(...logLines.slice(logsBefore).map((text) => ({ where: 'log', text })));
  seen.push(...writtenFiles(since));
  const leaks = seen.filter((s) => FOUND.test(s.text)).map((s) => `${s.where}: …${s.text.slice(Math.max(0, s.text.search(FOUND) - 80), s.text.search(FOUND) + 40)}…`);
  assert.deepEqual(leaks, []);
  assert.ok(seen.length > 250, `the walk made ${seen.length} observations`);
  // The records the walker may not see are untouched by everything it tried.
  const rows = backend.archive.db.prepare('SELECT id, security_class AS c, location FROM records WHERE id IN (?, ?)').all(k.secret.recordId, k.topSecret.recordId) as { c: string; location: string | null }[];
  assert.deepEqual(rows.map((r) => [r.c, r.location]), [
    ['rahasia', null],
    ['sangat-rahasia', null],
  ]);
});

test('the same walk (its reading calls) as a supervisor with full clearance finds the canary where a cleared user expects it', async () => {
  const seen = [...(await walkChannels(CLEARED, { readsOnly: true })), ...(await walkCli(CLEARED, { readsOnly: true }))];
  const found = new Set(seen.filter((s) => FOUND.test(s.text)).map((s) => s.where.split(' ')[0]!.replace(/:$/, '')));
  for (const where of ['records.get', 'records.list', 'search.query', 'documents.url', 'publication.dik', 'publication.export', 'publication.candidates', 'audit.list', 'audit.export']) {
    assert.ok(found.has(where), `${where} shows the canary to a cleared supervisor (found in: ${[...found].join(', ')})`);
  }
  const cli = seen.filter((s) => (s.where.startsWith('berkas ') || s.where.startsWith('CLI ')) && FOUND.test(s.text)).map((s) => s.where);
  for (const command of [' show ', ' search ', 'CLI dik export: file', 'CLI audit export: file']) {
    assert.ok(cli.some((w) => w.includes(command)), `${command.trim()} shows the canary (found in: ${cli.join(' | ')})`);
  }
});
