// Messages between a host's main thread and the backend worker.
import type { ErrorValue, Result } from '../../preload/contract.ts';
import type { Sender } from '../kernel/calls.ts';
import type { ServableDocument } from '../kernel/document-tokens.ts';
import type { AnyEvent } from '../kernel/events.ts';
import type { PickInput } from '../kernel/picks.ts';

export type WorkerRequest =
  | { type: 'call'; id: number; channel: string; input: unknown; sender: Sender }
  /** `session`: the asking client's session key (sessionKeyOf its sender). */
  | { type: 'resolve-document'; id: number; token: string; session: string }
  /** Files and folders the user picked in the host (dialog, drop, upload); answered with handles. */
  | { type: 'register-picks'; id: number; picks: PickInput[]; session: string }
  | { type: 'session-open'; id: number; session: string }
  /** The portal token the host keeps (Electron keychain), in memory only; null forgets it. */
  | { type: 'set-portal-token'; token: string | null }
  | { type: 'close' };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'fatal'; error: ErrorValue }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'document'; id: number; document: ServableDocument | null }
  | { type: 'picks'; id: number; result: Result<string[]> }
  | { type: 'session-open'; id: number; open: boolean }
  /** Which sessions are open, sent when that changes (login, unlock / lock, idle lock, logout):
   *  hosts drop the event streams of a session that closed. */
  | { type: 'sessions'; open: string[] }
  /** An event, while at least one session is open; hosts pass it to the open sessions' clients. */
  | { type: 'event'; event: AnyEvent }
  | { type: 'activity'; state: { busy: boolean; reason?: string } }
  | { type: 'closed' };
