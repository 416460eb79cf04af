// Local user accounts and their roles. This module owns the users and user_roles tables. Every
// change writes its audit entry in the same transaction; no function returns a password hash
// to anything outside main/accounts.
import type { Role, SessionUser, UserView } from '../../preload/contract.ts';
import { FULL_CLEARANCE, type SecurityClassName } from '../clearance/viewer.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { hashPassword } from './passwords.ts';

export const ALL_ROLES: readonly Role[] = ['staff', 'supervisor', 'admin'];
const USER = { id: 'Pengguna', en: 'User' };

interface UserDbRow {
  id: number;
  name: string;
  display_name: string;
  password_hash: string;
  clearance: SecurityClassName;
  nip: string;
  jabatan: string;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: string;
}

function rolesOf(db: Db, id: number): Role[] {
  const held = new Set((db.prepare('SELECT role FROM user_roles WHERE user_id = ?').all(id) as { role: Role }[]).map((r) => r.role));
  return ALL_ROLES.filter((r) => held.has(r));
}

function view(db: Db, row: UserDbRow): UserView {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    roles: rolesOf(db, row.id),
    clearance: row.clearance,
    nip: row.nip,
    jabatan: row.jabatan,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(db: Db): UserView[] {
  return (db.prepare('SELECT * FROM users ORDER BY name COLLATE NOCASE').all() as UserDbRow[]).map((row) => view(db, row));
}

export function getUser(db: Db, id: number): UserView {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserDbRow | undefined;
  if (!row) throw notFound(USER, id);
  return view(db, row);
}

export function findUserByName(db: Db, name: string): UserView | undefined {
  const row = db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserDbRow | undefined;
  return row && view(db, row);
}

/** The stored hash, for the login check only. */
export function credentialsOf(db: Db, name: string): { id: number; hash: string; disabled: boolean } | undefined {
  const row = db.prepare('SELECT id, password_hash, disabled_at FROM users WHERE name = ?').get(name) as
    | Pick<UserDbRow, 'id' | 'password_hash' | 'disabled_at'>
    | undefined;
  return row && { id: row.id, hash: row.password_hash, disabled: row.disabled_at !== null };
}

/** The user a session acts for, re-read on every call so a role change or a disabling bites at once. */
export function activeSessionUser(db: Db, id: number): SessionUser | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ? AND disabled_at IS NULL').get(id) as UserDbRow | undefined;
  if (!row) return null;
  return { id: row.id, name: row.name, displayName: row.display_name, roles: rolesOf(db, row.id), clearance: row.clearance, nip: row.nip, jabatan: row.jabatan };
}

/** Who signs as `name` on a generated document: the account's full name, NIP and jabatan; a name
 *  that is no account (an older row, the command line's system user) signs as itself. */
export function signatoryOf(db: Db, name: string): { name: string; nip: string; jabatan: string } {
  const row = db.prepare('SELECT display_name, nip, jabatan FROM users WHERE name = ?').get(name) as Pick<UserDbRow, 'display_name' | 'nip' | 'jabatan'> | undefined;
  return row ? { name: row.display_name, nip: row.nip, jabatan: row.jabatan } : { name, nip: '', jabatan: '' };
}

/** An NIP as stored: 18 digits or ''. The contract checks this at the boundary; this checks it for
 *  every other caller (the command line, services) before the database's CHECK would. */
export function cleanNip(nip: string): string {
  const digits = nip.replace(/\s+/g, '');
  if (digits !== '' && !/^\d{18}$/.test(digits)) {
    throw appError('validation', `NIP "${nip}" tidak sah: NIP terdiri atas 18 angka, mis. 19800101 200501 1 001.`, `NIP "${nip}" is not valid: an NIP is 18 digits, e.g. 19800101 200501 1 001.`);
  }
  return digits;
}

function cleanRoles(roles: readonly Role[]): Role[] {
  const set = new Set(roles);
  return ALL_ROLES.filter((r) => set.has(r));
}

