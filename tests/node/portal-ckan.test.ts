import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { PortalError, datasetName, type PublishItem } from '../../main/portal/adapter.ts';
import { createCkanAdapter, parseRetryAfter, type CkanOptions } from '../../main/portal/ckan.ts';
import { startFakeCkan, type FakeCkan } from '../portal/ckan-server.ts';
import { fakePdf } from '../portal/fixtures.ts';

const ARCHIVE = 'a1b2c3d4';

function adapterFor(server: FakeCkan, token: string | null, extra: Partial<CkanOptions> = {}) {
  return createCkanAdapter({
    url: server.url,
    organization: server.organization.name,
    token: { description: 'test', getToken: async () => token },
    timeoutMs: 2000,
    ...extra,
  });
}

function item(recordId: number, files: Buffer[], extra: Partial<PublishItem> = {}): PublishItem {
  return {
    recordId,
    archiveKey: ARCHIVE,
    title: `Laporan ${recordId}`,
    notes: `Uraian ${recordId}`,
    classificationCode: '000.1.2',
    date: '2026-02-03',
    unit: 'Sekretariat',
    category: 'berkala',
    privateOnArrival: true,
    known: null,
    documents: files.map((bytes, i) => ({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      name: `dok-${recordId}-${i}.pdf`,
      mime: 'application/pdf',
      size: bytes.length,
      read: async () => bytes,
    })),
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<PortalError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PortalError, `expected a PortalError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

async function action(server: FakeCkan, name: string, body: unknown, token?: string, method = 'POST') {
  const response = await fetch(`${server.url}/api/3/action/${name}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as { success?: boolean; result?: unknown; error?: Record<string, unknown> } | string };
}

test('the test portal answers like CKAN: error envelope and status per exception type', async () => {
  const server = await startFakeCkan();
  try {
    const anon = await action(server, 'package_create', { name: 'x-y', owner_org: 'dinas-kominfo' });
    assert.equal(anon.status, 403);
    assert.deepEqual((anon.body as { error: unknown }).error, { __type: 'Authorization Error', message: 'Access denied: User  not authorized to create packages' });
    const wrong = await action(server, 'package_create', { name: 'x-y', owner_org: 'dinas-kominfo' }, 'not-a-real-token');
    assert.equal(wrong.status, 403, 'an unknown token is anonymous');
    const member = await action(server, 'package_create', { name: 'x-y', owner_org: 'dinas-kominfo' }, server.tokens.member);
    assert.equal(member.status, 403);
    const missing = await action(server, 'package_show', { id: 'tidak-ada' }, server.tokens.editor);
    assert.equal(missing.status, 404);
    assert.deepEqual((missing.body as { error: unknown }).error, { __type: 'Not Found Error', message: 'Not found' });
    const noOrg = await action(server, 'package_create', { name: 'ab' }, server.tokens.editor);
    assert.equal(noOrg.status, 409);
    assert.deepEqual((noOrg.body as { error: unknown }).error, { owner_org: ['An organization must be provided'], __type: 'Validation Error' });
    const badName = await action(server, 'package_create', { name: 'Bad Name', owner_org: 'dinas-kominfo' }, server.tokens.editor);
    assert.equal(badName.status, 409);
    assert.deepEqual((badName.body as { error: { name: string[] } }).error.name, ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_']);
    const created = await action(server, 'package_create', { name: 'data-uji', owner_org: 'dinas-kominfo', private: true }, server.tokens.editor);
    assert.equal(created.status, 200);
    const twice = await action(server, 'package_create', { name: 'data-uji', owner_org: 'dinas-kominfo' }, server.tokens.editor);
    assert.equal(twice.status, 409);
    assert.deepEqual((twice.body as { error: { name: string[] } }).error.name, ['That URL is already in use.']);
    const privateAnon = await action(server, 'package_show', { id: 'data-uji' });
    assert.equal(privateAnon.status, 403, 'a private dataset is hidden from anonymous users');
    const unknown = await action(server, 'package_frobnicate', {}, server.tokens.editor);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body, 'Bad request: Action name not known: package_frobnicate');
    const badJson = await action(server, 'package_show', '{not json', server.tokens.editor);
    assert.equal(badJson.status, 400);
    assert.match(badJson.body as string, /^Bad request: JSON Error/);
    const getWrite = await action(server, 'package_create', undefined, server.tokens.editor, 'GET');
    assert.equal(getWrite.status, 400);
    // Soft delete keeps the name; org members still see the dataset; creating the name again
    // renames the deleted one to its id (CKAN 2.7+, #3370).
    const id = ((created.body as { result: { id: string } }).result).id;
    assert.equal((await action(server, 'package_delete', { id }, server.tokens.editor)).status, 200);
    const deleted = await action(server, 'package_show', { id: 'data-uji' }, server.tokens.member);
    assert.equal((deleted.body as { result: { state: string } }).result.state, 'deleted');
    assert.equal((await action(server, 'package_show', { id: 'data-uji' }, server.tokens.otherOrgEditor)).status, 403);
    const recreated = await action(server, 'package_create', { name: 'data-uji', owner_org: 'dinas-kominfo' }, server.tokens.editor);
    assert.equal(recreated.status, 200);
    assert.notEqual((recreated.body as { result: { id: string } }).result.id, id);
    assert.equal(server.datasets().find((d) => d.id === id)!.name, id);
  } finally {
    await server.close();
  }
});

