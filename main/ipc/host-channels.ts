// The host's side of the contract: every call a renderer makes comes through `routeCall`, in the
// Electron shell and in the browser shell alike. Channels the backend answers go to it untouched
// (its router checks them); channels the host answers itself (preload/contract/host.ts: restore,
// the native picker, the updater) get the same checks here — trusted sender, the role the contract
// names (asked of the backend's session), the input schema — and their answers leave through the
// output schema, so a host never hands the renderer more than the contract says.
import type { z } from 'zod';
import { hostChannels, type AccountsStatus, type HostChannel, type Result } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { isTrustedSender, type ActingUser, type Sender } from '../kernel/calls.ts';
import { accessError, forbiddenSender, parseInput, toErrorValue, type Logger } from './router.ts';

/** What a host does for each of its channels; an AppError thrown becomes the typed error. */
export type HostHandlers = {
  [C in HostChannel]: (
    input: z.output<(typeof hostChannels)[C]['input']>,
    sender: Sender,
  ) => z.input<(typeof hostChannels)[C]['output']> | Promise<z.input<(typeof hostChannels)[C]['output']>>;
};

/** The backend as the host reaches it: one call per channel, answered as a Result. */
export interface BackendCalls {
  call(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>>;
}

export function isHostChannel(name: string): name is HostChannel {
  return Object.hasOwn(hostChannels, name);
}

/** The user of the backend's session, as the role check needs it (a locked session acts for nobody). */
async function sessionUser(backend: BackendCalls, sender: Sender): Promise<ActingUser | null> {
  const status = await backend.call('accounts.status', {}, sender);
  if (!status.ok) return null;
  const session = (status.value as AccountsStatus).session;
  return session && !session.locked ? session.user : null;
}

/** Sends a renderer's call where it belongs and answers it as a Result. */
export async function routeCall(backend: BackendCalls, host: HostHandlers, channel: string, input: unknown, sender: Sender, log: Logger = console): Promise<Result<unknown>> {
  if (!isHostChannel(channel)) return backend.call(channel, input, sender);
  if (!isTrustedSender(sender)) return { ok: false, error: forbiddenSender };
  const spec = hostChannels[channel];
  if (spec.access !== 'public') {
    const denied = accessError(spec.access, await sessionUser(backend, sender));
    if (denied) return { ok: false, error: denied };
  }
  const parsed = parseInput(spec, input);
  if (!parsed.ok) return parsed;
  try {
    const handler = host[channel] as (input: unknown, sender: Sender) => unknown;
    const value = spec.output.parse(await handler(parsed.data, sender));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: error instanceof AppError ? error.toValue() : toErrorValue(error, channel, log) };
  }
}
