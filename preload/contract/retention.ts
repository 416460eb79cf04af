// Retention channels: JRA versions and the change preview, the due queues and the dashboard, legal
// holds, the disposition workflows (transfer, destruction, handover), re-appraisal, and the
// letterhead the berita acara carry. Proposing is 'staff'; approving and executing 'supervisor'.
// Dates that decide whether something is due for execution never come from here: main uses its
// own clock, so no caller can make a record due by naming a later day.
import { z } from 'zod';
import { RecordFilter } from './archive.ts';
import { Bilingual, Download, Id, IsoDate, NoInput, PickHandle, RecordStatus, Text, channel } from './shared.ts';

export const Disposition = z.enum(['musnah', 'permanen', 'dinilai-kembali']);
export type Disposition = z.infer<typeof Disposition>;
export const NextAction = z.enum(['transfer', 'destroy', 'handover', 'reappraise', 'none']);
export type NextAction = z.infer<typeof NextAction>;

// ---------- letterhead ----------
export const Letterhead = z.object({
  instansi: Text(200),
  unit: Text(200),
  alamat: Text(300),
  kontak: Text(300),
  kota: Text(100),
  kepala: Text(200),
  nip: Text(40),
  jabatan: Text(200),
});
export type Letterhead = z.infer<typeof Letterhead>;
export const LetterheadLogo = z.object({ mime: z.enum(['image/png', 'image/jpeg']), dataUrl: z.string(), width: z.number(), height: z.number(), name: z.string() });
/** isDefault: neither instansi nor unit is filled in yet (documents then print no kop). */
export const LetterheadView = z.object({ letterhead: Letterhead, isDefault: z.boolean(), logo: LetterheadLogo.nullable() });
export type LetterheadView = z.infer<typeof LetterheadView>;

// ---------- JRA ----------
export const JraVersion = z.object({
  id: Id,
  name: z.string(),
  fileName: z.string(),
  state: z.enum(['draft', 'applied', 'superseded', 'discarded']),
  ruleCount: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string(),
  appliedAt: z.string().nullable(),
  appliedBy: z.string().nullable(),
});
export type JraVersion = z.infer<typeof JraVersion>;

export const JraRule = z.object({
  id: Id,
  code: z.string(),
  recordType: z.string(),
  activeYears: z.number().int(),
  inactiveYears: z.number().int(),
  trigger: z.string().nullable(),
  disposition: Disposition,
  dispositionRaw: z.string(),
  conditional: z.boolean(),
  note: z.string().nullable(),
  source: z.string().nullable(),
});
export type JraRule = z.infer<typeof JraRule>;

export const ScheduleSummary = z.object({
  ruleCode: z.string().nullable(),
  disposition: z.string().nullable(),
  activeUntil: z.string().nullable(),
  inactiveUntil: z.string().nullable(),
  nextAction: NextAction,
  dueAt: z.string().nullable(),
  state: z.string(),
});
export type ScheduleSummary = z.infer<typeof ScheduleSummary>;

export const VersionPreview = z.object({
  version: JraVersion,
  current: JraVersion.nullable(),
  asOf: z.string(),
  filesCompared: z.number().int(),
  changes: z.array(
    z.object({
      fileId: Id,
      fileNumber: z.string().nullable(),
      title: z.string(),
      classificationCode: z.string(),
      before: ScheduleSummary,
      after: ScheduleSummary,
      becomesDue: z.boolean(),
      keepsReappraisal: z.boolean(),
    }),
  ),
  withoutRule: z.array(z.object({ fileId: Id, classificationCode: z.string(), title: z.string() })),
});
export type VersionPreview = z.infer<typeof VersionPreview>;

export const JraImportResult = z.object({
  version: JraVersion,
  rules: z.number().int(),
  conditional: z.number().int(),
  withTrigger: z.number().int(),
});

