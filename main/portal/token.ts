// Where the portal's API token comes from: the BERKAS_PORTAL_TOKEN environment variable or an
// owner-only file (browser shell and CLI), or the OS keychain through Electron safeStorage (glue
// in main/electron/, plugged in as a TokenSource). This module never writes the token anywhere,
// never logs it, and never puts it in an error message; redact() scrubs it from other texts.
import { readFileSync, statSync } from 'node:fs';
import { appError } from '../errors.ts';

export const TOKEN_ENV = 'BERKAS_PORTAL_TOKEN';

export interface TokenSource {
  /** Where the token comes from, for messages ("environment variable BERKAS_PORTAL_TOKEN"). Never the token. */
  readonly description: string;
  /** The token, or null when this source has none. Throws AppError when the source is unsafe. */
  getToken(): Promise<string | null>;
}

/** Header values must be visible ASCII: a newline in a token would be a header-injection bug. */
function checkShape(token: string, where: string): string {
  if (!/^[\x21-\x7e]{8,4096}$/.test(token)) {
    throw appError(
      'validation',
      `Token portal dari ${where} tidak sah: harus satu baris karakter ASCII tanpa spasi (minimal 8).`,
      `The portal token from ${where} is malformed: it must be one line of ASCII without spaces (8 characters or more).`,
    );
  }
  return token;
}

export function envTokenSource(env: NodeJS.ProcessEnv = process.env, name = TOKEN_ENV): TokenSource {
  const description = `environment variable ${name}`;
  return {
    description,
    async getToken() {
      const value = env[name]?.trim();
      return value ? checkShape(value, description) : null;
    },
  };
}

/**
 * Refuses a token file that anyone but its owner can read or write (POSIX), or that another user
 * owns: a token readable by the group is a token every colleague on the PC can publish with.
 */
export function checkOwnerOnly(path: string): void {
  let info;
  try {
    info = statSync(path);
  } catch {
    throw appError('not-found', `Berkas token portal ${path} tidak ditemukan.`, `The portal token file ${path} was not found.`);
  }
  if (!info.isFile()) {
    throw appError('validation', `${path} bukan berkas biasa.`, `${path} is not a regular file.`);
  }
  if (process.platform === 'win32') return; // NTFS ACLs are not mode bits; the user profile folder is private by default
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    throw appError(
      'validation',
      `Berkas token ${path} dapat dibaca pengguna lain (mode ${mode}). Jalankan: chmod 600 ${path}`,
      `The token file ${path} is readable by other users (mode ${mode}). Run: chmod 600 ${path}`,
      { path, mode },
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw appError(
      'validation',
      `Berkas token ${path} dimiliki pengguna lain (uid ${info.uid}); pakai berkas milik Anda sendiri.`,
      `The token file ${path} belongs to another user (uid ${info.uid}); use a file you own.`,
      { path, uid: info.uid },
    );
  }
}

export function fileTokenSource(path: string): TokenSource {
  const description = `file ${path}`;
  return {
    description,
    async getToken() {
      checkOwnerOnly(path);
      const value = readFileSync(path, 'utf8').trim();
      if (!value) {
        throw appError('validation', `Berkas token ${path} kosong.`, `The token file ${path} is empty.`);
      }
      return checkShape(value, description);
    },
  };
}

/** The first source that has a token wins (env before file, keychain before both in Electron). */
export function firstTokenSource(...sources: TokenSource[]): TokenSource {
  return {
    description: sources.map((s) => s.description).join(' / ') || 'none',
    async getToken() {
      for (const source of sources) {
        const token = await source.getToken();
        if (token) return token;
      }
      return null;
    },
  };
}

/** The sources the CLI and the browser shell use: env var first, then the configured file. */
export function defaultTokenSource(tokenFile: string | null, env: NodeJS.ProcessEnv = process.env): TokenSource {
  const sources = [envTokenSource(env)];
  if (tokenFile) sources.push(fileTokenSource(tokenFile));
  return firstTokenSource(...sources);
}

/**
 * Replaces every occurrence of each secret (and its URL-encoded and base64 forms, which a proxy
 * might echo) with a marker. Also masks whatever follows an Authorization-like header name.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  // Header-looking text first (a proxy echoing request headers), then the known secrets anywhere.
  let out = text.replace(/\b(authorization|x-ckan-api-key|x-ckan-api-token|api[_-]?key|apitoken)(["']?\s*[:=]\s*["']?)[^\s"',;}<]+/gi, '$1$2[disembunyikan]');
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])) {
      out = out.split(form).join('[token disembunyikan]');
    }
  }
  return out;
}
