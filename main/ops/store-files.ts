// File helpers that backup and restore share: where a content-addressed object lives, hashing a
// file without loading it whole, and copying a file while proving its bytes (hash on the way
// through, fsync before it counts). Async on purpose: a backup of gigabytes must not stall the
// process that hosts it.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../kernel/private-files.ts';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** store/ab/cd/abcd… — the layout main/archive/layout.ts describes. */
export function objectPath(storeDir: string, sha256: string): string {
  return join(storeDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Copies src to dest, returning the SHA-256 and size of the bytes written; fsyncs dest. */
export async function copyHashed(src: string, dest: string): Promise<{ sha256: string; size: number }> {
  await mkdir(dirname(dest), { recursive: true, mode: PRIVATE_DIR_MODE });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(src), tap, createWriteStream(dest, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
  await fsyncFile(dest);
  return { sha256: hash.digest('hex'), size };
}

/** Every well-formed object in a store folder (files named by their hash at the right place). */
export async function listStoreObjects(storeDir: string): Promise<Array<{ sha256: string; size: number }>> {
  const found: Array<{ sha256: string; size: number }> = [];
  const level = async (dir: string): Promise<string[]> => {
    try {
      return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  for (const a of await level(storeDir)) {
    for (const b of await level(join(storeDir, a))) {
      const dir = join(storeDir, a, b);
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isFile() || !SHA256_HEX.test(entry.name) || !entry.name.startsWith(a + b)) continue;
        found.push({ sha256: entry.name, size: (await stat(join(dir, entry.name))).size });
      }
    }
  }
  return found.sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1));
}
