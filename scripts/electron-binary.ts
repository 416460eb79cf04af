// Finds an Electron binary without triggering electron 45's lazy download (which fails offline):
// ELECTRON_OVERRIDE_DIST_PATH, or a binary the electron package already unpacked.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function findElectronBinary(root: string): string | null {
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override && existsSync(join(override, exe))) return join(override, exe);
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (existsSync(pathTxt)) {
    const candidate = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
