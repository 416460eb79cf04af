// The document store: content-addressed by SHA-256 under store/ab/cd/<hash>. Bytes arrive in
// staging/ first (hashed while streaming, fsynced), then are renamed into place, and only then does
// the database commit the record that points at them. A crash at any point leaves either nothing,
// a staging leftover, or an orphan object — all garbage `verify --repair` may remove — never a
// record without its bytes. File names from outside are never used as paths.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import type { ArchiveLayout } from './layout.ts';

export interface StagedFile {
  stagedPath: string;
  sha256: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
}

const HEAD_BYTES = 4096;

export function objectPath(layout: ArchiveLayout, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return join(layout.store, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function fsyncPath(path: string, flags: 'r' | 'r+' = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Streams a file into staging while hashing it; the staged copy is fsynced before returning. */
export async function stageFile(
  layout: ArchiveLayout,
  source: string,
  options: { signal?: AbortSignal; onBytes?: (n: number) => void } = {},
): Promise<StagedFile> {
  const stagedPath = join(layout.staging, `${randomBytes(12).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), tap, createWriteStream(stagedPath, { flags: 'wx', mode: PRIVATE_FILE_MODE }), {
      signal: options.signal,
    });
    await fsyncPath(stagedPath, 'r+');
  } catch (error) {
    await rm(stagedPath, { force: true });
    throw error;
  }
  return { stagedPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
}

/** Moves a staged file to its content address (durably). If the object is already there (a crash
 *  after a previous rename), the staged copy is simply dropped. */
export async function commitToStore(layout: ArchiveLayout, staged: StagedFile): Promise<string> {
  const target = objectPath(layout, staged.sha256);
  await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  if (existsSync(target)) {
    await unlink(staged.stagedPath);
    return target;
  }
  await rename(staged.stagedPath, target);
  await fsyncPath(dirname(target));
  return target;
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await rm(staged.stagedPath, { force: true });
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

/** Removes an object's bytes (destruction). Missing is fine: the outcome is the same. */
export async function removeObject(layout: ArchiveLayout, sha256: string): Promise<void> {
  await rm(objectPath(layout, sha256), { force: true });
}

/** Every object file in the store, by hash (used by verify to find orphans). */
export async function listObjects(layout: ArchiveLayout): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!existsSync(layout.store)) return found;
  for (const a of await readdir(layout.store)) {
    const dirA = join(layout.store, a);
    if (!(await stat(dirA)).isDirectory()) continue;
    for (const b of await readdir(dirA)) {
      const dirB = join(dirA, b);
      if (!(await stat(dirB)).isDirectory()) continue;
      for (const name of await readdir(dirB)) found.set(name, join(dirB, name));
    }
  }
  return found;
}

export async function listStaging(layout: ArchiveLayout): Promise<string[]> {
  if (!existsSync(layout.staging)) return [];
  return (await readdir(layout.staging)).map((name) => join(layout.staging, name));
}
