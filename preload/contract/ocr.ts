// OCR channels: the queue's state, cancel and retry per document, and the OCR settings.
import { z } from 'zod';
import { Id, NoInput, OcrStatus, channel } from './shared.ts';

export const OcrLanguage = z.enum(['ind', 'eng']);

export const OcrSettings = z.object({
  /** Off: scans are stored and found by their metadata only. */
  enabled: z.boolean(),
  /** Indonesian first; a page is read with all of them at once. */
  languages: z.array(OcrLanguage).min(1).max(2),
  /** 'import': right after text extraction; 'idle': only while nobody is using the app. */
  when: z.enum(['import', 'idle']),
});
export type OcrSettings = z.infer<typeof OcrSettings>;

export const OcrQueue = z.object({
  /** Documents and pages still to read. */
  documents: z.number().int(),
  pages: z.number().int(),
  /** Pages being read right now, and by how many workers at most. */
  reading: z.number().int(),
  workers: z.number().int(),
  /** Why it waits instead of reading (idle-time mode with a user at work, OCR turned off). */
  waiting: z.enum(['user-active', 'disabled']).nullable(),
});
export type OcrQueue = z.infer<typeof OcrQueue>;

export const OcrProgress = z.object({
  documentId: Id,
  recordId: Id,
  status: OcrStatus,
  pagesDone: z.number().int(),
  pagesTotal: z.number().int(),
  confidence: z.number().nullable(),
  queue: OcrQueue,
});
export type OcrProgress = z.infer<typeof OcrProgress>;

export const ocrChannels = {
  'ocr.queue': channel(NoInput, OcrQueue, 'any'),
  'ocr.cancel': channel(z.object({ documentId: Id }).strict(), z.object({ cancelled: z.boolean() }), 'staff'),
  'ocr.retry': channel(z.object({ documentId: Id }).strict(), z.object({ queued: z.number().int() }), 'staff'),
  'ocr.settings': channel(NoInput, OcrSettings, 'any'),
  'ocr.setSettings': channel(OcrSettings.strict(), OcrSettings, 'admin'),
  /** The renderer saw keyboard or pointer input (sent at most every few seconds): background work yields. */
  'presence.active': channel(NoInput, z.object({ ok: z.literal(true) }), 'any'),
} as const;

export const ocrEvents = {
  /** A page of a document was read (or failed), or the document's OCR ended. */
  'ocr.progress': OcrProgress,
} as const;
