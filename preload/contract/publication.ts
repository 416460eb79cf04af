// Publication channels (UI "Publikasi"): public-information classification (UU 14/2008 KIP) with
// its consequence test, the four-eyes publication workflow, the personal-data scan, and the DIP and
// DIK registers with their exports.
import { z } from 'zod';
import { Bilingual, Download, ExtractStatus, Id, IsoDate, NoInput, RecordStatus, SecurityClass, Text, channel } from './shared.ts';

export const PublicCategory = z.enum(['berkala', 'serta-merta', 'setiap-saat', 'dikecualikan']);
export type PublicCategory = z.infer<typeof PublicCategory>;
export const OpenCategory = z.enum(['berkala', 'serta-merta', 'setiap-saat']);
export type OpenCategory = z.infer<typeof OpenCategory>;

/** UU 14/2008 Pasal 17 huruf a–j. */
export const ExemptionGround = z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
export type ExemptionGround = z.infer<typeof ExemptionGround>;

/** The grounds' wording, shared by the screens and the register exports. */
export const EXEMPTION_GROUNDS: Record<ExemptionGround, Bilingual> = {
  a: { id: 'menghambat proses penegakan hukum', en: 'would obstruct law enforcement' },
  b: { id: 'mengganggu perlindungan hak kekayaan intelektual dan persaingan usaha tidak sehat', en: 'would harm intellectual property rights or fair competition' },
  c: { id: 'membahayakan pertahanan dan keamanan negara', en: 'would endanger national defence and security' },
  d: { id: 'mengungkapkan kekayaan alam Indonesia', en: "would reveal Indonesia's natural resources" },
  e: { id: 'merugikan ketahanan ekonomi nasional', en: 'would harm national economic resilience' },
  f: { id: 'merugikan kepentingan hubungan luar negeri', en: 'would harm foreign relations' },
  g: { id: 'mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun wasiat seseorang', en: "would reveal a private authentic deed or a person's last will" },
  h: { id: 'mengungkap rahasia pribadi', en: 'would reveal personal secrets' },
  i: { id: 'memorandum atau surat antar/intra Badan Publik yang menurut sifatnya dirahasiakan', en: 'memoranda or letters between or within public bodies that are confidential by nature' },
  j: { id: 'informasi yang tidak boleh diungkapkan berdasarkan Undang-Undang', en: 'information a statute forbids disclosing' },
};
/** Only these grounds may be exempt without an end date (UU 14/2008 Pasal 17 g and h). */
export const PERMANENT_GROUNDS: readonly ExemptionGround[] = ['g', 'h'];

export const CATEGORY_LABELS: Record<PublicCategory, Bilingual> = {
  berkala: { id: 'Berkala', en: 'Periodic (berkala)' },
  'serta-merta': { id: 'Serta merta', en: 'Immediate (serta merta)' },
  'setiap-saat': { id: 'Setiap saat', en: 'Available at any time (setiap saat)' },
  dikecualikan: { id: 'Dikecualikan', en: 'Exempt (dikecualikan)' },
};

/** The statute a Pasal 17 huruf j exemption rests on: its name and the article that forbids disclosure. */
export const Statute = z
  .object({
    /** e.g. "UU 24/2013 tentang Administrasi Kependudukan" */
    name: Text(300).trim().min(1),
    /** e.g. "Pasal 79 ayat (1)" */
    article: Text(200).trim().min(1),
  })
  .strict();
export type Statute = z.infer<typeof Statute>;

/** Uji konsekuensi: what is exempt, on which ground (for huruf j: which statute), the harm of disclosure, until when, and the PPID decision. */
export const ConsequenceTest = z
  .object({
    information: Text(2000).trim().min(1),
    ground: ExemptionGround,
    /** Required for ground j (the statute forbidding disclosure); may name the basis for the others. */
    statute: Statute.nullable().optional(),
    harm: Text(5000).trim().min(1),
    /** Last day of the exemption; null (permanent) only for Pasal 17 g and h. */
    until: IsoDate.nullable(),
    decisionNumber: Text(200).trim().min(1),
    decisionDate: IsoDate,
  })
  .strict();
export type ConsequenceTest = z.infer<typeof ConsequenceTest>;

