// The document store: content-addressed by SHA-256 under store/ab/cd/<hash>. Bytes arrive in
// staging/ first (hashed while streaming, fsynced), then are renamed into place, and only then does
// the database commit the record that points at them. A crash at any point leaves either nothing,
// a staging leftover, or an orphan object — all garbage `verify --repair` may remove — never a
// record without its bytes. File names from outside are never used as paths.
// The one module that knows the store's layout and how its bytes are proven: backup and restore
// copy objects between the live store and a backup generation's store through it too.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import type { ArchiveLayout } from './layout.ts';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface StagedFile {
  stagedPath: string;
  sha256: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
}

const HEAD_BYTES = 4096;
/** Files up to this size are staged with one read and one write instead of a stream. */
const WHOLE_FILE_BYTES = 4 * 1024 * 1024;

/** Where an object lives in an archive's store, or in any store folder laid out the same way (a
 *  backup generation's store/, a restore being staged). */
export function objectPath(store: Pick<ArchiveLayout, 'store'> | string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  const dir = typeof store === 'string' ? store : store.store;
  return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function fsyncPath(path: string, flags: 'r' | 'r+' = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a written file durable before anything points at it. */
export async function fsyncFile(path: string): Promise<void> {
  await fsyncPath(path, 'r+');
}

/** A pass-through that hashes and counts the bytes going by (and hands each chunk to `onChunk`). */
function hashingTap(hash: Hash, onChunk: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      onChunk(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Streams a file into staging while hashing it. The staged copy is fsynced before returning unless
 * `durable` is false: then the caller makes it durable with the rest of its batch
 * (commitBatchToStore) before anything may point at it.
 */
export async function stageFile(
  layout: ArchiveLayout,
  source: string,
  options: { signal?: AbortSignal; onBytes?: (n: number) => void; durable?: boolean; sizeHint?: number } = {},
): Promise<StagedFile> {
  const stagedPath = join(layout.staging, `${randomBytes(12).toString('hex')}.part`);
  if (options.sizeHint !== undefined && options.sizeHint <= WHOLE_FILE_BYTES) {
    // A small file in one read and one write: a stream's buffers and callbacks cost more than its bytes.
    try {
      const bytes = await readFile(source, { signal: options.signal });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await writeFile(stagedPath, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE, signal: options.signal });
      if (options.durable !== false) await fsyncFile(stagedPath);
      options.onBytes?.(bytes.length);
      return { stagedPath, sha256, size: bytes.length, head: Buffer.from(bytes.subarray(0, HEAD_BYTES)) };
    } catch (error) {
      await rm(stagedPath, { force: true });
      throw error;
    }
  }
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const tap = hashingTap(hash, (chunk) => {
    size += chunk.length;
    if (headLength < HEAD_BYTES) {
      headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
    options.onBytes?.(chunk.length);
  });
  try {
    await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), tap, createWriteStream(stagedPath, { flags: 'wx', mode: PRIVATE_FILE_MODE }), {
      signal: options.signal,
    });
    if (options.durable !== false) await fsyncFile(stagedPath);
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

/**
 * Group commit of a batch of staged files (import). Each staged file is renamed to its content
 * address first; then every object and every directory that gained an entry (and the parent of
 * each directory created for it) is fsynced, all at once — the file system's journal folds the
 * metadata of the whole batch into one commit instead of one per file. Only after this returns may
 * the database commit records pointing at these objects. A crash before that leaves staging
 * leftovers or orphan objects, possibly with lost bytes since they were not yet synced — so an
 * object already at its address is trusted only if its bytes still hash to its name, and replaced
 * otherwise. Never a record without its bytes.
 */
export async function commitBatchToStore(layout: ArchiveLayout, batch: readonly StagedFile[]): Promise<void> {
  const dirs = new Set<string>();
  const objects: string[] = [];
  for (const staged of batch) {
    const target = objectPath(layout, staged.sha256);
    const created = await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    // A folder created here is itself an entry of its parent: every level from the object's
    // folder up to the parent of the first one created must reach the disk.
    if (created) for (let d = dirname(target); d.length >= layout.store.length; d = dirname(d)) {
      dirs.add(d);
      if (d === dirname(created)) break;
    }
    objects.push(target);
    if (existsSync(target) && (await hashFile(target).catch(() => null)) === staged.sha256) {
      await unlink(staged.stagedPath);
      continue;
    }
    await rename(staged.stagedPath, target);
    dirs.add(dirname(target));
  }
  await Promise.all([...objects.map((path) => fsyncFile(path)), ...[...dirs].map((dir) => fsyncPath(dir))]);
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await rm(staged.stagedPath, { force: true });
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

/** Copies src to a new file dest (never over one), returning the SHA-256 and size of the bytes
 *  written; dest is fsynced before this returns. The caller compares the hash with what it expects. */
export async function copyHashed(src: string, dest: string): Promise<{ sha256: string; size: number }> {
  await mkdir(dirname(dest), { recursive: true, mode: PRIVATE_DIR_MODE });
  const hash = createHash('sha256');
  let size = 0;
  const tap = hashingTap(hash, (chunk) => (size += chunk.length));
  await pipeline(createReadStream(src, { highWaterMark: 1 << 20 }), tap, createWriteStream(dest, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
  await fsyncFile(dest);
  return { sha256: hash.digest('hex'), size };
}

/** Removes an object's bytes (destruction). Missing is fine: the outcome is the same. */
export async function removeObject(layout: ArchiveLayout, sha256: string): Promise<void> {
  await rm(objectPath(layout, sha256), { force: true });
}

/** The files two folder levels down in a store folder (store/ab/cd/…), whatever their names; a
 *  missing folder at any level holds nothing. */
async function storeFiles(storeDir: string): Promise<Array<{ a: string; b: string; name: string; path: string }>> {
  const dirs = async (dir: string) => {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  const found: Array<{ a: string; b: string; name: string; path: string }> = [];
  for (const a of await dirs(storeDir)) {
    if (!a.isDirectory()) continue;
    for (const b of await dirs(join(storeDir, a.name))) {
      if (!b.isDirectory()) continue;
      const dir = join(storeDir, a.name, b.name);
      for (const entry of await dirs(dir)) {
        if (!entry.isDirectory()) found.push({ a: a.name, b: b.name, name: entry.name, path: join(dir, entry.name) });
      }
    }
  }
  return found;
}

/** Every file in the store, by name (verify lists the ones no document references as garbage). */
export async function listObjects(layout: ArchiveLayout): Promise<Map<string, string>> {
  return new Map((await storeFiles(layout.store)).map((f) => [f.name, f.path] as const));
}

/** Every well-formed object in a store folder (a file named by its hash at the right place), by hash. */
export async function listStoreObjects(storeDir: string): Promise<Array<{ sha256: string; size: number }>> {
  const found: Array<{ sha256: string; size: number }> = [];
  for (const f of await storeFiles(storeDir)) {
    if (!SHA256_HEX.test(f.name) || !f.name.startsWith(f.a + f.b)) continue;
    const info = await stat(f.path);
    if (info.isFile()) found.push({ sha256: f.name, size: info.size });
  }
  return found.sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1));
}

export async function listStaging(layout: ArchiveLayout): Promise<string[]> {
  if (!existsSync(layout.staging)) return [];
  return (await readdir(layout.staging)).map((name) => join(layout.staging, name));
}
