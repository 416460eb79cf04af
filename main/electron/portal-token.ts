// The Electron side of the portal token: one file in the user-data folder holding the token as
// encrypted by safeStorage (the OS keychain: DPAPI, Keychain, libsecret/kwallet), decrypted only to
// hand to the backend worker in memory. Never in the archive database, a backup, a log, the audit
// log or an export; never written in plain text. When the OS has no real keychain (Linux falls back
// to "basic_text", an obfuscation anyone on the PC can undo) the token is kept for this session only.
// The backend worker cannot call safeStorage, which is why this lives in the main process.
import { mkdir, rename, rm, readFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { Result } from '../../preload/contract.ts';
import type { Sender } from '../kernel/calls.ts';

/** The async half of safeStorage (Electron ≥ 38); getSelectedStorageBackend exists on Linux only. */
export type TokenCrypto = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export const TOKEN_FILE = 'portal-token.enc';

export type Stored = 'secure-storage' | 'session-only' | 'cleared';

export interface PortalTokenVault {
  /** The saved token, or null (none saved, or the keychain can no longer open it). */
  load(): Promise<string | null>;
  /** Keeps the token encrypted, or with null forgets it. 'session-only': no usable keychain, nothing written. */
  save(token: string | null): Promise<Stored>;
}

export function createPortalTokenVault(dir: string, crypto: TokenCrypto, platform: NodeJS.Platform = process.platform): PortalTokenVault {
  const file = join(dir, TOKEN_FILE);

  async function usable(): Promise<boolean> {
    if (!(await crypto.isAsyncEncryptionAvailable())) return false;
    if (platform === 'linux' && crypto.getSelectedStorageBackend) {
      const backend = crypto.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') return false;
    }
    return true;
  }

  async function write(token: string): Promise<void> {
    const sealed = await crypto.encryptStringAsync(token);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  }

  return {
    async load() {
      let sealed: Buffer;
      try {
        sealed = await readFile(file);
      } catch {
        return null;
      }
      if (!(await usable())) return null;
      try {
        const { result, shouldReEncrypt } = await crypto.decryptStringAsync(sealed);
        if (shouldReEncrypt) await write(result).catch(() => undefined);
        return result || null;
      } catch {
        // Another user's or another machine's keychain: the admin enters the token again.
        return null;
      }
    },
    async save(token) {
      if (token === null) {
        await rm(file, { force: true });
        return 'cleared';
      }
      if (!(await usable())) {
        // An old file must not outlive a token the admin has just replaced.
        await rm(file, { force: true });
        return 'session-only';
      }
      await write(token);
      return 'secure-storage';
    },
  };
}

interface BackendCalls {
  call(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>>;
}

/**
 * portal.saveToken in Electron: the backend checks it first (trusted sender, admin role, shape) and
 * holds the token in memory; only then is it sealed into the vault. If the keychain refuses, the
 * token still works until Berkas closes and the answer says so.
 */
export async function savePortalToken(vault: PortalTokenVault, backend: BackendCalls, input: unknown, sender: Sender): Promise<Result<unknown>> {
  const checked = await backend.call('portal.saveToken', input, sender);
  if (!checked.ok) return checked;
  const token = (input as { token: string | null }).token; // the router has parsed exactly this input
  try {
    return { ok: true, value: { stored: await vault.save(token) } };
  } catch {
    if (token !== null) return { ok: true, value: { stored: 'session-only' } };
    return {
      ok: false,
      error: {
        code: 'internal',
        message: {
          id: 'Token portal sudah dilupakan untuk sesi ini, tetapi berkas tersimpannya tidak dapat dihapus. Hapus portal-token.enc di folder data Berkas.',
          en: 'The portal token is forgotten for this session, but its saved file could not be removed. Delete portal-token.enc in the Berkas data folder.',
        },
      },
    };
  }
}
