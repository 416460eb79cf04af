// `npm run start:browser -- --archive DIR [--port N] [--no-open]`
// Prints exactly one line with the address (token included) and, unless --no-open, opens it in
// Chromium's app mode or the system browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../errors.ts';
import { resolveFromProcess } from '../host/location.ts';
import { startBrowserShell } from './server.ts';

export async function runBrowserShell(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      archive: { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
      'no-backups': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535 (0 picks a free port), not "${values.port}"`);
    process.exit(2);
  }
  const archiveDir = values.archive ?? resolveFromProcess();
  let shell;
  try {
    shell = await startBrowserShell({ archiveDir, port, scheduleBackups: !values['no-backups'] });
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.messages.id);
      console.error(error.messages.en);
      process.exit(1);
    }
    throw error;
  }
  // The address holds a one-time start code, never the token: it is on Chromium's command line
  // and in this terminal, where other local users and the scrollback can read it.
  console.log(`Berkas browser shell: ${shell.url}`);
  if (!values['no-open']) openBrowser(shell.url);
  if (process.stdin.isTTY) {
    console.log('Tekan Enter untuk membuka jendela baru / press Enter to open a new window.');
    process.stdin.on('data', () => {
      const next = shell.startUrl();
      console.log(`Berkas browser shell: ${next}`);
      if (!values['no-open']) openBrowser(next);
    });
  }
  const stop = () => void shell.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function openBrowser(url: string): void {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  const [command, args] = chromium
    ? [chromium, [`--app=${url}`, '--no-first-run', '--disable-background-networking']]
    : process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`Could not open a browser; open the address above yourself.`));
  child.unref();
}
