// The Sinkronisasi screen in real Chromium over the browser shell, against the test CKAN portal on
// loopback: the admin configures the portal on the screen (the token comes from BERKAS_PORTAL_TOKEN
// in the shell's environment), the portal goes down mid-push and the screen says so with every
// record still waiting, the portal comes back and every record lands exactly once; a record the
// portal refuses is held back with the portal's words and sent again from its row; a mass
// withdrawal waits for a supervisor's confirmation.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright';
import { archiveLayout } from '../../main/archive/layout.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { TOKEN_ENV } from '../../main/portal/token.ts';
import { startFakeCkan } from '../portal/ckan-server.ts';
import { queueWithdrawals, seedRecords, type SeededRecord } from '../portal/fixtures.ts';
import { closeBrowser, openSession, type Session } from './harness.ts';

after(closeBrowser);

/** Approved records with their files and outbox rows, written by a second connection as the publication workflow would. */
function approve(archiveDir: string, n: number, at: string): SeededRecord[] {
  const layout = archiveLayout(archiveDir);
  const db = openDatabase(layout.database);
  try {
    return seedRecords({ dir: archiveDir, layout, db, close() {} }, n, { at });
  } finally {
    db.close();
  }
}

function withdrawAll(archiveDir: string, recordIds: number[]): void {
  const db = openDatabase(archiveLayout(archiveDir).database);
  try {
    queueWithdrawals(db, recordIds, new Date().toISOString());
  } finally {
    db.close();
  }
}

async function openSync(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Sinkronisasi' }).click();
  await page.getByRole('heading', { name: 'Sinkronisasi', level: 1 }).waitFor();
}

async function countOf(page: Page, state: string): Promise<number> {
  const text = await page.getByTestId(`sync-count-${state}`).locator('.sy-chip-n').innerText();
  return Number(text.replace(/\D/g, ''));
}

async function waitForCount(page: Page, state: string, n: number): Promise<void> {
  await page.getByTestId(`sync-count-${state}`).locator('.sy-chip-n').filter({ hasText: new RegExp(`^${n}$`) }).waitFor({ timeout: 20_000 });
}

/**
 * Presses "Kirim sekarang", unless the background pusher is already sending (the button then reads
 * "Sedang mengirim…" and the run under way does what the press would).
 */
async function sendNow(page: Page): Promise<void> {
  const send = page.getByRole('button', { name: 'Kirim sekarang' });
  const sending = page.getByRole('button', { name: 'Sedang mengirim…' });
  await send.or(sending).first().waitFor();
  if (await send.isVisible()) await send.click({ timeout: 10_000 }).catch(async (error: unknown) => {
    if (!(await sending.isVisible())) throw error;
  });
}

