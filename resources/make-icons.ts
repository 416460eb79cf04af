// Regenerates icon.png (512×512) and icon.ico from renderer/public/favicon.svg, so the installer and
// the window use the same mark as the web favicon. Dev-only: needs rsvg-convert (Debian
// librsvg2-bin); the generated files are committed, so building and testing never run this.
// Usage: node resources/make-icons.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const svg = join(here, '..', 'renderer', 'public', 'favicon.svg');

function render(size: number): Buffer {
  return execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), svg]);
}

// An ICO whose entries are PNGs (valid since Windows Vista; electron-builder needs a 256 entry).
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

writeFileSync(join(here, 'icon.png'), render(512));
writeFileSync(join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: render(size) }))));
console.log('wrote resources/icon.png and resources/icon.ico');
