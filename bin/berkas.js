#!/usr/bin/env node
// `npx berkas …` after `npm run build`: runs the bundled CLI (out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundled))) {
  console.error('berkas: the CLI is not built yet. Run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(bundled.href);
process.exitCode = await main(process.argv.slice(2));
