// Team mode in two real browsers: a clerk and a supervisor, each in their own Chromium context
// (own cookies, own login), against one department server over HTTPS. The clerk classifies and
// proposes a record; the supervisor's open Publikasi screen shows the proposal as it happens, the
// supervisor approves, and the server's pusher puts the record on the portal exactly once. Then the
// server stops while the clerk edits: her save says it did not reach the server, and keeps her input;
// once it is back (same sessions) the same press of Simpan saves.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright';
import { TOKEN_ENV } from '../../main/portal/token.ts';
import { startFakeCkan } from '../portal/ckan-server.ts';
import { ADMIN } from '../helpers/accounts.ts';
import { must, startTestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { ARTIFACTS, closeBrowser, launchBrowser } from './harness.ts';

after(closeBrowser);
const serverDir = tempDir('berkas-team-');
const files = tempDir('berkas-team-files-');

async function pdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 48, y: 780, size: 12, font });
  return doc.save();
}

async function logIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Masuk ke Berkas' }).waitFor();
  await page.getByLabel('Nama pengguna').fill(name);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('session-user').waitFor();
}

test('clerk proposes on one PC, the supervisor sees it live on another and approves, the portal gets it once', async () => {
  const portal = await startFakeCkan();
  const savedToken = process.env[TOKEN_ENV];
  process.env[TOKEN_ENV] = portal.tokens.editor; // the server's backend worker copies the environment when it starts
  const ts = await startTestServer(serverDir).finally(() => {
    if (savedToken === undefined) delete process.env[TOKEN_ENV];
    else process.env[TOKEN_ENV] = savedToken;
  });
  const browser = await launchBrowser();
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1360, height: 860 }, locale: 'id-ID' })));
  try {
    // IT's part, through the same channels the admin screens use.
    const admin = ts.client();
    await must(admin.call('accounts.login', { name: ADMIN.name, password: ADMIN.password }));
    await must(admin.call('accounts.create', { name: 'siti', displayName: 'Siti (staf)', password: 'sandi-siti-uji', roles: ['staff'] }));
    await must(admin.call('accounts.create', { name: 'andi', displayName: 'Andi (atasan)', password: 'sandi-andi-uji', roles: ['supervisor'] }));
    await must(admin.call('portal.saveSettings', { target: 'ckan', url: portal.url, organization: portal.organization.name, intervalMinutes: 30, privateOnArrival: false, withdrawMode: 'private' }));
    // The clerk's scan, imported through the server like any upload.
    const clerkApi = ts.client();
    await must(clerkApi.call('accounts.login', { name: 'siti', password: 'sandi-siti-uji' }));
    const path = join(files, 'rencana-kerja-2026.pdf');
    writeFileSync(path, await pdf('Rencana kerja Dinas Komunikasi dan Informatika tahun 2026'));
    const { jobId } = await must<{ jobId: string }>(clerkApi.call('import.start', { handles: [await must<string>(clerkApi.upload(path))] }));
    let recordId = 0;
    while (!recordId) {
      const r = await must<{ progress: { state: string }; outcomes: { recordId: number | null }[] }>(clerkApi.call('import.result', { jobId }));
      if (r.progress.state === 'done') recordId = r.outcomes[0]!.recordId!;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await must(clerkApi.call('records.update', { id: recordId, fields: { subject: 'Rencana kerja dinas 2026', letterNumber: '000.1.2/7/DISKOMINFO/2026', letterDate: '2026-01-12', classificationCode: '000.1.2', originatingUnit: 'Bidang Informasi Publik', creator: 'Kepala Dinas Komunikasi dan Informatika' } }));

    const [clerk, supervisor] = await Promise.all(contexts.map((c) => c.newPage()));
    const problems: string[] = [];
    for (const page of [clerk!, supervisor!]) page.on('pageerror', (error) => problems.push(String(error)));
    for (const page of [clerk!, supervisor!]) await page.goto(`${ts.url}/`);
    await logIn(clerk!, 'siti', 'sandi-siti-uji');
    await logIn(supervisor!, 'andi', 'sandi-andi-uji');
    // The supervisor's screen is open before anything is proposed.
    await supervisor!.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await supervisor!.getByText('Tidak ada usulan yang menunggu keputusan.').waitFor();

    await clerk!.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await clerk!.getByRole('tab', { name: 'Klasifikasi' }).click();
    await clerk!.getByRole('button', { name: /Rencana kerja dinas 2026/ }).click();
    await clerk!.getByRole('radio', { name: /Setiap saat/ }).check();
    await clerk!.getByRole('button', { name: 'Simpan klasifikasi' }).click();
    await clerk!.getByRole('status').filter({ hasText: 'Klasifikasi disimpan.' }).waitFor();
    await clerk!.getByRole('button', { name: 'Usulkan publikasi' }).click();
    await clerk!.getByRole('status').filter({ hasText: 'Diusulkan.' }).waitFor();

    // Live on the other PC: no reload, no click.
    const review = supervisor!.getByRole('article');
    await review.getByRole('heading', { name: 'Rencana kerja dinas 2026' }).waitFor({ timeout: 15_000 });
    // The scan itself, served by the server over HTTPS to this supervisor's session.
    await supervisor!.getByRole('img', { name: 'Halaman 1 dari 1' }).waitFor({ timeout: 20_000 });
    await supervisor!.screenshot({ path: join(ARTIFACTS, 'team-supervisor-sees-proposal.png') });
    const acknowledge = review.getByRole('checkbox', { name: /Saya sudah memeriksa temuan di atas/ });
    if (await acknowledge.count()) await acknowledge.check();
    await review.getByLabel('Komentar keputusan').fill('Disetujui dari PC atasan.');
    await review.getByRole('button', { name: 'Setujui dan terbitkan' }).click();
    await supervisor!.getByText('Tidak ada usulan yang menunggu keputusan.').waitFor();

    // The server's pusher (woken by the approval) sends it; exactly one public dataset.
    const deadline = Date.now() + 30_000;
    // A dataset arrives private and goes public once its files are there: wait for that.
    const arrived = () => portal.datasetsForRecord(recordId).some((d) => !d.private);
    while (!arrived() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const datasets = portal.datasetsForRecord(recordId);
    assert.equal(datasets.length, 1, 'the record reaches the portal once');
    assert.equal(datasets[0]!.private, false);
    assert.match(datasets[0]!.title, /Rencana kerja dinas 2026/);
    // Both people's sessions are still their own.
    assert.match(await clerk!.getByTestId('session-user').innerText(), /Siti/);
    assert.match(await supervisor!.getByTestId('session-user').innerText(), /Andi/);
    assert.deepEqual(problems, [], 'no page errors in either browser');

    // The server goes away while the clerk is typing: her save says so, and what she typed stays.
    await clerk!.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Arsip' }).click();
    await clerk!.locator(`.tr[data-record-id="${recordId}"]`).click();
    await clerk!.getByTestId('detail-pane').getByRole('button', { name: 'Ubah metadata' }).click();
    const form = clerk!.getByRole('dialog', { name: /Ubah arsip/ });
    await form.getByLabel('Lokasi simpan').fill('Lemari arsip 2, rak atas');
    await ts.server.close();
    await form.getByRole('button', { name: 'Simpan', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'tidak dapat dihubungi' }).waitFor();
    assert.match(await form.getByRole('alert').filter({ hasText: 'tidak dapat dihubungi' }).innerText(), /belum tersimpan/);
    assert.equal(await form.getByLabel('Lokasi simpan').inputValue(), 'Lemari arsip 2, rak atas', 'the typed value is still in the form');
    await clerk!.screenshot({ path: join(ARTIFACTS, 'team-server-unreachable.png') });
    // IT restarts the service: she is still signed in, and the same press of Simpan now saves.
    await ts.restart();
    await form.getByRole('button', { name: 'Simpan', exact: true }).click();
    await form.waitFor({ state: 'hidden' });
    const after = await must<{ location: string | null }>(clerkApi.call('records.get', { id: recordId }));
    assert.equal(after.location, 'Lemari arsip 2, rak atas');
  } finally {
    for (const c of contexts) await c.close();
    await ts.close();
    await portal.close();
  }
});
