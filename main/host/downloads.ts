// Exports are written into the archive's export folder on the machine that runs the backend; the
// user wants a copy where they choose. For each export channel the host adds to the answer a
// document link to the written file (the same session-bound tokens as a document preview, so it
// dies on lock, logout and user change) that saves it: `?download=1` makes both hosts send it as
// an attachment, which the browser shell downloads and Electron turns into a save dialog.
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Channel } from '../../preload/contract.ts';
import type { DocumentTokens } from '../kernel/document-tokens.ts';
import { sessionKeyOf, type CallContext, type Handlers } from '../kernel/calls.ts';

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
};

/** The channels whose answer names a file the backend wrote (`path`). */
export const EXPORT_CHANNELS = ['retention.lists.export', 'publication.export', 'audit.export', 'files.labels'] as const satisfies readonly Channel[];

export function offerDownloads(handlers: Handlers, tokens: DocumentTokens, urlBase: string): void {
  for (const channel of EXPORT_CHANNELS) {
    const inner = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<{ path: string; download?: string }> | { path: string; download?: string };
    const wrapped = async (input: unknown, ctx: CallContext) => {
      const out = await inner(input, ctx);
      const file = { path: out.path, mime: MIME[extname(out.path).toLowerCase()] ?? 'application/octet-stream', size: statSync(out.path).size, name: basename(out.path) };
      const token = tokens.issue(file, sessionKeyOf(ctx.sender));
      return { ...out, download: `${urlBase}${token}?download=1` };
    };
    (handlers as Record<string, unknown>)[channel] = wrapped;
  }
}