test('Sinkronisasi: set up on the screen, an outage mid-push keeps every record waiting, recovery lands each record once', async () => {
  const server = await startFakeCkan();
  const savedToken = process.env[TOKEN_ENV];
  process.env[TOKEN_ENV] = server.tokens.editor; // the shell's backend worker copies the environment when it starts
  let s: Session | undefined;
  try {
    s = await openSession();
  } finally {
    if (savedToken === undefined) delete process.env[TOKEN_ENV];
    else process.env[TOKEN_ENV] = savedToken;
  }
  const { page } = s;
  try {
    await openSync(page);
    // No portal yet: the screen says what to do first, and where the token comes from.
    await page.getByTestId('sync-empty').getByRole('heading', { name: 'Portal belum diatur' }).waitFor();
    await page.getByText('Token: dari variabel lingkungan BERKAS_PORTAL_TOKEN.').waitFor();
    await page.getByText(/Di versi peramban, token tidak dimasukkan di layar ini/).waitFor();
    await s.screenshot('sync-setup');

    await page.getByLabel('Alamat portal').fill(server.url);
    await page.getByLabel('Organisasi di portal').fill(server.organization.name);
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByTestId('sync-destination').filter({ hasText: server.url }).waitFor();
    await page.getByRole('button', { name: 'Tes koneksi' }).click();
    await page.getByTestId('sync-test-result').filter({ hasText: `Token boleh menerbitkan di organisasi "${server.organization.title}"` }).waitFor();
    assert.equal(await page.getByTestId('sync-empty').count(), 0, 'the empty state is gone once a portal is set');

    // The portal goes down; twelve approvals arrive; "send now" meets the outage.
    await server.goDown('refuse');
    const records = approve(s.archiveDir, 12, new Date().toISOString());
    await page.reload();
    await openSync(page);
    await waitForCount(page, 'waiting', 12);
    await sendNow(page);
    const banner = page.getByTestId('sync-banner');
    await banner.filter({ hasText: /Portal tidak dapat dihubungi; (dicoba lagi pukul \d\d:\d\d|segera dicoba lagi)/ }).waitFor();
    await banner.getByText('Tidak ada yang hilang').waitFor();
    // Nothing is lost or parked during the outage. (The breaker's half-open probe may hold one record
    // as "sending" for the moment its refused connection takes, so wait for the count to settle.)
    await waitForCount(page, 'waiting', 12);
    assert.equal(await countOf(page, 'live'), 0);
    assert.equal(await countOf(page, 'parked'), 0);
    await page.locator('tr[data-state="waiting"] .sy-note').filter({ hasText: /^Gagal terakhir:/ }).first().waitFor();
    await s.screenshot('sync-outage');

    // Back up: "send now" drains the queue (or the background pusher beat us to it).
    await server.comeBack();
    await sendNow(page);
    await waitForCount(page, 'live', 12);
    await page.getByTestId('sync-progress-text').filter({ hasText: '12 dari 12 arsip sudah sesuai di portal' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    assert.equal(await countOf(page, 'waiting'), 0);
    assert.equal(await page.locator('tr[data-state="live"]').count(), 12);
    await page.locator('tr[data-state="live"]').first().getByText('Privat — menunggu tinjauan walidata').waitFor();
    await s.screenshot('sync-recovered');

    const perRecord = server.datasetCountByRecord();
    assert.equal(perRecord.size, 12);
    for (const r of records) assert.equal(perRecord.get(String(r.id)), 1, `record ${r.id} is on the portal exactly once`);

    // The portal refuses one record: it is held back with the portal's words, and sent again from its row.
    const [refused] = approve(s.archiveDir, 1, new Date().toISOString());
    server.inject({
      actions: ['package_create'],
      recordId: refused!.id,
      times: 1,
      effect: { type: 'status', status: 409, body: { __type: 'Validation Error', title: ['Judul mengandung kata yang tidak diizinkan'] } },
    });
    await page.reload();
    await openSync(page);
    await sendNow(page);
    await waitForCount(page, 'parked', 1);
    // Listed above the table with the portal's words, so nobody has to scroll to find it.
    const held = page.getByTestId('sync-attention').locator(`li[data-record="${refused!.id}"]`);
    await held.getByText(/Validation Error dari portal .*Judul mengandung kata yang tidak diizinkan/).waitFor();
    await page.locator(`tr[data-record="${refused!.id}"][data-state="parked"]`).waitFor();
    await s.screenshot('sync-parked');
    await held.getByRole('button', { name: 'Coba lagi' }).click();
    await waitForCount(page, 'live', 13);
    assert.equal(await countOf(page, 'parked'), 0);
    assert.equal(server.datasetCountByRecord().get(String(refused!.id)), 1);
    await page.getByTestId('sync-attention').waitFor({ state: 'detached' });

    // Every publication withdrawn at once (a database restored from an old backup?): the fail-safe holds them for a supervisor.
    withdrawAll(s.archiveDir, [...records, refused!].map((r) => r.id));
    await page.reload();
    await openSync(page);
    const failSafe = page.getByTestId('sync-failsafe');
    await failSafe.getByText(/13 penarikan menunggu, dari 13 dataset yang sedang tayang di portal \(batas pengaman 20%\)/).waitFor();
    assert.equal(await countOf(page, 'needs-confirmation'), 13);
    assert.equal(await countOf(page, 'withdrawn'), 0, 'nothing withdrawn before a person confirms');
    const patchesBefore = server.requests.filter((r) => r.action === 'package_patch' || r.action === 'package_delete').length;
    await s.screenshot('sync-failsafe');
    assert.equal(server.requests.filter((r) => r.action === 'package_patch' || r.action === 'package_delete').length, patchesBefore, 'the portal was not touched');
    await failSafe.getByRole('button', { name: 'Saya periksa: tarik 13 dataset' }).click();
    await waitForCount(page, 'withdrawn', 13);
    await failSafe.waitFor({ state: 'detached' });
    assert.ok([...records, refused!].every((r) => server.datasetsForRecord(r.id)[0]?.private === true), 'withdrawn as private, reversible');

    // English second: the same screen in the other language.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Records by state' }).waitFor();
    await page.getByTestId('sync-progress-text').filter({ hasText: '13 of 13 records are up to date on the portal' }).waitFor();
    await s.screenshot('sync-recovered-en');
  } finally {
    await s.close();
    await server.close();
  }
});
