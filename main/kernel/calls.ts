// What every area's handlers share with the transport: who is calling (the sender as the host saw
// it, the acting user), the handler type an area's channel table is typed with, and the check of a
// trusted sender. Types and pure checks only: it must never import an area, a host or electron.
import type { z } from 'zod';
import type { Channel, ChannelSpec, Role, channels } from '../../preload/contract.ts';
import { NOBODY, viewerFor, type SecurityClassName, type Viewer } from '../clearance/viewer.ts';

/** Who is calling, as the host saw it. */
export type Sender =
  | { kind: 'electron'; frameUrl: string; isMainFrame: boolean }
  | { kind: 'browser-shell'; tokenVerified: boolean }
  /** A signed-in browser or desktop client of the department's server (team mode): the server
   *  checked the request's origin and that `session` is a session cookie it issued. */
  | { kind: 'server'; session: string }
  | { kind: 'cli' };

/** The login session of the one person at a desktop, browser shell or CLI. */
export const LOCAL_SESSION = 'local';

/** Which login session a call belongs to: each client of a server has its own, every other host one. */
export function sessionKeyOf(sender: Sender): string {
  return sender.kind === 'server' ? sender.session : LOCAL_SESSION;
}

/** The logged-in user a call acts for. */
export interface ActingUser {
  readonly id: number;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly clearance: SecurityClassName;
}

export interface CallContext {
  readonly sender: Sender;
  /** Null when nobody is logged in; only 'public' channels run then. */
  readonly user: ActingUser | null;
  /** The acting user's name for the audit log ('anonymous' before login). */
  readonly actor: string;
  /** Who is looking: every service that reads records takes this and filters by its clearance. */
  readonly viewer: Viewer;
}

/** The call context for a user (or nobody): the one place a viewer is made from a session. */
export function contextFor(sender: Sender, user: ActingUser | null): CallContext {
  return { sender, user, actor: user?.name ?? 'anonymous', viewer: user ? viewerFor(user) : NOBODY };
}

/** Handlers for one area's channel table, typed from its schemas. */
export type HandlersFor<T extends Record<string, ChannelSpec>> = {
  [C in keyof T]: (input: z.output<T[C]['input']>, ctx: CallContext) => z.output<T[C]['output']> | Promise<z.output<T[C]['output']>>;
};

export type Handlers = HandlersFor<typeof channels>;
export type Handler<C extends Channel> = Handlers[C];

export const APP_ORIGIN = 'app://bundle';

/** True for app://bundle/… . (WHATWG URL gives custom schemes an opaque 'null' origin, so compare parts.) */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'app:' && url.host === 'bundle';
  } catch {
    return false;
  }
}

/** The app's own top frame on app://bundle, a shell request that presented the launch token, or a
 *  server request with its session cookie. */
export function isTrustedSender(sender: Sender): boolean {
  switch (sender.kind) {
    case 'electron': {
      return sender.isMainFrame && isAppUrl(sender.frameUrl);
    }
    case 'browser-shell':
      return sender.tokenVerified;
    case 'server':
      return sender.session.length > 0;
    case 'cli':
      return true;
  }
}
