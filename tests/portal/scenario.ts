// One fault scenario for the portal tests: a real archive with 500 seeded records (some of them
// secret, exempt or uncategorised, which must never leave), the test CKAN portal on loopback,
// the real CKAN adapter and pusher on a fake clock; and the checks every scenario must pass.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditChain } from '../../main/audit/log.ts';
import { createCkanAdapter } from '../../main/portal/ckan.ts';
import { createPusher, type Pusher, type PortalProgress } from '../../main/portal/pusher.ts';
import { setPortalSettings, type PortalSettingsPatch } from '../../main/portal/settings.ts';
import type { TokenSource } from '../../main/portal/token.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startFakeCkan, type FakeCkan, type FakeCkanOptions } from './ckan-server.ts';
import { fakeClock, openPortalArchive, seedRecords, seededRandom, type FakeClock, type SeededRecord, type TestArchive } from './fixtures.ts';

export const SECRET = [7, 77];
export const EXEMPT = [13, 113];
export const UNCATEGORISED = [21];
export const NOT_PUBLIC = new Set([...SECRET, ...EXEMPT, ...UNCATEGORISED]);

export interface Scenario {
  archive: TestArchive;
  server: FakeCkan;
  clock: FakeClock;
  pusher: Pusher;
  records: SeededRecord[];
  events: PortalProgress[];
  token: string;
  close(): Promise<void>;
}

export async function scenario(
  options: {
    records?: number;
    server?: FakeCkanOptions;
    settings?: PortalSettingsPatch;
    timeoutMs?: number;
    onProgress?: (event: PortalProgress, s: Scenario) => void;
  } = {},
): Promise<Scenario> {
  const clock = fakeClock();
  const server = await startFakeCkan({ now: clock.now, ...options.server });
  const archive = openPortalArchive(join(tempDir('berkas-portal-'), 'arsip'));
  const records = seedRecords(archive, options.records ?? 500, { secret: SECRET, exempt: EXEMPT, uncategorised: UNCATEGORISED });
  setPortalSettings(archive.db, { target: 'ckan', url: server.url, organization: server.organization.name, ...options.settings }, 'admin-test');
  const token = server.tokens.editor;
  const source: TokenSource = { description: 'test token', getToken: async () => token };
  const adapter = createCkanAdapter({ url: server.url, organization: server.organization.name, token: source, timeoutMs: options.timeoutMs ?? 2000 });
  const events: PortalProgress[] = [];
  const s = { archive, server, clock, records, events, token } as Scenario;
  s.pusher = createPusher({
    db: archive.db,
    layout: archive.layout,
    adapter,
    now: clock.now,
    random: seededRandom(7),
    actor: 'pusher-test',
    onProgress: (event) => {
      events.push(event);
      options.onProgress?.(event, s);
    },
  });
  s.close = async () => {
    archive.close();
    await server.close();
  };
  return s;
}

interface OutboxState {
  record_id: number;
  state: string;
  last_error: string | null;
  attempts: number;
}

/**
 * Every approved record is on the portal exactly once with all its files once, with a live
 * receipt pointing at that dataset; the ones listed in `parked` are parked with the portal's
 * words; nothing secret, exempt or uncategorised ever reached the portal; the audit chain holds.
 */
