// Archive channels: records, files (berkas), documents, import, classification, search.
import { z } from 'zod';
import {
  Bilingual,
  DevelopmentLevel,
  Download,
  ExtractStatus,
  Id,
  IsoDate,
  PartialIsoDate,
  Medium,
  NoInput,
  OcrStatus,
  PickHandle,
  RecordStatus,
  RecordsCategory,
  SecurityClass,
  Text,
  channel,
} from './shared.ts';

/** A classification code as the schemes write it: dotted segments, each a number of up to four
 *  digits or a word of up to four letters (000.1.10, 500.12.16.3, UM.02.01, TU.01.01.b). The one
 *  test: main/archive/codes.ts checks records, files and JRA rows with it, the record form too. */
export const CLASSIFICATION_CODE = /^(?:\d{1,4}|[A-Za-z]{1,4})(?:\.(?:\d{1,4}|[A-Za-z]{1,4}))*$/;

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
  /** OCR of pages without a text layer: null when the document needs none. */
  ocrStatus: OcrStatus.nullable(),
  /** Mean word confidence 0..100 over the pages read (when done). */
  ocrConfidence: z.number().nullable(),
  /** Why OCR failed, or which pages did. */
  ocrDetail: z.string().nullable(),
  ocrPagesDone: z.number().int(),
  ocrPagesTotal: z.number().int(),
  /** What the preview shows: the original's type, or application/pdf when a searchable rendition of a scan (or a TIFF) is served. */
  previewMime: z.string(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const RecordFields = z.object({
  letterNumber: Text(200).nullable(),
  letterDate: PartialIsoDate.nullable(),
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

/** A new record's fields before anyone fills them in (the form starts here; import fills the subject). */
export const BLANK_RECORD_FIELDS: RecordFields = {
  letterNumber: null,
  letterDate: null,
  subject: '',
  description: null,
  creator: null,
  originatingUnit: null,
  classificationCode: null,
  fileId: null,
  itemNumber: null,
  developmentLevel: 'asli',
  medium: 'elektronik',
  count: 1,
  countUnit: 'lembar',
  condition: null,
  location: null,
  securityClass: 'biasa',
  recordsCategory: 'umum',
};

export const RecordView = RecordFields.extend({
  id: Id,
  status: RecordStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Goes up by one with every change of the record; a save names the version it was made from. */
  version: z.number().int().positive(),
  classificationTitle: z.string().nullable(),
  /** The scheme the code was taken from (Permendagri 83/2022, 78/2012, a local scheme); null before any scheme was imported. */
  classificationScheme: z.string().nullable(),
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

/** Where a paper file sits: ruang, lemari/rak, boks, folder (each optional). */
export const FileLocation = z.object({
  room: Text(80).trim().nullable(),
  shelf: Text(80).trim().nullable(),
  box: Text(40).trim().nullable(),
  folder: Text(40).trim().nullable(),
});
export type FileLocation = z.infer<typeof FileLocation>;

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
  /** The date of the event a JRA row counts from ("setelah tidak berlaku"); null until someone records it. */
  triggerDate: IsoDate.nullable(),
  location: FileLocation,
  /** What the file's label QR holds and the records screen looks up: the file number, or BERKAS-<id> without one. */
  labelCode: z.string(),
});
export type FileView = z.infer<typeof FileView>;

export const ImportOutcome = z.object({
  path: z.string(),
  status: z.enum(['imported', 'duplicate', 'rejected']),
  recordId: Id.nullable(),
  /** English, for scripts and logs. */
  reason: z.string().nullable(),
  /** The same reason as a person reads it, in both languages. */
  message: Bilingual.nullable().default(null),
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

export const Stats = z.object({
  records: z.number().int(),
  documents: z.number().int(),
  files: z.number().int(),
  storeBytes: z.number(),
  byExtractStatus: z.record(z.string(), z.number().int()),
  codes: z.number().int(),
});


export const SavedSearchView = z.object({
  id: Id,
  name: z.string(),
  query: z.string(),
  filter: RecordFilter,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SavedSearchView = z.infer<typeof SavedSearchView>;

export const LetterNumberParts = z.object({
  pattern: z.string(),
  securityPrefix: z.string().nullable(),
  classificationCode: z.string().nullable(),
  sequence: z.string().nullable(),
  unit: z.string().nullable(),
  month: z.number().int().nullable(),
  year: z.number().int().nullable(),
});
export type LetterNumberParts = z.infer<typeof LetterNumberParts>;

const Pattern = Text(200).regex(/^[^/]+(\/[^/]+)*$/, 'segments separated by /');

export const archiveChannels = {
  'records.list': channel(
    z
      .object({
        filter: RecordFilter.default({}),
        sort: SortKey.default('createdAt'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).max(100_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(RecordRow) }),
    'any',
  ),
  'records.get': channel(z.object({ id: Id }).strict(), RecordView, 'any'),
  /** Ids of the records a list shows (for select-all and bulk edit), capped at what a bulk edit takes. */
  'records.ids': channel(
    z
      .object({
        filter: RecordFilter.default({}),
        sort: SortKey.default('createdAt'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        limit: z.number().int().min(1).max(10_000).default(10_000),
      })
      .strict(),
    z.object({ ids: z.array(Id), truncated: z.boolean() }),
    'any',
  ),
  'records.create': channel(z.object({ fields: RecordFields }).strict(), RecordView, 'staff'),
  'records.update': channel(
    z
      .object({
        id: Id,
        fields: RecordFields.partial(),
        /** The version the user's edit started from (the form sends it): a save over a newer one
         *  is refused with a conflict that carries the record as it is now, never overwritten. */
        expectedVersion: z.number().int().positive().optional(),
      })
      .strict(),
    RecordView,
    'staff',
  ),
  'records.bulkUpdate': channel(
    z
      .object({
        ids: z.array(Id).min(1).max(10_000),
        fields: RecordFields.pick({ classificationCode: true, fileId: true, location: true, securityClass: true }).partial(),
      })
      .strict(),
    z.object({ updated: z.number().int() }),
    'staff',
  ),

  'search.query': channel(
    z
      .object({
        query: Text(500),
        filter: RecordFilter.default({}),
        offset: z.number().int().min(0).max(10_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({ total: z.number().int(), capped: z.boolean(), hits: z.array(SearchHit), notice: Bilingual.nullable() }),
    'any',
  ),

  'import.start': channel(
    // Handles of what the user picked, dropped or uploaded; the renderer never names a path.
    z.object({ handles: z.array(PickHandle).min(1).max(10_000), classificationCode: Text(60).optional() }).strict(),
    z.object({ jobId: z.string() }),
    'staff',
  ),
  'import.cancel': channel(z.object({ jobId: z.string() }).strict(), z.object({ cancelled: z.boolean() }), 'staff'),
  'import.result': channel(
    z.object({ jobId: z.string() }).strict(),
    z.object({ progress: ImportProgress, outcomes: z.array(ImportOutcome) }),
    'any',
  ),

  'scheme.children': channel(z.object({ parent: Text(60).nullable() }).strict(), z.array(ClassificationCode), 'any'),
  'scheme.addCode': channel(
    z.object({ scheme: Text(200).trim().min(1), code: Text(60).trim().min(1), title: Text(500).trim().min(1) }).strict(),
    ClassificationCode,
    'admin',
  ),
  'scheme.search': channel(
    z.object({ query: Text(200), limit: z.number().int().min(1).max(100).default(30) }).strict(),
    z.array(ClassificationCode),
    'any',
  ),

  'files.list': channel(
    z.object({ codePrefix: Text(60).optional(), openOnly: z.boolean().default(false) }).strict(),
    z.array(FileView),
    'any',
  ),
  'files.create': channel(
    z
      .object({
        classificationCode: Text(60).min(1),
        title: Text(500).min(1),
        fileNumber: Text(60).nullable().default(null),
        openedAt: IsoDate,
      })
      .strict(),
    FileView,
    'staff',
  ),
  'files.close': channel(z.object({ id: Id, closedAt: IsoDate }).strict(), FileView, 'staff'),
  // Reopening moves the retention clock: a supervisor decides, with a reason (checked in main).
  'files.reopen': channel(z.object({ id: Id, reason: Text(2000).trim().min(1) }).strict(), FileView, 'supervisor'),
  // The event a JRA row counts from; staff record it first, a supervisor changes or clears it once
  // the clock runs from it (checked in main).
  'files.setTriggerDate': channel(z.object({ id: Id, date: IsoDate.nullable(), reason: Text(2000).trim().min(1) }).strict(), FileView, 'staff'),
  'files.setLocation': channel(z.object({ id: Id, location: FileLocation.strict() }).strict(), FileView, 'staff'),
  /** The file a scanned label names (its QR holds labelCode); not-found when none does. */
  'files.lookup': channel(z.object({ code: Text(80).trim().min(1) }).strict(), FileView, 'any'),
  /** Printable labels (A4 PDF in the archive's export folder): one folder label per file (eight a
   *  page, with its QR), or one box label per box the chosen files sit in (four a page). */
  'files.labels': channel(
    z.object({ fileIds: z.array(Id).min(1).max(1000), kind: z.enum(['folder', 'box']) }).strict(),
    z.object({ path: z.string(), labels: z.number().int(), pages: z.number().int(), bytes: z.number().int(), download: Download.optional() }),
    'staff',
  ),

  'documents.get': channel(z.object({ documentId: Id }).strict(), DocumentInfo, 'any'),
  'documents.url': channel(
    /**
     * purpose: `view` (the preview), `copy` (the user saves a copy out of the archive: the URL
     * makes the browser save it) or `external` (a read-only copy handed to a program of the
     * system). Each is its own audit entry: a copy that leaves the app is not an opening.
     */
    z.object({ documentId: Id, purpose: z.enum(['view', 'copy', 'external']).default('view') }).strict(),
    /** mime: what the URL serves (a scan's searchable PDF rendition, or the original). */
    z.object({ url: z.string(), mime: z.string() }),
    'any',
  ),
  'documents.unlock': channel(
    z.object({ documentId: Id, password: Text(1000).min(1) }).strict(),
    z.object({ status: ExtractStatus, detail: z.string().nullable() }),
    'staff',
  ),

  'searches.list': channel(NoInput, z.array(SavedSearchView), 'any'),
  'searches.save': channel(z.object({ name: Text(120).min(1), query: Text(500), filter: RecordFilter }).strict(), SavedSearchView, 'staff'),
  'searches.delete': channel(z.object({ id: Id }).strict(), z.object({ deleted: z.literal(true) }), 'staff'),

  'letterNumber.parse': channel(z.object({ text: Text(200) }).strict(), LetterNumberParts.nullable(), 'any'),
  'letterNumber.patterns': channel(NoInput, z.array(z.string()), 'any'),
  'letterNumber.setPatterns': channel(z.object({ patterns: z.array(Pattern).min(1).max(20) }).strict(), z.array(z.string()), 'admin'),

  'archive.stats': channel(NoInput, Stats, 'any'),
} as const;

export const archiveEvents = {
  'import.progress': ImportProgress,
  /** A document's text extraction finished (the list's text column and the detail pane update). */
  'document.indexed': z.object({ documentId: Id, recordId: Id, status: ExtractStatus }),
} as const;