// ---------- queues and dashboard ----------
export const QueueItem = z.object({
  fileId: Id,
  fileNumber: z.string().nullable(),
  title: z.string(),
  classificationCode: z.string(),
  closedAt: z.string().nullable(),
  stage: z.enum(['aktif', 'inaktif']),
  nextAction: NextAction,
  dueAt: z.string().nullable(),
  activeUntil: z.string().nullable(),
  inactiveUntil: z.string().nullable(),
  basis: z.string().nullable(),
  ruleCode: z.string().nullable(),
  recordType: z.string().nullable(),
  dispositionText: z.string().nullable(),
  needsDecision: z.boolean(),
  reappraised: z.boolean(),
  totalYears: z.number().int().nullable(),
  eligible: z.number().int(),
  held: z.number().int(),
  inCase: z.number().int(),
  holdNames: z.array(z.string()),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const FileRef = z.object({
  fileId: Id,
  fileNumber: z.string().nullable(),
  title: z.string(),
  classificationCode: z.string(),
  closedAt: z.string().nullable(),
  records: z.number().int(),
  detail: z.string().nullable(),
});
export type FileRef = z.infer<typeof FileRef>;

export const Queues = z.object({
  asOf: z.string(),
  versionId: Id.nullable(),
  transfer: z.array(QueueItem),
  destroy: z.array(QueueItem),
  handover: z.array(QueueItem),
  reappraise: z.array(QueueItem),
  onHold: z.array(QueueItem),
  noRule: z.array(FileRef),
  awaitingEvent: z.array(FileRef),
  unfiledRecords: z.number().int(),
  holdFailures: z.array(z.object({ holdId: Id, message: z.string() })),
});
export type Queues = z.infer<typeof Queues>;

const ActionCounts = z.object({ transfer: z.number().int(), destroy: z.number().int(), handover: z.number().int(), reappraise: z.number().int() });

export const RetentionDashboard = z.object({
  asOf: z.string(),
  version: z.object({ id: Id, name: z.string(), appliedAt: z.string().nullable() }).nullable(),
  due: ActionCounts,
  dueRecords: ActionCounts,
  onHold: z.number().int(),
  heldRecords: z.number().int(),
  noRule: z.number().int(),
  awaitingEvent: z.number().int(),
  unfiledRecords: z.number().int(),
  activeHolds: z.number().int(),
  openCases: z.object({ transfer: z.number().int(), destruction: z.number().int(), handover: z.number().int() }),
  perMonth: z.array(ActionCounts.extend({ month: z.string() })),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  byCode: z.array(z.object({ code: z.string().nullable(), count: z.number().int() })),
});
export type RetentionDashboard = z.infer<typeof RetentionDashboard>;

export const FileScheduleView = z.object({
  fileId: Id,
  classificationCode: z.string(),
  rule: JraRule.nullable(),
  reappraisal: z.object({ id: Id, decidedAt: z.string(), extendYears: z.number().int(), disposition: Disposition, reason: z.string() }).nullable(),
  schedule: ScheduleSummary.extend({ basis: z.string().nullable(), needsDecision: z.boolean(), totalYears: z.number().int().nullable() }),
});
export type FileScheduleView = z.infer<typeof FileScheduleView>;

// ---------- holds ----------
export const SavedSearch = z.object({ text: Text(500).optional(), filter: RecordFilter.optional() }).strict();
export const HoldTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record'), recordId: Id }).strict(),
  z.object({ kind: z.literal('file'), fileId: Id }).strict(),
  z.object({ kind: z.literal('code'), codePrefix: Text(60).trim().min(1) }).strict(),
  z.object({ kind: z.literal('search'), query: SavedSearch }).strict(),
]);
export type HoldTarget = z.infer<typeof HoldTarget>;

export const Hold = z.object({
  id: Id,
  name: z.string(),
  reason: z.string(),
  caseRef: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  liftedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftReason: z.string().nullable(),
  targets: z.array(HoldTarget),
  heldRecords: z.number().int().nullable(),
});
export type Hold = z.infer<typeof Hold>;

export const HoldReport = z.object({
  total: z.number().int(),
  rows: z.array(
    z.object({
      recordId: Id,
      subject: z.string(),
      letterNumber: z.string().nullable(),
      classificationCode: z.string().nullable(),
      fileId: Id.nullable(),
      fileTitle: z.string().nullable(),
      status: z.string(),
      holds: z.array(z.string()),
    }),
  ),
  failures: z.array(z.object({ holdId: Id, message: z.string() })),
});

// ---------- disposition cases ----------
export const CaseKind = z.enum(['transfer', 'destruction', 'handover']);
export type CaseKind = z.infer<typeof CaseKind>;
export const CaseState = z.enum(['draft', 'appraised', 'approved', 'done', 'rejected', 'cancelled']);
export type CaseState = z.infer<typeof CaseState>;
export const Authority = z.enum(['atasan', 'panitia-penilai', 'kepala-perangkat-daerah', 'kepala-daerah', 'anri']);
export type Authority = z.infer<typeof Authority>;

export const Signatory = z
  .object({ name: Text(200).trim().min(1), nip: Text(40).trim().default(''), jabatan: Text(200).trim().default('') })
  .strict();