export function assertSettled(s: Scenario, expect: { parked?: Map<number, string>; privateExpected?: boolean } = {}): void {
  const { db } = s.archive;
  const parked = expect.parked ?? new Map<number, string>();
  const counts = s.server.datasetCountByRecord();
  const rows = new Map((db.prepare('SELECT record_id, state, last_error, attempts FROM outbox').all() as OutboxState[]).map((r) => [r.record_id, r]));

  for (const record of s.records) {
    const row = rows.get(record.id)!;
    if (NOT_PUBLIC.has(record.id)) {
      assert.equal(row.state, 'parked', `record ${record.id} (not public) must be parked`);
      const reason = JSON.parse(row.last_error ?? '{}') as { en?: string; id?: string };
      assert.ok(reason.en?.startsWith(`Refused: record ${record.id} was not sent to the portal. `), `record ${record.id} parked with the refusal reason`);
      assert.ok(reason.id?.startsWith(`Ditolak: arsip ${record.id} `));
      assert.equal(counts.get(String(record.id)), undefined, `record ${record.id} (not public) must have no dataset`);
      assert.equal(s.server.requestsMentioning(`-${record.id}: Laporan`).length, 0, `no request mentioned record ${record.id}`);
      for (const doc of record.documents) assert.ok(!s.server.uploadedHashes().has(doc.sha256), `file of record ${record.id} never uploaded`);
      continue;
    }
    if (parked.has(record.id)) {
      assert.equal(row.state, 'parked', `record ${record.id} should be parked`);
      assert.ok(row.last_error && row.last_error.includes(parked.get(record.id)!), `record ${record.id} parked with the portal's message, got ${row.last_error}`);
      continue;
    }
    assert.equal(row.state, 'done', `record ${record.id} outbox state (last error: ${row.last_error})`);
    assert.equal(counts.get(String(record.id)), 1, `record ${record.id} is on the portal exactly once`);
    const [dataset] = s.server.datasetsForRecord(record.id);
    assert.equal(dataset!.state, 'active');
    if (expect.privateExpected !== undefined) assert.equal(dataset!.private, expect.privateExpected);
    const uploaded = dataset!.resources.map((r) => r.uploadSha256).sort();
    assert.deepEqual(uploaded, record.documents.map((d) => d.sha256).sort(), `record ${record.id}: each file exactly once, bytes intact`);
    const receipt = db.prepare('SELECT dataset_id, state, resources FROM portal_receipts WHERE record_id = ?').get(record.id) as
      | { dataset_id: string; state: string; resources: string }
      | undefined;
    assert.ok(receipt, `record ${record.id} has a receipt`);
    assert.equal(receipt.dataset_id, dataset!.id);
    assert.equal(receipt.state, 'live');
    assert.deepEqual(
      (JSON.parse(receipt.resources) as { id: string }[]).map((r) => r.id).sort(),
      dataset!.resources.map((r) => r.id).sort(),
    );
  }
  // Nothing parked silently.
  for (const row of rows.values()) {
    if (row.state === 'parked') assert.ok(row.last_error && JSON.parse(row.last_error).en.length > 0, `parked row of record ${row.record_id} has a reason`);
    assert.notEqual(row.state, 'pushing');
    assert.notEqual(row.state, 'waiting', `record ${row.record_id} still waiting: ${row.last_error}`);
  }
  const chain = verifyAuditChain(db);
  assert.deepEqual(chain.breaks, []);
  assertTokenNowhere(s);
}

/** The token is in no byte of the database, its WAL, the audit log, the receipts or any stored error. */
export function assertTokenNowhere(s: Scenario): void {
  const { db, layout } = s.archive;
  for (const suffix of ['', '-wal', '-shm']) {
    const file = layout.database + suffix;
    if (existsSync(file)) assert.equal(readFileSync(file).includes(Buffer.from(s.token)), false, `token found in ${file}`);
  }
  const texts = [
    ...(db.prepare('SELECT coalesce(before, \'\') || coalesce(after, \'\') AS t FROM audit_log').all() as { t: string }[]).map((r) => r.t),
    ...(db.prepare('SELECT coalesce(last_error, \'\') AS t FROM outbox').all() as { t: string }[]).map((r) => r.t),
    ...(db.prepare('SELECT resources || dataset_id || coalesce(dataset_url, \'\') AS t FROM portal_receipts').all() as { t: string }[]).map((r) => r.t),
    ...(db.prepare("SELECT coalesce(problem, '') || coalesce(last_run, '') AS t FROM portal_state").all() as { t: string }[]).map((r) => r.t),
    ...s.events.map((e) => JSON.stringify(e)),
  ];
  for (const t of texts) assert.equal(t.includes(s.token), false, 'token found in stored text');
}
