// The desktop app's audit anchor key (audit/anchor.ts): 32 random bytes sealed by the OS keychain
// through safeStorage, in the per-user key folder beside the anchors, never in the archive folder.
// Someone who can write the archive folder — or copy the key folder — still cannot sign a forged
// chain head without the user's keychain. Where the OS has no real keychain (Linux "basic_text"),
// null is returned and the backend uses the owner-only key file instead, as the browser shell does.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenCrypto } from './portal-token.ts';

export const SEALED_KEY_FILE = 'audit-anchor.key.sealed';

export async function loadSealedAuditKey(keyDir: string, crypto: TokenCrypto, platform: NodeJS.Platform = process.platform): Promise<Buffer | null> {
  if (!(await crypto.isAsyncEncryptionAvailable())) return null;
  if (platform === 'linux' && crypto.getSelectedStorageBackend) {
    const backend = crypto.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return null;
  }
  const file = join(keyDir, SEALED_KEY_FILE);
  try {
    const { result } = await crypto.decryptStringAsync(await readFile(file));
    const key = Buffer.from(result, 'base64');
    if (key.length >= 32) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null; // the keychain cannot open it: never replace a key silently
  }
  const key = randomBytes(32);
  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(await crypto.encryptStringAsync(key.toString('base64')));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  return key;
}
