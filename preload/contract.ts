// The one contract between the renderer and the main process: every channel with a zod schema for
// its input and its output and who may call it, every event with its payload schema, and the types
// derived from them. Each area keeps its schemas in preload/contract/<area>.ts; this module lists
// them all. Main parses every input with these schemas; the renderer derives its types from them.
// Free of Electron and Node imports: main, preload and renderer all load it.
import type { z } from 'zod';
import { appChannels, appEvents } from './contract/app.ts';
import { archiveChannels, archiveEvents } from './contract/archive.ts';
import { accountsChannels, accountsEvents } from './contract/accounts.ts';
import { publicationChannels, publicationEvents } from './contract/publication.ts';
import { auditChannels, auditEvents } from './contract/audit.ts';
import { retentionChannels, retentionEvents } from './contract/retention.ts';
import { opsChannels, opsEvents } from './contract/ops.ts';
import { portalChannels, portalEvents } from './contract/portal.ts';
import { ocrChannels, ocrEvents } from './contract/ocr.ts';
import { dropFolderChannels, dropFolderEvents } from './contract/dropfolder.ts';
import { hostChannels } from './contract/host.ts';
import type { ChannelSpec } from './contract/shared.ts';

export * from './contract/shared.ts';
export * from './contract/app.ts';
export * from './contract/archive.ts';
export * from './contract/accounts.ts';
export * from './contract/publication.ts';
export * from './contract/audit.ts';
export * from './contract/retention.ts';
export * from './contract/ops.ts';
export * from './contract/portal.ts';
export * from './contract/ocr.ts';
export * from './contract/dropfolder.ts';
export * from './contract/host.ts';

export const channels = {
  ...appChannels,
  ...archiveChannels,
  ...accountsChannels,
  ...publicationChannels,
  ...auditChannels,
  ...retentionChannels,
  ...opsChannels,
  ...portalChannels,
  ...ocrChannels,
  ...dropFolderChannels,
} as const satisfies Record<string, ChannelSpec>;

/** Channels the backend answers (through main/ipc/router.ts). */
export type Channel = keyof typeof channels;
export const channelNames = Object.keys(channels) as Channel[];

/** Channels the host answers itself (contract/host.ts), through the same checks. */
export type HostChannel = keyof typeof hostChannels;
export const hostChannelNames = Object.keys(hostChannels) as HostChannel[];

/** Every channel the renderer may invoke, with its schemas. */
export const allChannels = { ...channels, ...hostChannels } as const satisfies Record<string, ChannelSpec>;
export type AnyChannel = Channel | HostChannel;
export type ChannelInput<C extends AnyChannel> = z.input<(typeof allChannels)[C]['input']>;
export type ChannelOutput<C extends AnyChannel> = z.output<(typeof allChannels)[C]['output']>;

export const events = {
  ...appEvents,
  ...archiveEvents,
  ...accountsEvents,
  ...publicationEvents,
  ...auditEvents,
  ...retentionEvents,
  ...opsEvents,
  ...portalEvents,
  ...ocrEvents,
  ...dropFolderEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];

/** What crosses the bridge for every call: a value or a typed error, never a thrown stack. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
import type { ErrorValue } from './contract/shared.ts';
