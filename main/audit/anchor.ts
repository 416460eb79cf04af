// The audit chain's anchor outside the database. The hash chain alone shows an edited or deleted
// row in the middle, but not the newest rows removed, nor the whole table rewritten with freshly
// computed hashes. So the head of the chain (last id and hash) is kept, signed with an HMAC key,
// outside the archive folder: in the per-user key folder (owner-only key file for the browser
// shell and the CLI; the desktop app hands in a key sealed by the OS keychain). verify compares
// the database with it; every backup carries the signed head, and so does the log.
// This module owns the key folder's anchor files. It never moves an anchor backwards (a head it
// cannot find in the database is evidence, kept until an admin restores or re-anchors), and never
// stops the archive from opening when the key folder cannot be used: verify then says so.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Db } from '../db/connection.ts';
import { chainHead, entryHashAt, verifyAuditChain, type ChainBreak } from './log.ts';
import { PRIVATE_FILE_MODE, privateDirSync, privateFilesSync } from '../kernel/private-files.ts';

export interface SignedHead {
  /** The last audit entry's id and hash when the head was signed. */
  id: number;
  hash: string;
  at: string;
  /** Which key signed it (the first 16 hex digits of its SHA-256), so a reader knows whether it can check. */
  keyId: string;
  mac: string;
}

export type AnchorProblem = 'truncated' | 'rewritten' | 'forged-anchor';

export interface AnchorCheck {
  /** ok: the anchored head is in the chain; unanchored: no head kept for this archive here yet. */
  state: 'ok' | 'unanchored' | 'unavailable' | AnchorProblem;
  anchored: SignedHead | null;
  message: { id: string; en: string } | null;
}

const KEY_FILE = 'audit-anchor.key';

/** The per-user folder for keys and anchors, never inside an archive: BERKAS_KEY_DIR, or beside the
 *  per-user data folder. */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BERKAS_KEY_DIR) return resolve(env.BERKAS_KEY_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Berkas-keys');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Berkas-keys');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'berkas-keys');
}

/** The owner-only key file of the browser shell and the CLI: made on first use (32 random bytes). */
export function loadKeyFile(keyDir: string): Buffer {
  privateDirSync(keyDir);
  const file = join(keyDir, KEY_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
    }
  }
  privateFilesSync(file);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`the audit key file ${file} is damaged`);
  return key;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function macOf(key: Buffer, id: number, hash: string, at: string): string {
  return createHmac('sha256', key).update(`berkas-audit-head\n${id}\n${hash}\n${at}`).digest('hex');
}

export function signHead(key: Buffer, id: number, hash: string, at = new Date().toISOString()): SignedHead {
  return { id, hash, at, keyId: keyIdOf(key), mac: macOf(key, id, hash, at) };
}

