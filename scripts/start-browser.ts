// npm run start:browser -- --archive DIR [--port N] [--no-open]
// Builds the renderer when it has not been built yet, then starts the browser shell.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBrowserShell } from '../main/browser-shell/cli.ts';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('Building the renderer first (npm run build)…');
  execSync('npx electron-vite build', { cwd: root, stdio: ['ignore', 2, 2] });
}
await runBrowserShell(process.argv.slice(2));
