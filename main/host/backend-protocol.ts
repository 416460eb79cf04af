// Messages between a host's main thread and the backend worker.
import type { ErrorValue, Result } from '../../preload/contract.ts';
import type { Sender } from '../kernel/calls.ts';
import type { ServableDocument } from '../kernel/document-tokens.ts';
import type { AnyEvent } from '../kernel/events.ts';

export type WorkerRequest =
  | { type: 'call'; id: number; channel: string; input: unknown; sender: Sender }
  | { type: 'resolve-document'; id: number; token: string }
  /** The portal token the host keeps (Electron keychain), in memory only; null forgets it. */
  | { type: 'set-portal-token'; token: string | null }
  | { type: 'close' };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'fatal'; error: ErrorValue }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'document'; id: number; document: ServableDocument | null }
  | { type: 'event'; event: AnyEvent }
  | { type: 'activity'; state: { busy: boolean; reason?: string } }
  | { type: 'closed' };
