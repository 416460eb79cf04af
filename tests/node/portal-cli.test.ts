import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SessionUser } from '../../preload/contract.ts';
import { UsageError, type CliContext, type Command } from '../../main/cli/command.ts';
import { createPortalCommands } from '../../main/cli/commands/portal.ts';
import { findCommand } from '../../main/cli.ts';
import { AppError } from '../../main/errors.ts';
import type { DrainSummary } from '../../main/portal/pusher.ts';
import type { PortalStatus } from '../../main/portal/status.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startFakeCkan, type FakeCkan } from '../portal/ckan-server.ts';
import { openPortalArchive, queueWithdrawals, seedRecords } from '../portal/fixtures.ts';

interface Run {
  code: number;
  data: unknown;
  human: string[];
  notes: string[];
}

function harness(env: NodeJS.ProcessEnv, untilStopped?: () => Promise<void>) {
  const dir = join(tempDir(), 'arsip');
  const seeded = openPortalArchive(dir);
  seedRecords(seeded, 12, { secret: [7] });
  seeded.close();
  const commands = createPortalCommands({ open: openPortalArchive, env, ...(untilStopped ? { untilStopped } : {}) });
  const roles: string[] = [];
  async function run(words: string[]): Promise<Run> {
    const found = findCommand(commands, words);
    assert.ok(found, `no command for ${words.join(' ')}`);
    const out: Run = { code: -1, data: undefined, human: [], notes: [] };
    const ctx: CliContext = {
      archiveDir: dir,
      json: true,
      actor: 'arsiparis',
      async authenticate(role) {
        roles.push(role);
        return { id: 1, name: 'arsiparis', displayName: 'Arsiparis', roles: ['staff', 'supervisor', 'admin'] } as unknown as SessionUser;
      },
      report(human, data) {
        out.human.push(...(Array.isArray(human) ? human : [human]));
        out.data = data;
      },
      note(message) {
        out.notes.push(message);
      },
    };
    out.code = await (found.command as Command).run(found.argv, ctx);
    return out;
  }
  return { dir, run, roles };
}

function tokenFile(token: string, mode = 0o600): string {
  const file = join(tempDir(), 'portal.token');
  writeFileSync(file, `${token}\n`);
  chmodSync(file, mode);
  return file;
}