function insertUser(db: Db, input: NewUser, hash: string, now: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO users (name, display_name, password_hash, clearance, password_changed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.name, input.displayName, hash, input.clearance ?? DEFAULT_CLEARANCE, now, now, now).lastInsertRowid,
  );
  const add = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of cleanRoles(input.roles)) add.run(id, role);
  return id;
}

export interface NewUser {
  name: string;
  displayName: string;
  password: string;
  roles: readonly Role[];
  /** Highest security class the user may see; new accounts default to DEFAULT_CLEARANCE. */
  clearance?: SecurityClassName;
}

/** New staff see ordinary and restricted records until an admin grants more. */
export const DEFAULT_CLEARANCE: SecurityClassName = 'terbatas';

function nameTaken(name: string) {
  return appError('conflict', `Nama pengguna "${name}" sudah dipakai. Pilih nama lain.`, `The user name "${name}" is already taken. Choose another.`);
}

/** First run: creates the admin while, and only while, no user exists. */
export async function setupFirstUser(db: Db, input: NewUser): Promise<UserView> {
  const hash = await hashPassword(input.password);
  const roles = cleanRoles([...input.roles, 'admin']);
  return db.transaction(() => {
    if (countUsers(db) > 0) {
      throw appError(
        'conflict',
        'Akun admin sudah dibuat. Masuk dengan akun yang ada, atau minta admin membuatkan akun.',
        'The admin account already exists. Log in with an existing account, or ask an admin for one.',
      );
    }
    const now = new Date().toISOString();
    const id = insertUser(db, { ...input, roles, clearance: FULL_CLEARANCE }, hash, now);
    appendAudit(db, { actor: input.name, action: 'account.setup', entity: 'user', entityId: id, after: { name: input.name, displayName: input.displayName, roles, clearance: FULL_CLEARANCE }, at: now });
    return getUser(db, id);
  })();
}

export async function createUser(db: Db, actor: string, input: NewUser): Promise<UserView> {
  if (input.roles.length === 0) throw noRoles();
  const hash = await hashPassword(input.password);
  return db.transaction(() => {
    if (findUserByName(db, input.name)) throw nameTaken(input.name);
    const now = new Date().toISOString();
    const roles = cleanRoles(input.roles);
    const clearance = input.clearance ?? DEFAULT_CLEARANCE;
    const id = insertUser(db, { ...input, roles, clearance }, hash, now);
    appendAudit(db, { actor, action: 'account.create', entity: 'user', entityId: id, after: { name: input.name, displayName: input.displayName, roles, clearance }, at: now });
    return getUser(db, id);
  })();
}

function noRoles() {
  return appError('validation', 'Pilih setidaknya satu peran (staf, atasan, atau admin).', 'Choose at least one role (staff, supervisor or admin).');
}

function activeAdmins(db: Db): number[] {
  return (
    db
      .prepare("SELECT r.user_id AS id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled_at IS NULL")
      .all() as { id: number }[]
  ).map((r) => r.id);
}

export interface UserChange {
  displayName?: string;
  nip?: string;
  jabatan?: string;
  roles?: readonly Role[];
  clearance?: SecurityClassName;
  disabled?: boolean;
}

