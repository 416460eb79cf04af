// The department server under a working day's mix: N clients over HTTPS on loopback (each its own
// session; staff and supervisors, several PCs per person), for a fixed time, calling what the
// screens call — the records list, search, a record, edits, imports, classify + propose, approve,
// the retention queues. Afterwards every acknowledged edit is checked against the archive:
//  - each staff client edits its own records, so their last acknowledged description must be what
//    the archive holds;
//  - every client increments one shared counter record by read-modify-write with the version it
//    read; a conflict means "read again and retry", never an overwrite, so the counter must equal
//    the number of acknowledged increments (a lost update would make it smaller);
// and `verify` must find the archive consistent. Errors are every refusal a screen would show as a
// failure; a conflict on the counter and an approval someone else made first are expected answers
// and counted apart. Run alone: node bench/server-load.ts [clients] [seconds] [thinkMs]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Result } from '../preload/contract.ts';
import { openComposedArchive } from '../main/host/compose.ts';
import { verifyArchive } from '../main/archive/verify.ts';
import { ServerClient } from '../main/server/client.ts';
import { initServer } from '../main/server/init.ts';
import { startServer } from '../main/server/server.ts';

export interface ServerLoadReport {
  clients: number;
  seconds: number;
  thinkMs: number;
  calls: number;
  callsPerSecond: number;
  errors: { channel: string; code: string; message: string }[];
  /** Conflicts on the shared counter, approvals already made by another supervisor. */
  expectedRefusals: number;
  /** The first expected refusal of each channel, for a reader who wonders what they were. */
  expectedSamples: Record<string, string>;
  editsChecked: number;
  lostUpdates: number;
  counter: { acknowledged: number; stored: number };
  imports: number;
  approvals: number;
  perChannel: Record<string, { n: number; p50: number; p95: number }>;
  verifyConsistent: boolean;
}

const ADMIN = { name: 'admin', password: 'sandi-admin-beban-1' };
const DIP_FIELDS = { letterNumber: '000.1.2/1/DISKOMINFO/2026', classificationCode: '000.1.2', originatingUnit: 'Bidang Informasi Publik', creator: 'Kepala Dinas', letterDate: '2026-02-03' };
const WORDS = ['rapat', 'anggaran', 'laporan', 'surat', 'koordinasi', 'pengadaan', 'perjalanan', 'undangan'];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Shared {
  timings: Map<string, number[]>;
  errors: ServerLoadReport['errors'];
  expected: number;
  samples: Record<string, string>;
  calls: number;
}

/** A client that times each call and files each refusal as an error unless the caller expects it. */
function timed(client: ServerClient, shared: Shared) {
  return async <T>(channel: string, input: unknown, expect: (code: string) => boolean = () => false): Promise<T | null> => {
    const started = performance.now();
    const result: Result<unknown> = await client.call(channel, input);
    const ms = performance.now() - started;
    shared.calls++;
    (shared.timings.get(channel) ?? shared.timings.set(channel, []).get(channel)!).push(ms);
    if (result.ok) return result.value as T;
    if (expect(result.error.code)) {
      shared.expected++;
      shared.samples[`${channel} ${result.error.code}`] ??= result.error.message.en;
    }
    else shared.errors.push({ channel, code: result.error.code, message: result.error.message.en });
    return null;
  };
}

async function importOne(client: ServerClient, call: ReturnType<typeof timed>, dir: string, name: string, text: string, shared: Shared): Promise<number | null> {
  const began = performance.now();
  try {
    return await importAndWait(client, call, dir, name, text);
  } finally {
    // What the person waits for: upload, import, until its outcome is known.
    (shared.timings.get('import (upload to outcome)') ?? shared.timings.set('import (upload to outcome)', []).get('import (upload to outcome)')!).push(performance.now() - began);
  }
}

async function importAndWait(client: ServerClient, call: ReturnType<typeof timed>, dir: string, name: string, text: string): Promise<number | null> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const handle = await client.upload(path);
  if (!handle.ok) throw new Error(`upload failed: ${handle.error.message.en}`);
  const started = await call<{ jobId: string }>('import.start', { handles: [handle.value] });
  if (!started) return null;
  for (;;) {
    const r = await call<{ progress: { state: string }; outcomes: { recordId: number | null; status: string }[] }>('import.result', { jobId: started.jobId });
    if (!r) return null;
    if (r.progress.state !== 'running' && r.progress.state !== 'scanning') return r.outcomes[0]?.recordId ?? null;
    // The screens learn of the end from the import.progress event; a poll every 100 ms stands in.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `thinkMs`: a person's pause between two actions (0: every client calls back to back, which
 *  measures the server at saturation rather than a working day). */