async function withServer(fn: (server: FakeCkan) => Promise<void>) {
  const server = await startFakeCkan();
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

test('portal configure never takes the token as an argument and refuses a group-readable token file', async () => {
  await withServer(async (server) => {
    const h = harness({});
    for (const flag of [['--token', server.tokens.editor], [`--token=${server.tokens.editor}`], ['--api-key', 'x']]) {
      await assert.rejects(h.run(['portal', 'configure', '--url', server.url, '--org', 'dinas-kominfo', ...flag]), (e: unknown) => e instanceof UsageError && /never given on the command line/.test(e.message));
    }
    await assert.rejects(
      h.run(['portal', 'configure', '--url', server.url, '--org', 'dinas-kominfo', '--token-file', tokenFile(server.tokens.editor, 0o644)]),
      (e: unknown) => e instanceof AppError && /chmod 600/.test(e.messages.en),
    );
    const file = tokenFile(server.tokens.editor);
    const ok = await h.run(['portal', 'configure', '--url', `${server.url}/api/3/action`, '--org', 'dinas-kominfo', '--token-file', file, '--withdraw-mode', 'delete', '--interval', '30']);
    assert.equal(ok.code, 0);
    assert.deepEqual(
      (({ target, url, organization, withdrawMode, intervalMinutes, tokenFile: f, privateOnArrival }) => ({ target, url, organization, withdrawMode, intervalMinutes, tokenFile: f, privateOnArrival }))(
        ok.data as Record<string, unknown>,
      ),
      { target: 'ckan', url: server.url, organization: 'dinas-kominfo', withdrawMode: 'delete', intervalMinutes: 30, tokenFile: file, privateOnArrival: true },
    );
    assert.ok(h.roles.length > 0 && h.roles.every((r) => r === 'admin'), 'configuring the portal takes an admin');
    const tested = await h.run(['portal', 'test']);
    assert.equal(tested.code, 0);
    assert.match(tested.human[0]!, /CKAN 2\.11\.5/);
    assert.equal(readFileSync(join(h.dir, 'berkas.sqlite')).includes(Buffer.from(server.tokens.editor)), false);
  });
});

test('sync --once drains the queue with the token from BERKAS_PORTAL_TOKEN and reports a summary; sync status lists every record', async () => {
  await withServer(async (server) => {
    const h = harness({ BERKAS_PORTAL_TOKEN: server.tokens.editor });
    await h.run(['portal', 'configure', '--url', server.url, '--org', 'dinas-kominfo', '--public-on-arrival']);
    const once = await h.run(['sync', '--once']);
    assert.equal(once.code, 3, 'records left behind (the refused one): not a silent success');
    const summary = once.data as DrainSummary;
    assert.equal(summary.published, 11);
    assert.equal(summary.refused, 1);
    assert.match(once.human[0]!, /^Terkirim: 11 terbit/);
    assert.match(once.human[1]!, /11 published/);
    assert.match(once.human.join('\n'), /Belum selesai: 0 menunggu, 0 tertahan, 1 ditolak pemeriksaan[\s\S]*Not done: 0 waiting, 0 parked, 1 refused/);
    assert.ok(once.notes.some((n) => /record 7: refused/.test(n)));
    assert.equal(server.datasets().length, 11);
    assert.ok(server.datasets().every((d) => !d.private));

    const status = await h.run(['sync', 'status', '--state', 'refused']);
    const st = status.data as PortalStatus;
    assert.equal(st.counts.live, 11);
    assert.equal(st.counts.refused, 1);
    assert.equal(st.counts.parked, 0);
    assert.deepEqual(st.items.map((i) => i.recordId), [7]);
    assert.match(status.human.join('\n'), /#7 refused .*Ditolak: arsip 7 .*Refused: record 7 was not sent to the portal\. Security class "rahasia"/);
    assert.match(status.human.join('\n'), /^Arsip: 11 di portal/m);
    const none = await h.run(['sync', 'status', '--limit', '0']);
    assert.ok(!none.human.some((l) => /more|lagi \(/.test(l)), `--limit 0 lists nothing and promises nothing more: ${none.human.join(' | ')}`);
    await assert.rejects(h.run(['sync', 'status', '--state', 'lost']), UsageError);
  });
});

test('sync --once exits 1 with the problem when the portal refuses the token', async () => {
  await withServer(async (server) => {
    const h = harness({ BERKAS_PORTAL_TOKEN: 'token-yang-sudah-dicabut' });
    await h.run(['portal', 'configure', '--url', server.url, '--org', 'dinas-kominfo']);
    const once = await h.run(['sync', '--once']);
    assert.equal(once.code, 1);
    assert.match(once.human.join("\n"), /Masalah: Token ditolak[\s\S]*Problem: Token refused: the portal refused the token/);
    const tested = await h.run(['portal', 'test']);
    assert.equal(tested.code, 1);
    assert.match(tested.human[0]!, /^FAILED: /);
  });
});

test('sync keeps running until stopped, and confirm-withdrawals releases a mass withdrawal', async () => {
  await withServer(async (server) => {
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const h = harness({ BERKAS_PORTAL_TOKEN: server.tokens.editor }, () => stopped);
    await h.run(['portal', 'configure', '--url', server.url, '--org', 'dinas-kominfo', '--fail-safe-min', '2']);
    const running = h.run(['sync']);
    for (let i = 0; i < 300 && server.datasets().length < 11; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    const ended = await running;
    assert.equal(ended.code, 0);
    assert.equal(server.datasets().length, 11);

    const db = openPortalArchive(h.dir);
    queueWithdrawals(db.db, [1, 2, 3, 4, 5]); // 5 of 11 live
    db.close();
    const blocked = await h.run(['sync', '--once']);
    assert.equal((blocked.data as DrainSummary).needsConfirmation, 5);
    assert.match(blocked.human.join('\n'), /confirm-withdrawals/);
    const confirmed = await h.run(['sync', 'confirm-withdrawals']);
    assert.deepEqual(confirmed.data, { confirmed: 5 });
    const released = await h.run(['sync', '--once']);
    assert.equal((released.data as DrainSummary).withdrawn, 5);
    assert.ok([1, 2, 3, 4, 5].every((id) => server.datasetsForRecord(id)[0]!.private));
    assert.ok(h.roles.includes('supervisor'));
  });
});

test('catalogue export writes the bundle of what is published', async () => {
  const h = harness({});
  await h.run(['sync', '--once']); // no portal: the catalogue receives the approved records
  const out = join(tempDir(), 'katalog');
  const result = await h.run(['catalogue', 'export', out]);
  assert.equal(result.code, 0);
  assert.equal((result.data as { datasets: number }).datasets, 11);
  const catalog = JSON.parse(readFileSync(join(out, 'catalog.jsonld'), 'utf8')) as { 'dcat:dataset': unknown[] };
  assert.equal(catalog['dcat:dataset'].length, 11);
  await assert.rejects(h.run(['catalogue', 'export']), UsageError);
});
