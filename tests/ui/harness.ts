// Playwright over the browser shell: a fresh archive folder and a fresh shell per test, Debian's
// Chromium driven by playwright with executablePath (never a downloaded browser).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';

export const ARTIFACTS = join(ROOT, 'test-artifacts', 'screenshots');

export const CHROMIUM = process.env.BERKAS_CHROMIUM ?? '/usr/bin/chromium';

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  if (browser) return browser;
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set BERKAS_CHROMIUM)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export interface Session {
  shell: BrowserShell;
  context: BrowserContext;
  page: Page;
  archiveDir: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openSession(options: { archiveDir?: string; viewport?: { width: number; height: number } } = {}): Promise<Session> {
  const archiveDir = options.archiveDir ?? join(tempDir('berkas-ui-'), 'archive');
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('renderer not built: run npm run build first');
  const shell = await startBrowserShell({ archiveDir });
  const b = await launchBrowser();
  const context = await b.newContext({ viewport: options.viewport ?? { width: 1360, height: 860 }, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(shell.url);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    shell,
    context,
    page,
    archiveDir,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await context.close();
      await shell.close();
      if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    },
  };
}