test('publish creates an organization-owned private dataset with the record id in extras and each file once, hash included', async () => {
  const server = await startFakeCkan();
  try {
    const adapter = adapterFor(server, server.tokens.editor);
    const files = [fakePdf('satu', 3000), fakePdf('dua', 5000)];
    const receipt = await adapter.publish(item(42, files));
    assert.equal(receipt.created, true);
    assert.equal(receipt.uploaded, 2);
    assert.equal(receipt.datasetName, datasetName('dinas-kominfo', ARCHIVE, 42));
    assert.equal(receipt.datasetName, `berkas-dinas-kominfo-${ARCHIVE}-42`);
    const [d] = server.datasetsForRecord(42);
    assert.equal(d!.owner_org, server.organization.id);
    assert.equal(d!.private, true);
    assert.deepEqual(
      d!.extras.filter((e) => e.key.startsWith('berkas_')).map((e) => [e.key, e.value]),
      [
        ['berkas_record_id', '42'],
        ['berkas_archive_id', ARCHIVE],
        ['berkas_classification_code', '000.1.2'],
        ['berkas_public_category', 'berkala'],
        ['berkas_unit', 'Sekretariat'],
        ['berkas_date', '2026-02-03'],
      ],
    );
    const expected = files.map((f) => createHash('sha256').update(f).digest('hex'));
    assert.deepEqual(d!.resources.map((r) => r.uploadSha256), expected, 'the bytes arrived intact');
    assert.deepEqual(d!.resources.map((r) => r.hash), expected.map((h) => `sha256:${h}`));
    assert.equal(d!.resources[0]!.url_type, 'upload');
    assert.equal(server.requests.filter((r) => r.action === 'package_update').length, 0, 'package_update is never used');
    assert.ok(server.requests.every((r) => r.token === 'valid'));

    // The same item again (a retry after a lost answer): found by name, nothing re-sent.
    const before = server.requests.length;
    const again = await adapter.publish(item(42, files));
    assert.equal(again.created, false);
    assert.equal(again.uploaded, 0);
    assert.equal(again.datasetId, receipt.datasetId);
    assert.deepEqual(server.requests.slice(before).map((r) => r.action), ['package_show']);

    // A document taken off the record disappears from the portal; a changed title is patched.
    const fewer = await adapter.publish(item(42, [files[0]!], { title: 'Laporan 42 (revisi)', known: { datasetId: receipt.datasetId, withdrawn: false } }));
    assert.equal(fewer.removed, 1);
    assert.equal(server.datasetsForRecord(42)[0]!.resources.length, 1);
    assert.equal(server.datasetsForRecord(42)[0]!.title, 'Laporan 42 (revisi)');
    assert.equal(server.datasetsForRecord(42)[0]!.private, true);
    assert.equal(server.datasets().length, 1);
  } finally {
    await server.close();
  }
});

