// Messages between the Extractor (host) and extract-worker. Types only: both sides import it, so it
// must never pull in pdf.js, fs or anything with side effects.

export type ExtractStatus = 'ok' | 'no-text' | 'password' | 'unreadable' | 'timeout' | 'unsupported';

/** Host → worker. The password travels only in this message and is never echoed back. */
export type ExtractRequest =
  | { type: 'extract'; id: number; file: string; mime: string; password?: string; maxPages: number }
  | { type: 'heap' };

/** Worker → host. Every message about a document carries its id, so late ones can be ignored. */
export type ExtractMessage =
  | { type: 'ready' }
  | { type: 'opened'; id: number; pages: number }
  | { type: 'page'; id: number; page: number; text: string }
  | {
      type: 'done';
      id: number;
      status: Exclude<ExtractStatus, 'timeout'>;
      pages: number | null;
      detail: string | null;
      heapUsed: number;
      peakHeapUsed: number;
    }
  | { type: 'heap'; heapUsed: number; collected: boolean };
