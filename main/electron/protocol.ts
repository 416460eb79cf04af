// app://bundle — the only origin the window loads. Serves the built renderer with the strict CSP
// header, GET only, host 'bundle' only; everything else is 404.
import { protocol } from 'electron';
import type { ServableDocument } from '../kernel/document-tokens.ts';
import { serveDocument } from '../serve/document.ts';
import { serveStatic } from '../serve/static.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';

/** Must run before the app is ready. corsEnabled stays unset so other origins cannot read it. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function handleAppProtocol(rendererDir: string, resolveDocument: (token: string) => Promise<ServableDocument | null>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    if (url.pathname.startsWith('/documents/')) {
      const document = await resolveDocument(url.pathname.slice('/documents/'.length));
      if (!document) return new Response('not found', { status: 404 });
      return serveDocument(document, request.method, request.headers.get('range'), url.searchParams.get('download') === '1');
    }
    return serveStatic(rendererDir, request.method, url.pathname);
  });
}
