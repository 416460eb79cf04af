// Serves a stored document to the viewer with HTTP range support (pdf.js fetches only the chunks it
// needs, which keeps memory low on long scans). Same Response shape for both hosts.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ServableDocument } from '../kernel/document-tokens.ts';
import { CONTENT_SECURITY_POLICY } from './static.ts';

/** Types the viewer renders itself; anything else is sent as a download, never rendered inline. */
const INLINE = /^(application\/pdf|image\/(png|jpeg|gif|webp|tiff)|text\/plain)/;

function headersFor(doc: ServableDocument, download: boolean): Record<string, string> {
  const inline = !download && INLINE.test(doc.mime);
  return {
    'content-type': inline || download ? doc.mime : 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-store',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(doc.name)}`,
  };
}

/** `download`: the user asked to save a copy (`?download=1`), so the browser saves it, never shows it. */
export function serveDocument(doc: ServableDocument, method: string, range: string | null, download = false): Response {
  if (method !== 'GET' && method !== 'HEAD') return new Response('method not allowed', { status: 405 });
  const headers = headersFor(doc, download);
  if (range) {
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (!match || (match[1] === '' && match[2] === '')) {
      return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${doc.size}` } });
    }
    let start: number;
    let end: number;
    if (match[1] === '') {
      const suffix = Number(match[2]);
      start = Math.max(0, doc.size - suffix);
      end = doc.size - 1;
    } else {
      start = Number(match[1]);
      end = match[2] === '' ? doc.size - 1 : Math.min(Number(match[2]), doc.size - 1);
    }
    if (start > end || start >= doc.size) {
      return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${doc.size}` } });
    }
    headers['content-range'] = `bytes ${start}-${end}/${doc.size}`;
    headers['content-length'] = String(end - start + 1);
    const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(doc.path, { start, end })) as ReadableStream);
    return new Response(body, { status: 206, headers });
  }
  headers['content-length'] = String(doc.size);
  const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(doc.path)) as ReadableStream);
  return new Response(body, { status: 200, headers });
}
