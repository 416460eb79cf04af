// npm start: builds, then starts the Electron app; without an Electron binary it says so in one
// sentence and starts the browser shell instead (same renderer, same services).
import { execSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
execSync('npx electron-vite build', { cwd: root, stdio: ['ignore', 2, 2] });
const electron = findElectronBinary(root);
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error(
    'The Electron binary is not installed here (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to use the desktop window), so Berkas starts in the browser shell instead.',
  );
  const { runBrowserShell } = await import('../main/browser-shell/cli.ts');
  await runBrowserShell(args);
}
