// npm test: typecheck, lint, build, then every test (Node services, Playwright UI in Debian
// Chromium over the browser shell, Electron smoke where a binary exists) in one node --test run,
// so the closing summary counts all of them.
import { execSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (title: string, command: string) => {
  console.log(`\n== ${title}: ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit' });
};

try {
  run('typecheck', 'npm run -s typecheck');
  run('lint', 'npm run -s lint');
  run('build', 'npx electron-vite build --logLevel warn');
  run('tests', 'node --test --test-concurrency=2 --test-reporter=spec "tests/**/*.test.ts"');
} catch {
  process.exit(1);
}
