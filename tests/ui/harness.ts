// Playwright over the browser shell: a fresh archive folder and a fresh shell per test, Debian's
// Chromium driven by playwright with executablePath (never a downloaded browser).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright';
import type { Role } from '../../preload/contract.ts';
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
  /** Calls a channel through the shell's API as the backend's current session. */
  invoke<T = unknown>(channel: string, input?: unknown): Promise<T>;
  /** Creates a user as the admin (the admin stays logged in). */
  addUser(name: string, roles: Role[], password?: string): Promise<void>;
  /** Logs the backend's one session in as this user and reloads the page. */
  loginAs(name: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

/** The admin every UI test starts as (created by the first-run setup), holding all three roles. */
export const UI_ADMIN = { name: 'admin', displayName: 'Admin Uji', password: 'sandi-admin-uji-1' } as const;
export const uiPassword = (name: string) => `sandi-${name}-uji`;

async function invokeShell<T>(shell: BrowserShell, channel: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${shell.origin}/api/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-berkas-token': shell.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: { en: string } } };
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} — ${result.error.message.en}`);
  return result.value;
}

/** First run: creates the admin with all roles; afterwards logs in as that admin. */
async function loginAdmin(shell: BrowserShell): Promise<void> {
  const status = await invokeShell<{ needsSetup: boolean }>(shell, 'accounts.status');
  if (status.needsSetup) await invokeShell(shell, 'accounts.setup', { ...UI_ADMIN, roles: ['staff', 'supervisor', 'admin'] });
  else await invokeShell(shell, 'accounts.login', { name: UI_ADMIN.name, password: UI_ADMIN.password });
}

/** `login: false` leaves the backend without a session (for tests of the first-run and login screens). */
/** `pick` answers the host's file dialog as the person would (paths they chose); without it the shell has none. */
export async function openSession(options: { archiveDir?: string; viewport?: { width: number; height: number }; login?: boolean; pick?: (kind: 'files' | 'folder') => Promise<string[]> } = {}): Promise<Session> {
  const archiveDir = options.archiveDir ?? join(tempDir('berkas-ui-'), 'archive');
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('renderer not built: run npm run build first');
  const shell = await startBrowserShell({ archiveDir, pick: options.pick });
  const b = await launchBrowser();
  const context = await b.newContext({ viewport: options.viewport ?? { width: 1360, height: 860 }, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  if (options.login !== false) await loginAdmin(shell);
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
    invoke: (channel, input) => invokeShell(shell, channel, input),
    async addUser(name, roles, password = uiPassword(name)) {
      await loginAdmin(shell);
      await invokeShell(shell, 'accounts.create', { name, displayName: name, password, roles });
    },
    async loginAs(name, password = name === UI_ADMIN.name ? UI_ADMIN.password : uiPassword(name)) {
      await invokeShell(shell, 'accounts.login', { name, password });
      await page.reload();
    },
    async close() {
      await context.close();
      await shell.close();
      if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    },
  };
}

/** How many elements `locator` matches once the screen has settled on `expected` (or, after
 *  `timeoutMs`, how many it matches then). Lists load after their heading, so a bare count() right
 *  after navigation reads a half-drawn screen; assert on what this returns. */
export async function countOnceSettled(locator: Locator, expected: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await locator.count();
    if (n === expected || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
}