export type Signatory = z.infer<typeof Signatory>;

export const CaseItem = z.object({
  recordId: Id,
  fileId: Id.nullable(),
  subject: z.string(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  classificationCode: z.string().nullable(),
  fileTitle: z.string().nullable(),
  fileNumber: z.string().nullable(),
  status: RecordStatus,
  ruleCode: z.string().nullable(),
  versionId: Id.nullable(),
  dispositionText: z.string().nullable(),
  dueAt: z.string().nullable(),
  totalYears: z.number().int().nullable(),
  conditional: z.boolean(),
  conditionNote: z.string().nullable(),
  boxNumber: z.string().nullable(),
  folderNumber: z.string().nullable(),
  removed: z.boolean(),
  removedReason: z.string().nullable(),
});
export type CaseItem = z.infer<typeof CaseItem>;

export const Approval = z.object({
  authority: Authority,
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  signedBy: z.string().nullable(),
  opinion: z.string().nullable(),
  agrees: z.boolean(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Approval = z.infer<typeof Approval>;

export const DispositionBlocker = z.object({ recordId: Id.nullable(), code: z.string(), message: Bilingual });
export type DispositionBlocker = z.infer<typeof DispositionBlocker>;

export const CaseCheck = z.object({
  /** destruction: '<10' or '>=10' years of retention, which decides who must approve */
  band: z.enum(['<10', '>=10']).nullable(),
  maxTotalYears: z.number().int().nullable(),
  required: z.array(Authority),
  missing: z.array(Authority),
  blockers: z.array(DispositionBlocker),
  canExecute: z.boolean(),
});
export type CaseCheck = z.infer<typeof CaseCheck>;

export const CaseDocument = z.object({ documentId: Id, kind: z.enum(['daum', 'ba-pemindahan', 'ba-pemusnahan', 'ba-penyerahan']), originalName: z.string(), createdAt: z.string() });
export type CaseDocument = z.infer<typeof CaseDocument>;

/** What a scan attached to a dossier is (migration 0100's disposition_attachments.kind). */
export const AttachmentKind = z.enum(['sk-panitia', 'pertimbangan-panitia', 'persetujuan', 'penetapan', 'ba-ttd-basah', 'daftar-ttd-basah', 'lainnya']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

export const CaseAttachment = z.object({
  id: Id,
  documentId: Id,
  kind: AttachmentKind,
  note: z.string().nullable(),
  originalName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type CaseAttachment = z.infer<typeof CaseAttachment>;

/** The regional archives agency's participation in a destruction of ≥ 10 years. */
export const LkdParticipation = z.object({
  agency: z.string(),
  letterNumber: z.string(),
  letterDate: z.string(),
  officer: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type LkdParticipation = z.infer<typeof LkdParticipation>;

export const CaseView = z.object({
  id: Id,
  kind: CaseKind,
  state: CaseState,
  title: z.string(),
  jraVersionId: Id.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  location: z.string().nullable(),
  recipient: z.string().nullable(),
  baNumber: z.string().nullable(),
  baDate: z.string().nullable(),
  method: z.string().nullable(),
  executedBy: z.string().nullable(),
  executedAt: z.string().nullable(),
  exportPath: z.string().nullable(),
  dossierRecordId: Id.nullable(),
  closedReason: z.string().nullable(),
  items: z.array(CaseItem),
  approvals: z.array(Approval),
  documents: z.array(CaseDocument),
  attachments: z.array(CaseAttachment),
  lkd: LkdParticipation.nullable(),
  check: CaseCheck,
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseSummary = z.object({
  id: Id,
  kind: CaseKind,
  state: CaseState,
  title: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  items: z.number().int(),
  baNumber: z.string().nullable(),
  executedAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const BackupNotice = z.object({
  folder: z.string().nullable(),
  generations: z.array(z.object({ name: z.string(), modifiedAt: z.string() })),
  message: Bilingual,
});
export type BackupNotice = z.infer<typeof BackupNotice>;

// ---------- Daftar Arsip Aktif / Inaktif ----------
export const ArchiveListKind = z.enum(['aktif', 'inaktif']);
export type ArchiveListKind = z.infer<typeof ArchiveListKind>;

export const ArchiveListTable = z.object({
  kind: ArchiveListKind,
  title: z.string(),
  agency: z.string(),
  unit: z.string(),
  period: z.string(),
  asOf: z.string(),
  columns: z.array(z.object({ header: z.string(), width: z.number() })),
  rows: z.array(z.array(z.string())),
  records: z.number().int(),
  files: z.number().int(),
});
export type ArchiveListTable = z.infer<typeof ArchiveListTable>;

const ArchiveListFilter = {
  kind: ArchiveListKind,
  /** originating unit ('' = records without one); null: all units */
  unit: Text(300).nullable().default(null),
  year: z.number().int().min(1900).max(2200).nullable().default(null),
};

const Selection = {
  fileIds: z.array(Id).max(5000).default([]),
  recordIds: z.array(Id).max(50000).default([]),
};
const CaseRef = z.object({ id: Id }).strict();
const Reason = Text(2000).trim().min(1);
const LetterNumber = Text(200).trim().min(1);

export const retentionChannels = {
  'retention.dashboard': channel(z.object({ asOf: IsoDate.optional() }).strict(), RetentionDashboard, 'any'),
  'retention.queues': channel(z.object({ asOf: IsoDate.optional() }).strict(), Queues, 'any'),
  'retention.fileSchedule': channel(z.object({ fileId: Id }).strict(), FileScheduleView, 'any'),

  'retention.jra.versions': channel(NoInput, z.array(JraVersion), 'any'),
  'retention.jra.rules': channel(z.object({ versionId: Id }).strict(), z.array(JraRule), 'any'),
  /** The rule in force for each code (longest dotted prefix), for pickers that show retention beside codes. */
  'retention.jra.forCodes': channel(
    z.object({ codes: z.array(Text(60)).max(200) }).strict(),
    z.array(z.object({ code: z.string(), rule: JraRule.nullable() })),
    'any',
  ),
  'retention.jra.import': channel(z.object({ handle: PickHandle, name: Text(200).optional() }).strict(), JraImportResult, 'supervisor'),
  'retention.jra.preview': channel(z.object({ versionId: Id, asOf: IsoDate.optional() }).strict(), VersionPreview, 'any'),
  'retention.jra.apply': channel(z.object({ versionId: Id, confirm: z.literal(true) }).strict(), JraVersion, 'supervisor'),
  'retention.jra.discard': channel(z.object({ versionId: Id }).strict(), JraVersion, 'supervisor'),

  'retention.holds.list': channel(z.object({ includeLifted: z.boolean().default(false) }).strict(), z.array(Hold), 'any'),
  'retention.holds.create': channel(
    z
      .object({
        name: Text(200).trim().min(1),
        reason: Reason,
        caseRef: Text(200).trim().nullable().default(null),
        targets: z.array(HoldTarget).min(1).max(10000),
      })
      .strict(),
    Hold,
    'staff',
  ),
  'retention.holds.addTargets': channel(z.object({ id: Id, targets: z.array(HoldTarget).min(1).max(10000) }).strict(), Hold, 'staff'),
  'retention.holds.lift': channel(z.object({ id: Id, reason: Reason }).strict(), Hold, 'supervisor'),
  'retention.holds.report': channel(NoInput, HoldReport, 'any'),

  'retention.cases.list': channel(z.object({ kind: CaseKind.optional(), includeClosed: z.boolean().default(true) }).strict(), z.array(CaseSummary), 'any'),
  'retention.cases.get': channel(CaseRef, CaseView, 'any'),
  'retention.cases.removeItems': channel(z.object({ id: Id, recordIds: z.array(Id).min(1).max(50000), reason: Reason }).strict(), CaseView, 'staff'),
  /** A scan (PDF or image) the user picked, attached to the case dossier; never removable. */
  'retention.cases.attach': channel(
    z.object({ id: Id, handle: PickHandle, name: Text(255).optional(), kind: AttachmentKind, note: Text(1000).trim().nullable().default(null) }).strict(),
    CaseView,
    'staff',
  ),
  'retention.cases.cancel': channel(z.object({ id: Id, reason: Reason }).strict(), CaseView, 'supervisor'),

  'retention.transfer.create': channel(
    z
      .object({
        ...Selection,
        title: Text(300).trim().min(1),
        location: Text(300).trim().min(1),
        firstBox: z.number().int().min(1).max(100000).default(1),
        foldersPerBox: z.number().int().min(1).max(1000).default(10),
      })
      .strict(),
    CaseView,
    'staff',
  ),
  'retention.transfer.setBoxes': channel(
    z.object({ id: Id, items: z.array(z.object({ fileId: Id, boxNumber: Text(40).trim().min(1), folderNumber: Text(40).trim().min(1) }).strict()).min(1).max(5000) }).strict(),
    CaseView,
    'staff',
  ),
  'retention.transfer.approve': channel(z.object({ id: Id, note: Text(2000).default('') }).strict(), CaseView, 'supervisor'),
  'retention.transfer.execute': channel(
    z.object({ id: Id, baNumber: LetterNumber, from: Signatory, to: Signatory }).strict(),
    z.object({ case: CaseView, documentId: Id }),
    'supervisor',
  ),

  'retention.destruction.propose': channel(z.object({ ...Selection, title: Text(300).trim().min(1) }).strict(), CaseView, 'staff'),
  'retention.destruction.daum': channel(CaseRef, z.object({ documentId: Id }), 'staff'),
  'retention.destruction.confirmCondition': channel(z.object({ id: Id, recordIds: z.array(Id).min(1).max(50000), note: Reason }).strict(), CaseView, 'supervisor'),
  'retention.destruction.committee': channel(
    z.object({ id: Id, letterNumber: LetterNumber, letterDate: IsoDate, signedBy: Text(200).trim().min(1), opinion: Reason, agrees: z.boolean() }).strict(),
    CaseView,
    'supervisor',
  ),
  'retention.destruction.approve': channel(
    z
      .object({
        id: Id,
        authority: z.enum(['kepala-perangkat-daerah', 'kepala-daerah', 'anri']),
        letterNumber: LetterNumber,
        letterDate: IsoDate,
        signedBy: Text(200).trim().min(1),
      })
      .strict(),
    CaseView,
    'supervisor',
  ),
  /** ≥ 10 years: the regional archives agency's letter, required before execution; recorded once. */
  'retention.destruction.lkd': channel(
    z.object({ id: Id, agency: Text(300).trim().min(1), letterNumber: LetterNumber, letterDate: IsoDate, officer: Text(200).trim().nullable().default(null) }).strict(),
    CaseView,
    'supervisor',
  ),
  'retention.destruction.execute': channel(
    z
      .object({
        id: Id,
        baNumber: LetterNumber,
        place: Text(200).trim().default(''),
        method: Text(300).trim().min(1),
        executor: Signatory,
        witnesses: z.array(Signatory).min(1).max(6),
      })
      .strict(),
    z.object({ case: CaseView, destroyedRecords: z.number().int(), documentId: Id, dossierRecordId: Id, backups: BackupNotice }),
    'supervisor',
  ),

  'retention.handover.create': channel(z.object({ ...Selection, title: Text(300).trim().min(1), recipient: Text(300).trim().min(1) }).strict(), CaseView, 'staff'),
  'retention.handover.approve': channel(z.object({ id: Id, note: Text(2000).default('') }).strict(), CaseView, 'supervisor'),
  'retention.handover.execute': channel(
    z.object({ id: Id, baNumber: LetterNumber, from: Signatory, to: Signatory, exportDir: Text(4096).min(1) }).strict(),
    z.object({ case: CaseView, documentId: Id, exportPath: z.string() }),
    'supervisor',
  ),

  'retention.reappraisal.decide': channel(
    z
      .object({
        fileId: Id,
        extendYears: z.number().int().min(0).max(100),
        disposition: Disposition,
        reason: Reason,
        decisionRef: Text(200).trim().min(1),
      })
      .strict(),
    FileScheduleView,
    'supervisor',
  ),

  'retention.lists.choices': channel(z.object({ kind: ArchiveListKind }).strict(), z.object({ units: z.array(z.string()), years: z.array(z.number().int()) }), 'any'),
  'retention.lists.view': channel(z.object(ArchiveListFilter).strict(), ArchiveListTable, 'any'),
  /** Written to the archive's ekspor folder. */
  'retention.lists.export': channel(z.object({ ...ArchiveListFilter, format: z.enum(['pdf', 'xlsx']) }).strict(), z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int(), download: Download.optional() }), 'any'),

  'retention.letterhead.get': channel(NoInput, LetterheadView, 'any'),
  'retention.letterhead.set': channel(z.object({ letterhead: Letterhead }).strict(), LetterheadView, 'admin'),
  /** A PNG or JPEG (at most 256 KB) the user picked; stored in the archive, printed on every document. */
  'retention.letterhead.setLogo': channel(z.object({ handle: PickHandle, name: Text(255).optional() }).strict(), LetterheadView, 'admin'),
  'retention.letterhead.clearLogo': channel(NoInput, LetterheadView, 'admin'),
  'retention.savePdf': channel(z.object({ documentId: Id, folder: Text(4096).min(1) }).strict(), z.object({ path: z.string() }), 'any'),
} as const;

export const retentionEvents = {} as const;
