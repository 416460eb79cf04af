// The records list as a user meets it, at archive scale: the browser shell on the synthetic
// archive and Debian's Chromium, timing (1) from opening the app to the first rows painted,
// (2) a sort by date from the click to the re-sorted first row, (3) a jump to the last row.
// Baseline in the same run: the same page rendered from an empty archive (the app's own start-up).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { startBrowserShell, type BrowserShell } from '../main/browser-shell/server.ts';
import { median } from './stats.ts';

export interface UiListSection {
  records: number;
  firstRowsMs: number;
  emptyArchiveFirstPaintMs: number;
  sortByDateMs: number;
  scrollToLastMs: number;
  runs: number;
}

const ADMIN = { name: 'bench', displayName: 'Bench', password: 'bench-password-1', roles: ['staff', 'supervisor', 'admin'] };

async function invoke(shell: BrowserShell, channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${shell.origin}/api/invoke/${channel}`, { method: 'POST', headers: { 'x-berkas-token': shell.token, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return response.json();
}

async function login(shell: BrowserShell): Promise<void> {
  const status = (await invoke(shell, 'accounts.status', {})) as { value: { needsSetup: boolean } };
  if (status.value.needsSetup) await invoke(shell, 'accounts.setup', ADMIN);
  else await invoke(shell, 'accounts.login', { name: ADMIN.name, password: ADMIN.password });
}

export async function benchUiList(archiveDir: string, records: number, runs = 3): Promise<UiListSection> {
  const browser = await chromium.launch({ executablePath: process.env.BERKAS_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const firstRows: number[] = [];
  const sorts: number[] = [];
  const scrolls: number[] = [];
  const empties: number[] = [];
  const emptyDir = mkdtempSync(join(tmpdir(), 'berkas-bench-empty-'));
  try {
    // The archive is opened read-write by the shell; the bench never edits it.
    const shell = await startBrowserShell({ archiveDir });
    const empty = await startBrowserShell({ archiveDir: emptyDir });
    try {
      await login(shell);
      await login(empty);
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
        let t = performance.now();
        await page.goto(empty.startUrl()); // a start code works once: a new one for each new page
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        empties.push(performance.now() - t);
        t = performance.now();
        await page.goto(shell.startUrl());
        await page.locator('.tr[data-record-id]').first().waitFor({ timeout: 60_000 });
        firstRows.push(performance.now() - t);
        const before = await page.locator('.tr[aria-rowindex="2"]').getAttribute('data-record-id');
        t = performance.now();
        await page.getByRole('button', { name: 'Tanggal' }).click();
        await page.waitForFunction((prev) => {
          const row = document.querySelector('.tr[aria-rowindex="2"]');
          return row?.getAttribute('data-record-id') && row.getAttribute('data-record-id') !== prev;
        }, before, { timeout: 60_000 });
        sorts.push(performance.now() - t);
        t = performance.now();
        await page.getByTestId('records-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
        await page.locator(`.tr[aria-rowindex="${records + 1}"][data-record-id]`).waitFor({ timeout: 60_000 });
        scrolls.push(performance.now() - t);
        await page.close();
      }
    } finally {
      await shell.close();
      await empty.close();
    }
  } finally {
    await browser.close();
    rmSync(emptyDir, { recursive: true, force: true });
  }
  return {
    records,
    firstRowsMs: median(firstRows),
    emptyArchiveFirstPaintMs: median(empties),
    sortByDateMs: median(sorts),
    scrollToLastMs: median(scrolls),
    runs,
  };
}