export async function runServerLoad(options: { clients?: number; seconds?: number; thinkMs?: number } = {}): Promise<ServerLoadReport> {
  const clientCount = options.clients ?? 20;
  const seconds = options.seconds ?? 300;
  const thinkMs = options.thinkMs ?? 250;
  const dir = mkdtempSync(join(tmpdir(), 'berkas-load-'));
  const files = join(dir, 'files');
  const { config } = await initServer({ config: join(dir, 'server.yml'), names: ['127.0.0.1'], admin: { name: ADMIN.name, password: ADMIN.password } });
  const server = await startServer({ config: { ...config, backups: false }, listen: { host: '127.0.0.1', port: 0 } });
  const url = `https://127.0.0.1:${server.port}`;
  const connect = () => new ServerClient({ url, fingerprint: server.fingerprint, timeoutMs: 60_000 });
  const everyone: ServerClient[] = [];
  const shared: Shared = { timings: new Map(), errors: [], expected: 0, samples: {}, calls: 0 };
  try {
    mkdirSync(files);
    const admin = connect();
    everyone.push(admin);
    const must = async (r: Promise<Result<unknown>>) => {
      const x = await r;
      if (!x.ok) throw new Error(x.error.message.en);
      return x.value;
    };
    await must(admin.call('accounts.login', ADMIN));
    const supervisors = Math.max(1, Math.round(clientCount / 5));
    const staffUsers = Math.max(1, Math.ceil((clientCount - supervisors) / 4));
    for (let i = 0; i < staffUsers; i++) await must(admin.call('accounts.create', { name: `staf${i}`, displayName: `Staf ${i}`, password: `sandi-staf${i}-1`, roles: ['staff'], clearance: 'rahasia' }));
    for (let i = 0; i < 2; i++) await must(admin.call('accounts.create', { name: `atasan${i}`, displayName: `Atasan ${i}`, password: `sandi-atasan${i}-1`, roles: ['supervisor'], clearance: 'rahasia' }));
    // The shared counter record, edited by everyone.
    const adminCall = timed(admin, shared);
    await must(admin.call('accounts.logout'));
    await must(admin.call('accounts.login', { name: 'staf0', password: 'sandi-staf0-1' }));
    const counterId = await importOne(admin, adminCall, files, 'penghitung.txt', 'Catatan bersama', shared);
    if (!counterId) throw new Error('the counter record could not be imported');
    await must(admin.call('records.update', { id: counterId, fields: { description: '0' } }));

    let acknowledgedIncrements = 0;
    let imports = 0;
    let approvals = 0;
    let editsChecked = 0;
    let lostUpdates = 0;
    // Everyone signs in and imports a few records of their own first; the clock starts after.
    const setups = Array.from({ length: clientCount }, async (_, n) => {
      const supervisor = n < supervisors;
      const client = connect();
      everyone.push(client);
      const call = timed(client, shared);
      const who = supervisor ? { name: `atasan${n % 2}`, password: `sandi-atasan${n % 2}-1` } : { name: `staf${n % staffUsers}`, password: `sandi-staf${n % staffUsers}-1` };
      await must(client.call('accounts.login', who));
      // Each staff client's own records, with the description it last had acknowledged.
      const mine = new Map<number, string>();
      if (!supervisor) {
        for (let i = 0; i < 3; i++) {
          const id = await importOne(client, call, files, `c${n}-awal-${i}.txt`, `Surat ${WORDS[i % WORDS.length]} klien ${n} nomor ${i}`, shared);
          if (id) {
            imports++;
            mine.set(id, '');
          }
        }
      }
      return { n, supervisor, client, call, mine };
    });
    const ready = await Promise.all(setups);
    /** Read, add one, save with the version read; a conflict means someone was faster: read again. */
    const increment = async (call: ReturnType<typeof timed>) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const record = await call<{ version: number; description: string | null }>('records.get', { id: counterId });
        if (!record) return;
        const saved = await call('records.update', { id: counterId, expectedVersion: record.version, fields: { description: String(Number(record.description) + 1) } }, (code) => code === 'conflict');
        if (saved) {
          acknowledgedIncrements++;
          return;
        }
      }
    };
    // The clock starts with every staff PC saving the same record at once: all but one meet a newer version.
    const deadline = Date.now() + seconds * 1000;
    const workers = ready.map(async ({ n, supervisor, client, call, mine }) => {
      if (!supervisor) await increment(call);
      let step = 0;
      while (Date.now() < deadline) {
        step++;
        if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + ((n * 31 + step * 17) % 100) / 100)));
        const word = WORDS[(n + step) % WORDS.length]!;
        const roll = (n * 7919 + step * 104729) % 100;
        if (roll < 22) await call('records.list', { limit: 50, offset: (step % 3) * 50 });
        else if (roll < 40) await call('search.query', { query: step % 4 === 0 ? `${word.slice(0, 4)}*` : word });
        else if (roll < 50) await call('retention.queues', {});
        else if (roll < 62 && mine.size) {
          const ids = [...mine.keys()];
          const id = ids[step % ids.length]!;
          const description = `klien ${n} langkah ${step}`;
          if (await call('records.update', { id, fields: { description } })) mine.set(id, description);
        } else if (roll < 72 && !supervisor) {
          await increment(call);
        } else if (roll < 80 && !supervisor) {
          const id = await importOne(client, call, files, `c${n}-${step}.txt`, `Nota dinas ${word} dari klien ${n}, langkah ${step}`, shared);
          if (id) {
            imports++;
            mine.set(id, '');
          }
        } else if (roll < 88 && !supervisor && mine.size) {
          const id = [...mine.keys()][step % mine.size]!;
          if (await call('records.update', { id, fields: { subject: `Rencana ${word} ${n}-${step}`, ...DIP_FIELDS } })) {
            await call('publication.classify', { recordId: id, category: 'setiap-saat' }, (code) => code === 'conflict');
            await call('publication.propose', { recordId: id }, (code) => code === 'conflict');
          }
        } else if (supervisor) {
          const queue = await call<{ rows: { recordId: number }[] }>('publication.proposals', { states: ['proposed'], limit: 5 });
          const next = queue?.rows[step % Math.max(1, queue.rows.length)];
          if (next && (await call('publication.approve', { recordId: next.recordId, comment: 'beban', acknowledgePersonalData: true }, (code) => code === 'conflict' || code === 'not-found'))) approvals++;
        } else {
          const ids = [...mine.keys()];
          if (ids.length) await call('records.get', { id: ids[step % ids.length]! });
        }
      }
      // What this client had acknowledged is what the archive holds.
      for (const [id, description] of mine) {
        if (!description) continue;
        const record = await call<{ description: string | null }>('records.get', { id });
        editsChecked++;
        if (record?.description !== description) lostUpdates++;
      }
    });
    await Promise.all(workers);
    const counter = await must(admin.call('records.get', { id: counterId })) as { description: string };
    const stored = Number(counter.description);
    if (stored !== acknowledgedIncrements) lostUpdates += Math.abs(acknowledgedIncrements - stored);

    const perChannel: ServerLoadReport['perChannel'] = {};
    for (const [channel, times] of shared.timings) {
      const sorted = [...times].sort((a, b) => a - b);
      perChannel[channel] = { n: sorted.length, p50: Math.round(percentile(sorted, 50) * 10) / 10, p95: Math.round(percentile(sorted, 95) * 10) / 10 };
    }
    for (const client of everyone) client.close();
    await server.close();
    const archive = openComposedArchive(config.archive);
    let verifyConsistent: boolean;
    try {
      verifyConsistent = (await verifyArchive(archive)).consistent;
    } finally {
      archive.close();
    }
    return {
      clients: clientCount,
      seconds,
      thinkMs,
      calls: shared.calls,
      callsPerSecond: Math.round(shared.calls / seconds),
      errors: shared.errors,
      expectedRefusals: shared.expected,
      expectedSamples: shared.samples,
      editsChecked: editsChecked + 1,
      lostUpdates,
      counter: { acknowledged: acknowledgedIncrements, stored },
      imports,
      approvals,
      perChannel,
      verifyConsistent,
    };
  } finally {
    for (const client of everyone) client.close();
    await server.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const clients = process.argv[2] ? Number(process.argv[2]) : 20;
  const seconds = process.argv[3] ? Number(process.argv[3]) : 300;
  const thinkMs = process.argv[4] ? Number(process.argv[4]) : 250;
  const report = await runServerLoad({ clients, seconds, thinkMs });
  console.log(JSON.stringify({ ...report, errors: report.errors.slice(0, 20), errorCount: report.errors.length }));
}
