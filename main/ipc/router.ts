// The one entry point for every call from a renderer: check who sent it, parse the input with the
// channel's schema, run the handler, and turn any failure into a typed error value.
// Both hosts (Electron IPC and the browser shell's HTTP) reach `handle` (through ipc/host-channels.ts
// routeCall, which answers the host's own channels with the same checks); neither parses on its own.
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
import { isTrustedSender, type ActingUser, type CallContext, type Handlers } from '../kernel/calls.ts';

export interface Logger {
  error(message: string, error?: unknown): void;
}

export const forbiddenSender: ErrorValue = {
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

/** A channel's input through its schema: the parsed value, or a validation error naming each issue. */
export function parseInput(spec: ChannelSpec, rawInput: unknown): { ok: true; data: unknown } | { ok: false; error: ErrorValue } {
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
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
  const parsed = parseInput(spec, rawInput);
  if (!parsed.ok) return parsed;
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
