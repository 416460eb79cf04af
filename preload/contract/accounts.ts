// Accounts channels: first-run setup, login, lock/unlock, the one session of this backend, and the
// admin's user management. Passwords cross the bridge only as inputs; no output ever carries a
// password or its hash.
import { z } from 'zod';
import { Id, NoInput, Role, SecurityClass, channel } from './shared.ts';

export const UserName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/, '2–32 huruf/angka/titik/garis (letters, digits, . _ -)');
export const Password = z.string().min(8, 'min. 8').max(200);
export const DisplayName = z.string().trim().min(1).max(120);
/** Nomor Induk Pegawai: 18 digits, typed with or without the customary spaces; '' = not set. */
export const Nip = z
  .string()
  .max(40)
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => s === '' || /^\d{18}$/.test(s), 'NIP terdiri atas 18 angka, mis. 19800101 200501 1 001 (an NIP is 18 digits)');
export const Jabatan = z.string().trim().max(200);

export const SessionUser = z.object({
  id: Id,
  name: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  /** The highest security class this user may see; records above it do not exist for them. */
  clearance: SecurityClass,
  /** What their signature block prints under the name ('' until set; absent for the CLI's own user). */
  nip: z.string().optional(),
  jabatan: z.string().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionState = z.object({
  user: SessionUser,
  /** Locked sessions keep the user known but refuse every call until unlocked with the password. */
  locked: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

export const AccountsStatus = z.object({
  /** No user exists yet: the first-run screen creates the admin. */
  needsSetup: z.boolean(),
  session: SessionState.nullable(),
  idleMinutes: z.number().int(),
});
export type AccountsStatus = z.infer<typeof AccountsStatus>;

export const UserView = z.object({
  id: Id,
  name: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  clearance: SecurityClass,
  nip: z.string(),
  jabatan: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

const Roles = z.array(Role).min(1).max(3);

export const accountsChannels = {
  'accounts.status': channel(NoInput, AccountsStatus, 'public'),
  // Works only while there are zero users; the first user always holds admin.
  'accounts.setup': channel(
    z.object({ name: UserName, displayName: DisplayName, password: Password, roles: Roles.default(['staff', 'supervisor', 'admin']) }).strict(),
    AccountsStatus,
    'public',
  ),
  'accounts.login': channel(z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }).strict(), AccountsStatus, 'public'),
  'accounts.unlock': channel(z.object({ password: z.string().min(1).max(200) }).strict(), AccountsStatus, 'public'),
  // Lock and logout only take rights away, so they need none (a locked session can still log out).
  'accounts.lock': channel(NoInput, AccountsStatus, 'public'),
  'accounts.logout': channel(NoInput, AccountsStatus, 'public'),
  /** The renderer saw the user working (keys, mouse) without calling anything: keep the session. */
  'accounts.touch': channel(NoInput, z.object({ ok: z.literal(true) }), 'any'),
  'accounts.changePassword': channel(z.object({ current: z.string().min(1).max(200), next: Password }).strict(), z.object({ changed: z.literal(true) }), 'any'),
  'accounts.list': channel(NoInput, z.array(UserView), 'admin'),
  /** New accounts start at clearance 'terbatas' unless the admin says otherwise. */
  'accounts.create': channel(
    z.object({ name: UserName, displayName: DisplayName, password: Password, roles: Roles, clearance: SecurityClass.optional() }).strict(),
    UserView,
    'admin',
  ),
  'accounts.update': channel(
    z
      .object({
        id: Id,
        displayName: DisplayName.optional(),
        nip: Nip.optional(),
        jabatan: Jabatan.optional(),
        roles: Roles.optional(),
        clearance: SecurityClass.optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    UserView,
    'admin',
  ),
  /** The signed-in user's own name, NIP and jabatan, as their signature blocks print them. */
  'accounts.updateProfile': channel(z.object({ displayName: DisplayName, nip: Nip, jabatan: Jabatan }).strict(), SessionUser, 'any'),
  'accounts.resetPassword': channel(z.object({ id: Id, password: Password }).strict(), UserView, 'admin'),
  'accounts.setIdle': channel(z.object({ idleMinutes: z.number().int().min(1).max(480) }).strict(), z.object({ idleMinutes: z.number().int() }), 'admin'),
} as const;

export const accountsEvents = {} as const;
