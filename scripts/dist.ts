// npm run dist: checks electron-builder.yml (a release refuses to build without publisherName),
// builds with electron-vite, then packages with electron-builder against an Electron binary that is
// already on this machine (electronDist), because the packager's own download needs GitHub.
// Usage: npm run dist -- [--dir] [--win|--linux|--mac] [--release] [--electron-dist DIR] [-c.key=value …]
//   --dir            an unpacked app only (works offline with a real unpacked Electron)
//   --release        a release build (same as BERKAS_RELEASE=1): signing checks become errors
//   --electron-dist  the unpacked Electron for the target platform (default: the one found here)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkPackagedUpdateConfig, checkReleaseConfig, configOverrides, releaseRequested } from './check-release-config.ts';
import { findElectronBinary } from './electron-binary.ts';

const root = join(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const release = releaseRequested(argv, process.env);
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// 1. The configuration, before spending minutes on a build that must not ship.
const check = checkReleaseConfig(readFileSync(join(root, 'electron-builder.yml'), 'utf8'), { release, overrides: configOverrides(argv) });
for (const w of check.warnings) console.error(`warning: ${w}`);
if (!check.ok) fail(check.problems.map((p) => `error: ${p}`).join('\n'));

// 2. The Electron to package. electron.exe for Windows targets, electron for Linux, Electron.app for mac.
const distFlag = argv.indexOf('--electron-dist');
let electronDist: string | null = distFlag >= 0 && argv[distFlag + 1] ? resolve(argv[distFlag + 1]!) : null;
if (!electronDist) {
  const binary = findElectronBinary(root);
  if (binary) electronDist = process.platform === 'darwin' ? resolve(binary, '..', '..', '..', '..') : dirname(binary);
}
if (!electronDist || !existsSync(electronDist)) {
  fail(
    `Cannot package Berkas: no Electron binary was found on this machine, and electron-builder would try to download Electron ${electronVersion} from GitHub. ` +
      `Unpack Electron ${electronVersion} for the target platform (the folder that holds electron, electron.exe or Electron.app) and either set ` +
      `ELECTRON_OVERRIDE_DIST_PATH to that folder or pass --electron-dist DIR; this script then hands it to electron-builder as ` +
      `-c.electronDist=<dir> (the "electronDist" option) with npmRebuild off, so nothing is fetched for Electron itself. ` +
      `\`npm run dist -- --dir\` then produces the unpacked app offline; the installers (NSIS, AppImage, deb) also need electron-builder's ` +
      `packaging tools, which it downloads from GitHub unless ELECTRON_BUILDER_BINARIES_MIRROR points at a mirror or its cache already has them. ` +
      `A Windows installer built elsewhere needs the Windows Electron (electron.exe) as --electron-dist.`,
  );
}

// 3. Build, then package.
execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
const passThrough = argv.filter((arg, i) => arg !== '--release' && arg !== '--electron-dist' && argv[i - 1] !== '--electron-dist');
const builderArgs = ['electron-builder', '--config', 'electron-builder.yml', ...passThrough, `-c.electronDist=${electronDist}`, `-c.electronVersion=${electronVersion}`];
if (!argv.some((a) => a.startsWith('--publish') || a === '-p')) builderArgs.push('--publish', 'never');
console.error(`> npx ${builderArgs.join(' ')}`);
execFileSync('npx', builderArgs, { cwd: root, stdio: 'inherit' });

// 4. What actually ships: a Windows build's app-update.yml must name the publisher on a release.
const appUpdate = join(root, 'dist', 'win-unpacked', 'resources', 'app-update.yml');
if (existsSync(appUpdate)) {
  const shipped = checkPackagedUpdateConfig(readFileSync(appUpdate, 'utf8'), { release });
  for (const w of shipped.warnings) console.error(`warning: ${w}`);
  if (!shipped.ok) fail(shipped.problems.map((p) => `error: ${p}`).join('\n'));
}
console.error('Packages are in dist/.');
