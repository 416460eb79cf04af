// The department server killed (SIGKILL) while several PCs import and edit: after a restart every
// import and edit the clients were told had succeeded is there, a call that was cut off is either
// wholly there or not at all, the clients sign in again and go on, and `verify` finds the archive
// consistent. The server runs as its own process (`berkas server`), as under systemd.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyArchive } from '../../main/archive/verify.ts';
import { openComposedArchive } from '../../main/host/compose.ts';
import { ServerClient } from '../../main/server/client.ts';
import { initServer } from '../../main/server/init.ts';
import { ADMIN } from '../helpers/accounts.ts';
import { must } from '../helpers/server.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';

const dir = tempDir('berkas-server-kill-');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function startProcess(config: string): Promise<{ child: ChildProcess; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'main', 'cli.ts'), 'server', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const fingerprint = /fingerprint \(SHA-256\): ([0-9A-F:]+)/.exec(out)?.[1];
      if (fingerprint) resolve({ child, fingerprint });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${out}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

test('SIGKILL during imports and edits from six PCs: nothing acknowledged is lost, clients reconnect, verify passes', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const configFile = join(dir, 'server.yml');
  const { config } = await initServer({ config: configFile, names: ['127.0.0.1'], port, admin: { name: ADMIN.name, displayName: ADMIN.displayName, password: ADMIN.password } });
  writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('backups: true', 'backups: false').replace('host: 0.0.0.0', 'host: 127.0.0.1'));
  const url = `https://127.0.0.1:${port}`;
  let { child, fingerprint } = await startProcess(configFile);
  const connect = () => new ServerClient({ url, fingerprint, timeoutMs: 20_000 });
  const admin = connect();
  await must(admin.call('accounts.login', { name: ADMIN.name, password: ADMIN.password }));
  for (let i = 0; i < 3; i++) await must(admin.call('accounts.create', { name: `pc${i}`, displayName: `PC ${i}`, password: `sandi-pc${i}-1`, roles: ['staff'] }));
  admin.close();

  // What each PC was told: imports that came back imported, and each record's last saved description.
  interface Pc { imported: Map<string, number>; saved: Map<number, string>; inFlight: Map<number, string> }
  const pcs: Pc[] = Array.from({ length: 6 }, () => ({ imported: new Map(), saved: new Map(), inFlight: new Map() }));
  let running = true;
  const work = pcs.map(async (pc, n) => {
    const client = connect();
    await must(client.call('accounts.login', { name: `pc${n % 3}`, password: `sandi-pc${n % 3}-1` }));
    for (let step = 0; running; step++) {
      const name = `pc${n}-surat-${step}.txt`;
      const path = join(dir, name);
      writeFileSync(path, `Surat keluar ${step} dari PC ${n}`);
      const handle = await client.upload(path);
      if (!handle.ok) break;
      const started = await client.call('import.start', { handles: [handle.value] });
      if (!started.ok) break;
      let recordId: number | null = null;
      for (;;) {
        const r = await client.call('import.result', { jobId: (started.value as { jobId: string }).jobId });
        if (!r.ok) break;
        const v = r.value as { progress: { state: string }; outcomes: { status: string; recordId: number | null }[] };
        if (v.progress.state === 'done') {
          if (v.outcomes[0]?.status === 'imported') recordId = v.outcomes[0].recordId;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      if (recordId === null) break;
      pc.imported.set(name, recordId);
      for (const id of [...pc.imported.values()].slice(-3)) {
        const description = `PC ${n} langkah ${step}`;
        pc.inFlight.set(id, description);
        const saved = await client.call('records.update', { id, fields: { description } });
        if (!saved.ok) break;
        pc.saved.set(id, description);
        pc.inFlight.delete(id);
      }
    }
    client.close();
  });
  await new Promise((resolve) => setTimeout(resolve, 4000));
  child.kill('SIGKILL');
  await stopped(child);
  running = false;
  await Promise.all(work);
  const acknowledged = pcs.reduce((n, pc) => n + pc.imported.size, 0);
  assert.ok(acknowledged >= 6, `the PCs got work done before the kill (${acknowledged} imports)`);

  ({ child, fingerprint } = await startProcess(configFile));
  try {
    const again = connect();
    await must(again.call('accounts.login', { name: 'pc0', password: 'sandi-pc0-1' }));
    for (const [n, pc] of pcs.entries()) {
      for (const [name, id] of pc.imported) {
        const record = await must<{ description: string | null; documents: { originalName: string }[] }>(again.call('records.get', { id }));
        assert.equal(record.documents[0]?.originalName, name, `PC ${n}: ${name} is record ${id}, with its file`);
        const want = pc.saved.get(id);
        // A save cut off by the kill is either wholly there or not at all.
        const allowed = [want ?? null, pc.inFlight.get(id) ?? want ?? null];
        assert.ok(allowed.includes(record.description), `PC ${n} record ${id}: ${record.description} is one of ${JSON.stringify(allowed)}`);
      }
    }
    // The PCs go on where they were.
    const path = join(dir, 'setelah-restart.txt');
    writeFileSync(path, 'Surat sesudah server hidup lagi');
    const handle = await must<string>(again.upload(path));
    await must(again.call('import.start', { handles: [handle] }));
    again.close();
  } finally {
    child.kill('SIGTERM');
    await stopped(child);
  }
  const archive = openComposedArchive(config.archive);
  try {
    const report = await verifyArchive(archive);
    assert.equal(report.consistent, true, JSON.stringify(report).slice(0, 2000));
  } finally {
    archive.close();
  }
});