export const Exemption = ConsequenceTest.extend({
  id: Id,
  recordId: Id,
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Exemption = z.infer<typeof Exemption>;

export const ProposalState = z.enum(['proposed', 'approved', 'rejected', 'cancelled', 'withdrawn']);
export type ProposalState = z.infer<typeof ProposalState>;

/** Why a record cannot be proposed or approved right now. */
export const Blocker = z.object({
  code: z.enum(['unclassified', 'exempt', 'secret', 'not-held', 'text-pending']),
  message: Bilingual,
});
export type Blocker = z.infer<typeof Blocker>;

export const Candidate = z.object({
  recordId: Id,
  subject: z.string(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  classificationCode: z.string().nullable(),
  securityClass: SecurityClass,
  status: RecordStatus,
  publicCategory: PublicCategory.nullable(),
  proposalState: z.enum(['proposed', 'approved']).nullable(),
  blockers: z.array(Blocker),
});
export type Candidate = z.infer<typeof Candidate>;

export const Proposal = z.object({
  id: Id,
  recordId: Id,
  subject: z.string(),
  letterNumber: z.string().nullable(),
  publicCategory: PublicCategory.nullable(),
  state: ProposalState,
  note: z.string().nullable(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  personalDataHits: z.number().int().nullable(),
  personalDataAcknowledged: z.boolean(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawComment: z.string().nullable(),
  /** Filled for open proposals: what would refuse an approval now. */
  blockers: z.array(Blocker),
});
export type Proposal = z.infer<typeof Proposal>;

/** One change of a record's security class (the approval screen shows them: four eyes span a downgrade). */
export const ClassChange = z.object({ from: SecurityClass, to: SecurityClass, by: z.string(), at: z.string() });
export type ClassChange = z.infer<typeof ClassChange>;

export const PersonalDataKind = z.enum(['nik', 'nip', 'phone', 'email']);
export type PersonalDataKind = z.infer<typeof PersonalDataKind>;

export const PersonalDataHit = z.object({
  documentId: Id.nullable(),
  /** The document's name, or null for the record's own metadata. */
  documentName: z.string().nullable(),
  page: z.number().int().nullable(),
  kind: PersonalDataKind,
  match: z.string(),
  before: z.string(),
  after: z.string(),
});
export type PersonalDataHit = z.infer<typeof PersonalDataHit>;

export const PersonalDataScan = z.object({
  hits: z.array(PersonalDataHit),
  /** All hits found; `hits` stops at a display cap. */
  total: z.number().int(),
  /** Documents whose text could not be read (scans without a text layer…): check them by eye. */
  unscanned: z.array(z.object({ documentId: Id, name: z.string(), reason: ExtractStatus })),
  /** Documents still waiting for text extraction: approval waits for them. */
  pending: z.array(z.object({ documentId: Id, name: z.string() })),
});
export type PersonalDataScan = z.infer<typeof PersonalDataScan>;

export const DipRow = z.object({
  number: z.number().int(),
  recordId: Id,
  summary: z.string(),
  unit: z.string().nullable(),
  responsible: z.string().nullable(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  forms: z.array(z.enum(['softcopy', 'hardcopy'])),
  retention: z.string().nullable(),
  category: OpenCategory,
});
export type DipRow = z.infer<typeof DipRow>;

export const DikRow = z.object({
  number: z.number().int(),
  recordId: Id,
  subject: z.string(),
  information: z.string(),
  ground: ExemptionGround,
  statute: Statute.nullable(),
  harm: z.string(),
  until: z.string().nullable(),
  decisionNumber: z.string(),
  decisionDate: z.string(),
  recordedBy: z.string(),
});
export type DikRow = z.infer<typeof DikRow>;

export const DipChange = z.object({
  id: Id,
  recordId: Id,
  subject: z.string(),
  reason: z.enum(['classified', 'exempted', 'exemption-lapsed', 'exemption-ended']),
  detail: z.string().nullable(),
  createdAt: z.string(),
});
export type DipChange = z.infer<typeof DipChange>;

export const RegisterSettings = z
  .object({
    /** Badan publik / perangkat daerah named in the register titles. */
    agency: Text(300),
    /** Defaults for records that do not say: unit holding the information, person responsible, place made. */
    unit: Text(300),
    responsible: Text(300),
    place: Text(120),
  })
  .strict();
export type RegisterSettings = z.infer<typeof RegisterSettings>;

/** A berkala item and its six-month refresh (UU 14/2008 Pasal 9). */
export const BerkalaItem = z.object({
  recordId: Id,
  subject: z.string(),
  letterNumber: z.string().nullable(),
  /** the day counted from: the last refresh, publication, or when it entered the archive */
  since: z.string(),
  basis: z.enum(['refreshed', 'published', 'recorded']),
  dueOn: z.string(),
  due: z.boolean(),
});
export type BerkalaItem = z.infer<typeof BerkalaItem>;

/** What an export does with personal data found in the register's cells. */
export const RegisterPersonalData = z.enum(['check', 'mask', 'keep']);
export type RegisterPersonalData = z.infer<typeof RegisterPersonalData>;

/** One personal-data hit in a register's cell, shown masked. */
export const RegisterFinding = z.object({
  /** 1-based row in the register */
  row: z.number().int(),
  /** the row's number as the register prints it */
  number: z.string(),
  column: z.string(),
  kind: PersonalDataKind,
  masked: z.string(),
});
export type RegisterFinding = z.infer<typeof RegisterFinding>;

const Page = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};
const RecordRef = z.object({ recordId: Id }).strict();

export const ClassifyInput = z.discriminatedUnion('category', [
  z.object({ recordId: Id, category: OpenCategory }).strict(),
  z.object({ recordId: Id, category: z.literal(null) }).strict(),
  z.object({ recordId: Id, category: z.literal('dikecualikan'), test: ConsequenceTest }).strict(),
]);
export type ClassifyInput = z.infer<typeof ClassifyInput>;

export const CandidateFilter = z.enum(['all', 'unclassified', 'public', 'exempt', 'proposed', 'live']);

export const publicationChannels = {
  'publication.candidates': channel(
    z.object({ query: Text(200).default(''), filter: CandidateFilter.default('all'), ...Page }).strict(),
    z.object({ total: z.number().int(), rows: z.array(Candidate) }),
    'any',
  ),
  'publication.record': channel(
    RecordRef,
    z.object({ candidate: Candidate, exemption: Exemption.nullable(), history: z.array(Proposal), classHistory: z.array(ClassChange) }),
    'any',
  ),
  'publication.classify': channel(ClassifyInput, Candidate, 'staff'),
  'publication.propose': channel(z.object({ recordId: Id, note: Text(2000).default('') }).strict(), Proposal, 'staff'),
  'publication.cancel': channel(RecordRef, Proposal, 'staff'),
  'publication.scan': channel(RecordRef, PersonalDataScan, 'any'),
  /** The DIP's mandated columns this record would leave empty; approval waits until there are none. */
  'publication.dipGaps': channel(RecordRef, z.array(Bilingual), 'any'),
  'publication.approve': channel(
    z.object({ recordId: Id, comment: Text(2000).default(''), acknowledgePersonalData: z.boolean().default(false) }).strict(),
    Proposal,
    'supervisor',
  ),
  'publication.reject': channel(z.object({ recordId: Id, comment: Text(2000).trim().min(1) }).strict(), Proposal, 'supervisor'),
  'publication.withdraw': channel(z.object({ recordId: Id, comment: Text(2000).trim().min(1) }).strict(), Proposal, 'supervisor'),
  'publication.proposals': channel(
    z.object({ states: z.array(ProposalState).min(1).max(5).default(['proposed']), ...Page }).strict(),
    z.object({ total: z.number().int(), rows: z.array(Proposal) }),
    'any',
  ),
  'publication.notices': channel(NoInput, z.object({ changes: z.array(DipChange), lapsed: z.number().int(), berkalaDue: z.number().int() }), 'any'),
  /** Berkala items, the ones not refreshed for six months first. */
  'publication.berkala': channel(NoInput, z.array(BerkalaItem), 'any'),
  'publication.berkalaRefresh': channel(z.object({ recordId: Id, on: IsoDate, note: Text(1000).trim().min(1) }).strict(), z.array(BerkalaItem), 'staff'),
  'publication.acknowledgeNotices': channel(z.object({ ids: z.array(Id).min(1).max(1000) }).strict(), z.object({ acknowledged: z.number().int() }), 'supervisor'),
  'publication.dip': channel(z.object(Page).strict(), z.object({ total: z.number().int(), rows: z.array(DipRow) }), 'any'),
  'publication.dik': channel(z.object(Page).strict(), z.object({ total: z.number().int(), rows: z.array(DikRow) }), 'any'),
  /** Refused (conflict, details.findings) when a cell holds personal data, unless asked to mask it
   *  or a supervisor keeps it. */
  'publication.export': channel(
    z.object({ register: z.enum(['dip', 'dik']), format: z.enum(['xlsx', 'pdf', 'csv']), personalData: RegisterPersonalData.default('check') }).strict(),
    z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int(), download: Download.optional(), personalData: z.object({ found: z.number().int(), action: RegisterPersonalData }) }),
    'any',
  ),
  'publication.settings': channel(NoInput, RegisterSettings, 'any'),
  'publication.saveSettings': channel(RegisterSettings, RegisterSettings, 'supervisor'),
} as const;

export const publicationEvents = {
  /** Something in the publication state changed (a decision, a lapse): screens reload. */
  'publication.changed': z.object({ recordId: Id.nullable(), kind: z.string() }),
} as const;