test('a live dataset made public by the walidata stays public when Berkas updates it', async () => {
  const server = await startFakeCkan();
  try {
    const adapter = adapterFor(server, server.tokens.editor);
    await adapter.publish(item(5, [fakePdf('x')]));
    server.datasetsForRecord(5)[0]!.private = false; // the walidata approved it
    await adapter.publish(item(5, [fakePdf('x'), fakePdf('y')], { title: 'baru' }));
    assert.equal(server.datasetsForRecord(5)[0]!.private, false);
  } finally {
    await server.close();
  }
});

test('a dataset with our name that is not this record’s is never overwritten', async () => {
  const server = await startFakeCkan();
  try {
    server.seedDataset({ name: datasetName('dinas-kominfo', ARCHIVE, 7), extras: [{ key: 'berkas_record_id', value: '999' }] });
    const error = await rejection(adapterFor(server, server.tokens.editor).publish(item(7, [fakePdf('z')])));
    assert.equal(error.kind, 'permanent');
    assert.equal(error.scope, 'item');
    assert.match(error.message, /not this record's/);
    assert.equal(server.requests.filter((r) => r.action === 'package_patch' || r.action === 'resource_create').length, 0);
  } finally {
    await server.close();
  }
});

test('withdrawal: private by default, delete on request, and a missing dataset counts as withdrawn', async () => {
  const server = await startFakeCkan();
  try {
    const adapter = adapterFor(server, server.tokens.editor);
    const a = await adapter.publish(item(1, [fakePdf('a')], { privateOnArrival: false }));
    const b = await adapter.publish(item(2, [fakePdf('b')], { privateOnArrival: false }));
    assert.deepEqual(await adapter.withdraw({ recordId: 1, archiveKey: ARCHIVE, datasetId: a.datasetId, mode: 'private' }), { datasetId: a.datasetId, outcome: 'hidden' });
    assert.equal(server.datasetsForRecord(1)[0]!.private, true);
    assert.deepEqual(await adapter.withdraw({ recordId: 2, archiveKey: ARCHIVE, datasetId: null, mode: 'delete' }), { datasetId: b.datasetId, outcome: 'deleted' });
    assert.equal(server.datasetsForRecord(2)[0]!.state, 'deleted');
    assert.equal(server.requests.filter((r) => r.action === 'dataset_purge').length, 0);
    assert.deepEqual(await adapter.withdraw({ recordId: 3, archiveKey: ARCHIVE, datasetId: null, mode: 'private' }), { datasetId: null, outcome: 'absent' });
    assert.deepEqual(await adapter.withdraw({ recordId: 3, archiveKey: ARCHIVE, datasetId: 'purged-by-admin', mode: 'delete' }), { datasetId: 'purged-by-admin', outcome: 'absent' });
  } finally {
    await server.close();
  }
});

test('testConnection names the CKAN version and the organization, and tells a bad token from a bad URL', async () => {
  const server = await startFakeCkan();
  try {
    const ok = await adapterFor(server, server.tokens.editor).testConnection();
    assert.equal(ok.version, '2.11.5');
    assert.deepEqual(ok.organization, { id: server.organization.id, name: 'dinas-kominfo', title: 'Dinas Komunikasi dan Informatika' });
    for (const token of ['salah-token-12345678', server.tokens.member, server.tokens.otherOrgEditor]) {
      const error = await rejection(adapterFor(server, token).testConnection());
      assert.equal(error.scope, 'portal');
      assert.match(error.message, /no editor rights in organization "dinas-kominfo"/);
    }
    const none = await rejection(adapterFor(server, null).testConnection());
    assert.equal(none.scope, 'portal');
    assert.match(none.message, /No portal API token/);
    const wrongPath = await rejection(createCkanAdapter({ url: `${server.url}/bukan-ckan/x`, organization: 'dinas-kominfo', token: { description: 't', getToken: async () => server.tokens.editor } }).testConnection());
    assert.equal(wrongPath.scope, 'portal');
    assert.equal(wrongPath.status, 404);
    assert.match(wrongPath.message, /without a CKAN response/);
  } finally {
    await server.close();
  }
});

test('an expired token during publish is a portal-wide problem; a dataset of another organization is the item’s problem', async () => {
  const server = await startFakeCkan();
  try {
    const dead = await rejection(adapterFor(server, 'kedaluwarsa-0123456789').publish(item(1, [fakePdf('a')])));
    assert.equal(dead.kind, 'permanent');
    assert.equal(dead.scope, 'portal');
    assert.equal(dead.status, 403);
    server.seedDataset({ name: datasetName('dinas-kominfo', ARCHIVE, 2), org: 'other', private: true, extras: [{ key: 'berkas_record_id', value: '2' }] });
    const foreign = await rejection(adapterFor(server, server.tokens.editor).publish(item(2, [fakePdf('b')])));
    assert.equal(foreign.scope, 'item');
    assert.equal(foreign.status, 403);
    assert.match(foreign.portalMessage!, /not authorized to read package/);
  } finally {
    await server.close();
  }
});

test('files over the portal limit are refused before upload; CKAN’s 409 and a proxy’s 413 are permanent too', async () => {
  const server = await startFakeCkan({ maxResourceBytes: 4000, proxyMaxBodyBytes: 20_000 });
  try {
    const local = await rejection(adapterFor(server, server.tokens.editor, { maxResourceBytes: 2000 }).publish(item(1, [fakePdf('a', 3000)])));
    assert.equal(local.kind, 'permanent');
    assert.match(local.message, /accepts files up to/);
    assert.equal(server.requests.length, 0, 'nothing sent');
    const ckan = await rejection(adapterFor(server, server.tokens.editor).publish(item(2, [fakePdf('b', 5000)])));
    assert.equal(ckan.status, 409);
    assert.equal(ckan.portalMessage, 'upload: File upload too large');
    assert.equal(server.datasetsForRecord(2)[0]!.resources.length, 0, 'the failed upload left no resource');
    const proxy = await rejection(adapterFor(server, server.tokens.editor).publish(item(3, [fakePdf('c', 30_000)])));
    assert.equal(proxy.status, 413);
    assert.equal(proxy.kind, 'permanent');
    assert.equal(proxy.scope, 'item');
  } finally {
    await server.close();
  }
});

test('5xx, 429 and 503 are retryable with Retry-After; unknown HTML errors do not crash the parser', async () => {
  const server = await startFakeCkan();
  try {
    const adapter = adapterFor(server, server.tokens.editor);
    server.inject({ times: 1, effect: { type: 'status', status: 500 } });
    const e500 = await rejection(adapter.publish(item(1, [])));
    assert.deepEqual([e500.kind, e500.status, e500.portalType], ['retryable', 500, 'Internal Server Error']);
    server.inject({ times: 1, effect: { type: 'status', status: 429, retryAfter: '30' } });
    const e429 = await rejection(adapter.publish(item(1, [])));
    assert.deepEqual([e429.kind, e429.status, e429.retryAfterMs], ['retryable', 429, 30_000]);
    server.inject({ times: 1, effect: { type: 'status', status: 503, raw: '<html><body><h1>Maintenance</h1></body></html>', retryAfter: 'Wed, 21 Oct 2099 07:28:00 GMT' } });
    const e503 = await rejection(adapter.publish(item(1, [])));
    assert.equal(e503.kind, 'retryable');
    assert.equal(e503.retryAfterMs, 24 * 3600_000, 'a far-future date is capped at a day');
    assert.match(e503.message, /Maintenance/);
    server.inject({ times: 1, effect: { type: 'drop', afterCommit: false } });
    const dropped = await rejection(adapter.publish(item(1, [])));
    assert.equal(dropped.kind, 'retryable');
    assert.equal(dropped.status, undefined);
    await server.goDown('refuse');
    const refused = await rejection(adapter.publish(item(1, [])));
    assert.equal(refused.kind, 'retryable');
    assert.match(refused.message, /ECONNREFUSED/);
    await server.comeBack();
    const fine = await adapter.publish(item(1, []));
    assert.equal(fine.created, true);
  } finally {
    await server.close();
  }
});

test('a redirect is refused, and the token never follows it to another host', async () => {
  let leaked = false;
  const elsewhere = createServer((req, res) => {
    if (req.headers.authorization) leaked = true;
    res.end('{}');
  });
  await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  const redirector = createServer((req, res) => {
    res.writeHead(301, { Location: `${target}${req.url}` });
    res.end();
  });
  await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
  try {
    const adapter = createCkanAdapter({
      url: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`,
      organization: 'dinas-kominfo',
      token: { description: 't', getToken: async () => 'rahasia-sekali-12345' },
    });
    const error = await rejection(adapter.testConnection());
    assert.equal(error.scope, 'portal');
    assert.equal(error.status, 301);
    assert.match(error.message, /redirects/);
    assert.equal(leaked, false);
  } finally {
    redirector.close();
    elsewhere.close();
  }
});

test('Retry-After parses seconds and HTTP dates', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now), 60_000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

test('dataset names are valid CKAN names within 100 characters for any organization', () => {
  const long = datasetName('Dinas Pekerjaan Umum & Penataan Ruang Kabupaten Kutai Kartanegara — Bidang Cipta Karya dan Tata Bangunan', ARCHIVE, 123456789);
  assert.ok(long.length <= 100);
  assert.match(long, /^[a-z0-9_-]{2,100}$/);
  assert.ok(long.endsWith(`-${ARCHIVE}-123456789`));
  assert.equal(datasetName('dinas-kominfo', ARCHIVE, 1), 'berkas-dinas-kominfo-a1b2c3d4-1');
});

test('a blip is sent again at once, but a portal that starts failing most requests gets only the retry reserve on top, not three tries each', async () => {
  const server = await startFakeCkan();
  try {
    const adapter = adapterFor(server, server.tokens.editor);
    // A portal that has not answered yet is not having a blip: its first 500 is the caller's to handle.
    server.inject({ actions: ['package_show'], recordId: 1, times: 1, effect: { type: 'status', status: 500 } });
    assert.equal((await rejection(adapter.publish(item(1, [fakePdf('satu')])))).status, 500);
    await adapter.publish(item(1, [fakePdf('satu')]));
    // One 500 on a lookup while the portal answers: sent again, the record goes out in one call.
    server.inject({ actions: ['package_show'], recordId: 2, times: 1, effect: { type: 'status', status: 500 } });
    assert.equal((await adapter.publish(item(2, [fakePdf('dua')]))).created, true);
    assert.deepEqual(server.requests.filter((r) => r.action === 'package_show' && r.recordId === '2').map((r) => r.status), [500, 404]);
    for (let r = 3; r <= 5; r++) await adapter.publish(item(r, [fakePdf(`isi ${r}`)]));

    // From here on every request fails: each publish is one lookup that fails, plus retries only
    // while the reserve lasts (no answers refill it).
    server.inject({ times: Number.MAX_SAFE_INTEGER, effect: { type: 'status', status: 500 } });
    const before = server.requests.length;
    for (let r = 6; r <= 35; r++) {
      const error = await rejection(adapter.publish(item(r, [fakePdf(`isi ${r}`)])));
      assert.equal(error.kind, 'retryable');
    }
    const sent = server.requests.length - before;
    assert.ok(sent > 30, `some blips were retried (${sent} requests for 30 items)`);
    assert.ok(sent <= 30 + 10, `retries stop at the reserve: ${sent} requests for 30 items (three tries each would be 90)`);
  } finally {
    await server.close();
  }
});