/** True when `head` was signed with `key`; null when another key signed it (cannot tell). */
export function headSignedBy(key: Buffer, head: SignedHead): boolean | null {
  if (head.keyId !== keyIdOf(key)) return null;
  const want = Buffer.from(macOf(key, head.id, head.hash, head.at), 'hex');
  const got = Buffer.from(head.mac, 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Does the chain in `db` still hold the signed head? (Used for the live archive and for backups.) */
export function checkHead(db: Db, head: SignedHead, key: Buffer | null): AnchorCheck {
  const signed = key ? headSignedBy(key, head) : null;
  if (signed === false) {
    return {
      state: 'forged-anchor',
      anchored: head,
      message: { id: 'Kepala rantai audit yang tersimpan tidak bertanda tangan sah: seseorang mengubahnya.', en: 'The stored head of the audit chain has no valid signature: someone changed it.' },
    };
  }
  const hash = entryHashAt(db, head.id);
  if (hash === undefined) {
    const last = chainHead(db);
    return {
      state: 'truncated',
      anchored: head,
      message: {
        id: `Entri audit terbaru hilang: rantai berakhir di entri ${last?.id ?? 0}, padahal entri ${head.id} sudah tercatat (${head.at}).`,
        en: `The newest audit entries are missing: the chain ends at entry ${last?.id ?? 0}, but entry ${head.id} had been written (${head.at}).`,
      },
    };
  }
  if (hash !== head.hash) {
    return {
      state: 'rewritten',
      anchored: head,
      message: {
        id: `Rantai audit ditulis ulang: entri ${head.id} tidak lagi sama dengan yang ditandatangani pada ${head.at}.`,
        en: `The audit chain was rewritten: entry ${head.id} is no longer the one signed at ${head.at}.`,
      },
    };
  }
  return { state: 'ok', anchored: head, message: null };
}

export class AuditAnchor {
  readonly #db: Db;
  readonly #file: string | null;
  readonly #key: Buffer | null;
  readonly #unavailable: string | null;
  readonly #onSigned: ((head: SignedHead) => void) | undefined;

  constructor(db: Db, archiveDir: string, options: { key?: Buffer; keyDir?: string; onSigned?: (head: SignedHead) => void } = {}) {
    this.#db = db;
    this.#onSigned = options.onSigned;
    let file: string | null = null;
    let key: Buffer | null = null;
    let unavailable: string | null = null;
    try {
      const keyDir = options.keyDir ?? defaultKeyDir();
      key = options.key ?? loadKeyFile(keyDir);
      const anchors = join(keyDir, 'anchors');
      privateDirSync(anchors);
      const archive = createHash('sha256').update(realpathSync(archiveDir)).digest('hex').slice(0, 32);
      file = join(anchors, `${archive}.json`);
    } catch (error) {
      unavailable = error instanceof Error ? error.message : String(error);
    }
    this.#file = file;
    this.#key = key;
    this.#unavailable = unavailable;
  }

  #read(): SignedHead | null {
    if (!this.#file || !existsSync(this.#file)) return null;
    try {
      return (JSON.parse(readFileSync(this.#file, 'utf8')) as { head: SignedHead }).head;
    } catch {
      return { id: Number.MAX_SAFE_INTEGER, hash: '', at: '', keyId: this.#key ? keyIdOf(this.#key) : '', mac: '' };
    }
  }

  check(): AnchorCheck {
    if (this.#unavailable) {
      return {
        state: 'unavailable',
        anchored: null,
        message: { id: `Kunci jangkar audit tidak dapat dipakai: ${this.#unavailable}`, en: `The audit anchor key cannot be used: ${this.#unavailable}` },
      };
    }
    const head = this.#read();
    if (!head) return { state: 'unanchored', anchored: null, message: null };
    return checkHead(this.#db, head, this.#key);
  }

  /** The current head, signed (for backups and the log); null when there is no key or no entry. */
  signedHead(): SignedHead | null {
    const head = chainHead(this.#db);
    return head && this.#key ? signHead(this.#key, head.id, head.hash) : null;
  }

  /** Moves the anchor up to the chain's current head — never backwards, never over evidence. */
  advance(): void {
    if (!this.#file || !this.#key || !this.#db.open) return;
    const head = chainHead(this.#db);
    if (!head) return;
    const now = this.check();
    if (now.state !== 'ok' && now.state !== 'unanchored') return;
    if (now.anchored && now.anchored.id >= head.id) return;
    this.#write(signHead(this.#key, head.id, head.hash));
  }

  /** After a restore: the restored chain is the truth now (the restore is itself in the audit log). */
  reanchor(): void {
    if (!this.#file || !this.#key) return;
    const head = chainHead(this.#db);
    if (head) this.#write(signHead(this.#key, head.id, head.hash));
  }

  #write(head: SignedHead): void {
    const temp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ format: 'berkas-audit-anchor', version: 1, head }) + '\n', { mode: PRIVATE_FILE_MODE });
    renameSync(temp, this.#file!);
    this.#onSigned?.(head);
  }
}

/**
 * The whole check `audit verify` and `verify` run: the hash chain in the database, and its head
 * against the anchor kept outside it (the newest entries removed, or the table rewritten with
 * recomputed hashes, show up only there).
 */
export function verifyAnchoredChain(db: Db, anchor: AuditAnchor | null): { entries: number; breaks: ChainBreak[]; anchor: AnchorCheck['state'] } {
  const chain = verifyAuditChain(db);
  const check: AnchorCheck = anchor ? anchor.check() : { state: 'unavailable', anchored: null, message: null };
  const breaks = [...chain.breaks];
  if (check.state === 'truncated' || check.state === 'rewritten' || check.state === 'forged-anchor') {
    breaks.push({ id: check.anchored?.id ?? 0, problem: check.state, message: `${check.message!.en} / ${check.message!.id}` });
  }
  return { entries: chain.entries, breaks, anchor: check.state };
}