export function updateUser(db: Db, actor: { id: number; name: string }, id: number, change: UserChange): UserView {
  return db.transaction(() => {
    const before = getUser(db, id);
    if (change.roles && change.roles.length === 0) throw noRoles();
    if (change.disabled === true && id === actor.id) {
      throw appError('validation', 'Anda tidak dapat menonaktifkan akun Anda sendiri.', 'You cannot disable your own account.');
    }
    const losesAdmin = (change.roles && !change.roles.includes('admin')) || change.disabled === true;
    if (losesAdmin && before.roles.includes('admin') && !before.disabled) {
      const others = activeAdmins(db).filter((a) => a !== id);
      if (others.length === 0) {
        throw appError(
          'conflict',
          'Ini admin aktif terakhir. Jadikan pengguna lain admin terlebih dahulu.',
          'This is the last active admin. Make another user an admin first.',
        );
      }
    }
    const nip = change.nip === undefined ? undefined : cleanNip(change.nip);
    const now = new Date().toISOString();
    if (change.displayName !== undefined) db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(change.displayName, id);
    if (nip !== undefined) db.prepare('UPDATE users SET nip = ? WHERE id = ?').run(nip, id);
    if (change.jabatan !== undefined) db.prepare('UPDATE users SET jabatan = ? WHERE id = ?').run(change.jabatan.trim(), id);
    if (change.disabled !== undefined) {
      db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(change.disabled ? now : null, id);
    }
    if (change.clearance !== undefined) db.prepare('UPDATE users SET clearance = ? WHERE id = ?').run(change.clearance, id);
    if (change.roles) {
      db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(id);
      const add = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
      for (const role of cleanRoles(change.roles)) add.run(id, role);
    }
    db.prepare('UPDATE users SET updated_at = ? WHERE id = ?').run(now, id);
    const after = getUser(db, id);
    const pick = (u: UserView) => ({ displayName: u.displayName, nip: u.nip, jabatan: u.jabatan, roles: u.roles, clearance: u.clearance, disabled: u.disabled });
    appendAudit(db, { actor: actor.name, action: 'account.update', entity: 'user', entityId: id, before: pick(before), after: pick(after), at: now });
    return after;
  })();
}

/** The signed-in user sets their own name, NIP and jabatan (nothing else: roles stay the admin's). */
export function updateOwnProfile(db: Db, id: number, change: { displayName: string; nip: string; jabatan: string }): SessionUser {
  return db.transaction(() => {
    const before = getUser(db, id);
    const nip = cleanNip(change.nip);
    const displayName = change.displayName.trim();
    if (!displayName) throw appError('validation', 'Isi nama lengkap Anda.', 'Fill in your full name.');
    const now = new Date().toISOString();
    db.prepare('UPDATE users SET display_name = ?, nip = ?, jabatan = ?, updated_at = ? WHERE id = ?').run(displayName, nip, change.jabatan.trim(), now, id);
    const after = getUser(db, id);
    const pick = (u: UserView) => ({ displayName: u.displayName, nip: u.nip, jabatan: u.jabatan });
    appendAudit(db, { actor: before.name, action: 'account.profile', entity: 'user', entityId: id, before: pick(before), after: pick(after), at: now });
    const user = activeSessionUser(db, id);
    if (!user) throw notFound(USER, id);
    return user;
  })();
}

/** An admin sets a new password for someone who forgot theirs. */
export async function resetPassword(db: Db, actor: string, id: number, password: string): Promise<UserView> {
  const hash = await hashPassword(password);
  return db.transaction(() => {
    const user = getUser(db, id);
    const now = new Date().toISOString();
    db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?').run(hash, now, now, id);
    db.prepare('DELETE FROM login_throttle WHERE name = ?').run(user.name.toLowerCase());
    appendAudit(db, { actor, action: 'account.password-reset', entity: 'user', entityId: id, after: { name: user.name }, at: now });
    return getUser(db, id);
  })();
}

/** Sets a user's own new password; the caller (login.ts changeOwnPassword) checked the current one. */
export async function setOwnPassword(db: Db, id: number, next: string): Promise<void> {
  const user = getUser(db, id);
  const hash = await hashPassword(next);
  db.transaction(() => {
    const now = new Date().toISOString();
    db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?').run(hash, now, now, id);
    appendAudit(db, { actor: user.name, action: 'account.password-change', entity: 'user', entityId: id, at: now });
  })();
}

export function markLogin(db: Db, id: number, at: string): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(at, id);
}

/** A stronger hash of the same password, stored only if nobody changed the password meanwhile. */
export function replacePasswordHash(db: Db, userId: number, oldHash: string, newHash: string): boolean {
  return db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(newHash, userId, oldHash).changes === 1;
}
