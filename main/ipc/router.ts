// The one entry point for every call from a renderer: check who sent it, parse the input with the
// channel's schema, run the handler, and turn any failure into a typed error value.
// Both hosts (Electron IPC and the browser shell's HTTP) call `handle`; neither parses on its own.
import type { z } from 'zod';
import {
  channels,
  type Access,
  type Channel,
  type ChannelSpec,
  type ErrorValue,
  type Result,
  type Role,
} from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { NOBODY, viewerFor, type SecurityClassName, type Viewer } from '../clearance/viewer.ts';

/** Who is calling, as the host saw it. */
export type Sender =
  | { kind: 'electron'; frameUrl: string; isMainFrame: boolean }
  | { kind: 'browser-shell'; tokenVerified: boolean }
  | { kind: 'cli' };

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

/** The app's own top frame on app://bundle, or a shell request that presented the launch token. */
export function isTrustedSender(sender: Sender): boolean {
  switch (sender.kind) {
    case 'electron': {
      return sender.isMainFrame && isAppUrl(sender.frameUrl);
    }
    case 'browser-shell':
      return sender.tokenVerified;
    case 'cli':
      return true;
  }
}

export interface Logger {
  error(message: string, error?: unknown): void;
}

const forbiddenSender: ErrorValue = {
  code: 'forbidden',
  message: {
    id: 'Permintaan ditolak: tidak berasal dari jendela Berkas.',
    en: 'Request refused: it did not come from the Berkas window.',
  },
};

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}

const ROLE_NAMES: Record<Role, { id: string; en: string }> = {
  staff: { id: 'staf', en: 'staff' },
  supervisor: { id: 'atasan (supervisor)', en: 'supervisor' },
  admin: { id: 'admin', en: 'admin' },
};

/** The role check every handler passes through; null when allowed. */
export function accessError(access: Access, user: ActingUser | null): ErrorValue | null {
  if (access === 'public') return null;
  if (!user) {
    return {
      code: 'unauthenticated',
      message: { id: 'Silakan masuk terlebih dahulu.', en: 'Please log in first.' },
    };
  }
  if (access === 'any' || user.roles.includes(access)) return null;
  const role = ROLE_NAMES[access];
  return {
    code: 'forbidden',
    message: {
      id: `Tindakan ini memerlukan peran ${role.id}; akun ${user.name} tidak memilikinya. Minta admin menambahkan peran tersebut.`,
      en: `This action needs the ${role.en} role, which ${user.name} does not hold. Ask an admin to add it.`,
    },
    details: { required: access },
  };
}

export async function handle(
  handlers: Handlers,
  channelName: string,
  rawInput: unknown,
  ctx: CallContext,
  log: Logger = console,
): Promise<Result<unknown>> {
  if (!isTrustedSender(ctx.sender)) return { ok: false, error: forbiddenSender };
  if (!isChannel(channelName)) {
    return {
      ok: false,
      error: {
        code: 'validation',
        message: { id: `Saluran tidak dikenal: ${channelName}.`, en: `Unknown channel: ${channelName}.` },
      },
    };
  }
  const spec = channels[channelName];
  const denied = accessError(spec.access, ctx.user);
  if (denied) return { ok: false, error: denied };
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const where = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return {
      ok: false,
      error: {
        code: 'validation',
        message: { id: `Isian tidak valid — ${where}`, en: `Invalid input — ${where}` },
        details: { issues },
      },
    };
  }
  try {
    const handler = handlers[channelName] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorValue(error, channelName, log) };
  }
}

export function toErrorValue(error: unknown, where: string, log: Logger = console): ErrorValue {
  if (error instanceof AppError) return error.toValue();
  log.error(`unexpected error in ${where}`, error);
  return {
    code: 'internal',
    message: {
      id: 'Terjadi kesalahan internal; rinciannya tercatat di log. Coba lagi, dan laporkan ke TI bila berulang.',
      en: 'An internal error occurred; the details are in the log. Try again, and tell IT if it keeps happening.',
    },
  };
}
