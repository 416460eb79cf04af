// The one contract between the renderer and the main process.
// Every channel names a zod schema for its input and its output; every event names the schema of
// its payload. Main parses inputs with these schemas; the renderer derives its types from them.
// This module must stay free of Electron and Node imports: main, preload and renderer all load it.
import { z } from 'zod';

// ---------- shared shapes ----------
export const Locale = z.enum(['id', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A message in both languages the app speaks; the renderer shows the user's one. */
export const Bilingual = z.object({ id: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const ErrorCode = z.enum([
  'validation', // input broke the channel's schema or a domain rule
  'not-found',
  'conflict', // duplicate, stale state, already done
  'forbidden', // sender or role not allowed
  'unauthenticated',
  'newer-database',
  'busy',
  'cancelled',
  'unreadable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorValue = z.object({
  code: ErrorCode,
  message: Bilingual,
  details: z.unknown().optional(),
});
export type ErrorValue = z.infer<typeof ErrorValue>;

const Id = z.number().int().positive();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Text = (max: number) => z.string().max(max);

export const SecurityClass = z.enum(['biasa', 'terbatas', 'rahasia', 'sangat-rahasia']);
export const Medium = z.enum(['tekstual', 'elektronik', 'kartografi', 'audio-visual']);
export const DevelopmentLevel = z.enum(['asli', 'salinan', 'tembusan', 'konsep', 'petikan']);
export const RecordsCategory = z.enum(['vital', 'terjaga', 'umum']);
export const RecordStatus = z.enum(['aktif', 'inaktif', 'permanen', 'musnah', 'diserahkan']);
export const ExtractStatus = z.enum(['pending', 'ok', 'no-text', 'password', 'unreadable', 'unsupported', 'timeout']);

export const DocumentInfo = z.object({
  id: Id,
  recordId: Id,
  role: z.enum(['main', 'attachment']),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  originalName: z.string(),
  pages: z.number().int().nullable(),
  extractStatus: ExtractStatus,
  extractDetail: z.string().nullable(),
  importedAt: z.string(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const RecordFields = z.object({
  letterNumber: Text(200).nullable(),
  letterDate: IsoDate.nullable(),
  subject: Text(1000).min(1),
  description: Text(20000).nullable(),
  creator: Text(300).nullable(),
  originatingUnit: Text(300).nullable(),
  classificationCode: Text(60).nullable(),
  fileId: Id.nullable(),
  itemNumber: z.number().int().positive().nullable(),
  developmentLevel: DevelopmentLevel,
  medium: Medium,
  count: z.number().int().positive(),
  countUnit: Text(40),
  condition: Text(200).nullable(),
  location: Text(300).nullable(),
  securityClass: SecurityClass,
  recordsCategory: RecordsCategory,
});
export type RecordFields = z.infer<typeof RecordFields>;

export const RecordView = RecordFields.extend({
  id: Id,
  status: RecordStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  classificationTitle: z.string().nullable(),
  fileTitle: z.string().nullable(),
  documents: z.array(DocumentInfo),
});
export type RecordView = z.infer<typeof RecordView>;

export const RecordRow = z.object({
  id: Id,
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  subject: z.string(),
  classificationCode: z.string().nullable(),
  status: RecordStatus,
  securityClass: SecurityClass,
  medium: Medium,
  mainDocumentId: Id.nullable(),
  mainMime: z.string().nullable(),
  extractStatus: ExtractStatus.nullable(),
  createdAt: z.string(),
});
export type RecordRow = z.infer<typeof RecordRow>;

export const RecordFilter = z.object({
  codePrefix: Text(60).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  status: z.array(RecordStatus).max(10).optional(),
  medium: z.array(Medium).max(10).optional(),
  securityClass: z.array(SecurityClass).max(10).optional(),
  fileId: Id.optional(),
  unfiled: z.boolean().optional(),
});
export type RecordFilter = z.infer<typeof RecordFilter>;

export const SortKey = z.enum(['letterDate', 'subject', 'classificationCode', 'createdAt', 'id']);

export const SearchHit = z.object({
  recordId: Id,
  subject: z.string(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  classificationCode: z.string().nullable(),
  documentId: Id.nullable(),
  page: z.number().int().nullable(),
  /** text with matched terms wrapped in \u0002 … \u0003 markers; the renderer turns them into <mark> */
  snippet: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const ClassificationCode = z.object({
  code: z.string(),
  title: z.string(),
  scheme: z.string(),
  parent: z.string().nullable(),
  depth: z.number().int(),
  hasChildren: z.boolean(),
});
export type ClassificationCode = z.infer<typeof ClassificationCode>;

export const FileView = z.object({
  id: Id,
  fileNumber: z.string().nullable(),
  classificationCode: z.string(),
  title: z.string(),
  openedAt: IsoDate,
  closedAt: IsoDate.nullable(),
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  recordCount: z.number().int(),
});
export type FileView = z.infer<typeof FileView>;

export const ImportOutcome = z.object({
  path: z.string(),
  status: z.enum(['imported', 'duplicate', 'rejected']),
  recordId: Id.nullable(),
  reason: z.string().nullable(),
  extractStatus: ExtractStatus.nullable(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportProgress = z.object({
  jobId: z.string(),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  currentFile: z.string().nullable(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  state: z.enum(['scanning', 'running', 'done', 'cancelled', 'failed']),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const AppInfo = z.object({
  version: z.string(),
  archivePath: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  host: z.enum(['electron', 'browser-shell']),
  recordCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Stats = z.object({
  records: z.number().int(),
  documents: z.number().int(),
  files: z.number().int(),
  storeBytes: z.number(),
  byExtractStatus: z.record(z.string(), z.number().int()),
  codes: z.number().int(),
});

// ---------- channels ----------
function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const channels = {
  'app.info': channel(z.object({}).strict(), AppInfo),

  'archive.stats': channel(z.object({}).strict(), Stats),
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;
export const channelNames = Object.keys(channels) as Channel[];

// ---------- events (main → renderer) ----------
export const events = {
  'import.progress': ImportProgress,
  'app.toast': z.object({ level: z.enum(['info', 'success', 'warning', 'error']), message: Bilingual }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];

/** What crosses the bridge for every call: a value or a typed error, never a thrown stack. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
