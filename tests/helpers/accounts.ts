// Logging in for tests that call backend.dispatch: every channel but the 'public' ones needs a
// logged-in user now. Goes through the real channels (setup, login), never around them.
import type { Role, SessionUser } from '../../preload/contract.ts';
import type { Backend } from '../../main/host/backend.ts';
import type { Sender } from '../../main/kernel/calls.ts';

export const CLI_SENDER: Sender = { kind: 'cli' };
export const ADMIN = { name: 'admin', displayName: 'Admin Uji', password: 'sandi-admin-uji-1' } as const;
export const ALL_ROLES: Role[] = ['staff', 'supervisor', 'admin'];

/** Unwraps a dispatch result or fails the test with the error the backend gave. */
export async function ok<T = unknown>(result: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: { en: string } } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`call failed: ${r.error.code} — ${r.error.message.en}`);
  return r.value as T;
}

interface StatusValue {
  needsSetup: boolean;
  session: { user: SessionUser; locked: boolean } | null;
}

/** First run creates the admin (all three roles); later calls just log in as that admin. */
export async function loginAsAdmin(backend: Backend): Promise<SessionUser> {
  const status = await ok<StatusValue>(backend.dispatch('accounts.status', {}, CLI_SENDER));
  if (status.needsSetup) {
    const after = await ok<StatusValue>(backend.dispatch('accounts.setup', { ...ADMIN, roles: ALL_ROLES }, CLI_SENDER));
    return after.session!.user;
  }
  return loginAs(backend, ADMIN.name, ADMIN.password);
}

export async function loginAs(backend: Backend, name: string, password: string): Promise<SessionUser> {
  const status = await ok<StatusValue>(backend.dispatch('accounts.login', { name, password }, CLI_SENDER));
  return status.session!.user;
}

export function passwordFor(name: string): string {
  return `sandi-${name}-uji`;
}

/** Creates a user as the admin (logging in as admin first), leaving the admin logged in. */
export async function addUser(backend: Backend, name: string, roles: Role[], password = passwordFor(name)): Promise<{ id: number; name: string; password: string }> {
  await loginAsAdmin(backend);
  const user = await ok<{ id: number }>(backend.dispatch('accounts.create', { name, displayName: name, password, roles }, CLI_SENDER));
  return { id: user.id, name, password };
}
