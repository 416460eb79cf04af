// The publication area's reads: a record as the workflow sees it (findRecord), the Publikasi
// screen's read models (records with their publication state, the proposals with what would block
// them, a record's publication history) and the pages of the DIP and DIK (registers.ts shapes
// them). Paged in SQL; never writes.
import type { Blocker, Candidate, DikRow, OpenCategory, Proposal, ProposalState, PublicCategory } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';
import { blockersFor, type RecordFacts } from './rules.ts';
import type { ProposalRow } from './workflow.ts';
import { HAS_LIVE_DOCUMENT, HAS_PENDING_TEXT, RECORDS } from '../archive/queries.ts';

export type CandidateFilter = 'all' | 'unclassified' | 'public' | 'exempt' | 'proposed' | 'live';

interface CandidateDbRow {
  recordId: number;
  subject: string;
  letterNumber: string | null;
  letterDate: string | null;
  classificationCode: string | null;
  securityClass: Candidate['securityClass'];
  status: Candidate['status'];
  publicCategory: PublicCategory | null;
  proposalState: 'proposed' | 'approved' | null;
}

const CANDIDATE_COLUMNS = `r.id AS recordId, r.subject, r.letter_number AS letterNumber, r.letter_date AS letterDate,
  r.classification_code AS classificationCode, r.security_class AS securityClass, r.status,
  r.public_category AS publicCategory, p.state AS proposalState`;

const FILTERS: Record<CandidateFilter, string> = {
  all: '1',
  unclassified: 'r.public_category IS NULL',
  public: "r.public_category IN ('berkala','serta-merta','setiap-saat')",
  exempt: "r.public_category = 'dikecualikan'",
  proposed: "p.state = 'proposed'",
  live: "p.state = 'approved'",
};

function toCandidate(row: CandidateDbRow): Candidate {
  return { ...row, blockers: blockersFor(row) };
}

/** The candidate list's SQL (the query-plan test runs exactly this): `count` is the total, `page`
 *  takes the filter's params, then LIMIT and OFFSET. */
export function candidatesQuery(options: { query: string; filter: CandidateFilter }, viewer: Viewer): { count: string; page: string; params: (string | number)[] } {
  const where = [FILTERS[options.filter], visibleSql(viewer)];
  const params: (string | number)[] = [];
  const q = options.query.trim();
  if (/^\d+$/.test(q)) {
    where.push('(r.id = ? OR r.letter_number LIKE ?)');
    params.push(Number(q), `%${q}%`);
  } else if (q) {
    // Free text belongs to the search screen; here a plain match on subject and letter number
    // is enough to find the record one is about to classify.
    where.push("(r.subject LIKE ? ESCAPE '\\' OR r.letter_number LIKE ? ESCAPE '\\')");
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  const from = `FROM ${RECORDS} r LEFT JOIN publication_proposals p ON p.record_id = r.id AND p.state IN ('proposed','approved') WHERE ${where.join(' AND ')}`;
  return { count: `SELECT count(*) AS n ${from}`, page: `SELECT ${CANDIDATE_COLUMNS} ${from} ORDER BY r.id DESC LIMIT ? OFFSET ?`, params };
}

export function listCandidates(db: Db, options: { query: string; filter: CandidateFilter; offset: number; limit: number }, viewer: Viewer): { total: number; rows: Candidate[] } {
  const { count, page, params } = candidatesQuery(options, viewer);
  const total = (db.prepare(count).get(...params) as { n: number }).n;
  const rows = db.prepare(page).all(...params, options.limit, options.offset) as CandidateDbRow[];
  return { total, rows: rows.map(toCandidate) };
}

export function getCandidate(db: Db, recordId: number, viewer: Viewer): Candidate | undefined {
  const row = db
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM ${RECORDS} r LEFT JOIN publication_proposals p ON p.record_id = r.id AND p.state IN ('proposed','approved') WHERE r.id = ? AND ${visibleSql(viewer)}`)
    .get(recordId) as CandidateDbRow | undefined;
  return row && toCandidate(row);
}

const TEXT_PENDING: Blocker = {
  code: 'text-pending',
  message: {
    id: 'Teks dokumen masih diekstrak; pemeriksaan data pribadi menunggu sampai selesai.',
    en: 'Document text is still being extracted; the personal-data check waits until it is done.',
  },
};

type ProposalDbRow = ProposalRow & {
  subject: string;
  letter_number: string | null;
  public_category: PublicCategory | null;
  security_class: string;
  status: string;
  pending_text: number;
};

const PROPOSAL_SELECT = `SELECT p.*, r.subject, r.letter_number, r.public_category, r.security_class, r.status,
  EXISTS ${HAS_PENDING_TEXT} AS pending_text
  FROM publication_proposals p JOIN ${RECORDS} r ON r.id = p.record_id`;

function toProposal(row: ProposalDbRow): Proposal {
  const blockers =
    row.state === 'proposed'
      ? [...blockersFor({ publicCategory: row.public_category, securityClass: row.security_class, status: row.status }), ...(row.pending_text ? [TEXT_PENDING] : [])]
      : [];
  return {
    id: row.id,
    recordId: row.record_id,
    subject: row.subject,
    letterNumber: row.letter_number,
    publicCategory: row.public_category,
    state: row.state,
    note: row.note,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    comment: row.decision_comment,
    personalDataHits: row.personal_data_hits,
    personalDataAcknowledged: row.personal_data_acknowledged === 1,
    withdrawnBy: row.withdrawn_by,
    withdrawnAt: row.withdrawn_at,
    withdrawComment: row.withdraw_comment,
    blockers,
  };
}

export function proposalView(db: Db, id: number): Proposal {
  return toProposal(db.prepare(`${PROPOSAL_SELECT} WHERE p.id = ?`).get(id) as ProposalDbRow);
}

/** The proposals list's SQL for `states` and a viewer (params: the states, then LIMIT and OFFSET for `page`). */
export function proposalsQuery(states: readonly ProposalState[], viewer: Viewer): { count: string; page: string } {
  const marks = states.map(() => '?').join(',');
  const visible = visibleSql(viewer);
  return {
    count: `SELECT count(*) AS n FROM publication_proposals p JOIN ${RECORDS} r ON r.id = p.record_id WHERE p.state IN (${marks}) AND ${visible}`,
    page: `${PROPOSAL_SELECT} WHERE p.state IN (${marks}) AND ${visible} ORDER BY p.id DESC LIMIT ? OFFSET ?`,
  };
}

export function listProposals(db: Db, options: { states: readonly ProposalState[]; offset: number; limit: number }, viewer: Viewer): { total: number; rows: Proposal[] } {
  const { count, page } = proposalsQuery(options.states, viewer);
  const total = (db.prepare(count).get(...options.states) as { n: number }).n;
  const rows = db.prepare(page).all(...options.states, options.limit, options.offset) as ProposalDbRow[];
  return { total, rows: rows.map(toProposal) };
}

export function recordHistory(db: Db, recordId: number): Proposal[] {
  return (db.prepare(`${PROPOSAL_SELECT} WHERE p.record_id = ? ORDER BY p.id DESC LIMIT 50`).all(recordId) as ProposalDbRow[]).map(toProposal);
}

/**
 * The approval a publish item stands on: the record's proposal that is approved right now and
 * whose own publish item is this one or an earlier one (a later re-approval may send an item that
 * replaces it; an item from before a withdrawal never stands on the approval that came after it).
 * null: no approval stands, so nothing of this record may be sent.
 */
export function standingApproval(db: Db, recordId: number, outboxId: number): { proposalId: number; approvedAt: string | null } | null {
  const row = db
    .prepare("SELECT id, decided_at FROM publication_proposals WHERE record_id = ? AND state = 'approved' AND publish_outbox_id <= ?")
    .get(recordId, outboxId) as { id: number; decided_at: string | null } | undefined;
  return row ? { proposalId: row.id, approvedAt: row.decided_at } : null;
}

/** Every publication approved right now, with the publish item its approval queued. */
export function approvedPublications(db: Db): { recordId: number; publishOutboxId: number }[] {
  return db
    .prepare("SELECT record_id AS recordId, publish_outbox_id AS publishOutboxId FROM publication_proposals WHERE state = 'approved' ORDER BY record_id")
    .all() as { recordId: number; publishOutboxId: number }[];
}

// ── a record as the workflow sees it (record-facts.ts) ─────────────────────────────────────

export interface PublicationRecord extends RecordFacts {
  id: number;
  subject: string;
  letterNumber: string | null;
  letterDate: string | null;
  classificationCode: string | null;
  description: string | null;
  originatingUnit: string | null;
  creator: string | null;
  medium: string;
}

const RECORD_SELECT = `SELECT id, subject, letter_number AS letterNumber, letter_date AS letterDate,
  classification_code AS classificationCode, description, originating_unit AS originatingUnit, creator, medium,
  security_class AS securityClass, status, public_category AS publicCategory FROM ${RECORDS} WHERE id = ?`;

export function findRecord(db: Db, id: number): PublicationRecord | undefined {
  return db.prepare(RECORD_SELECT).get(id) as PublicationRecord | undefined;
}

// ── the DIP and DIK pages (registers.ts) ─────────────────────────────────────────────────────

export interface DipDbRow {
  id: number;
  subject: string;
  letter_number: string | null;
  description: string | null;
  originating_unit: string | null;
  creator: string | null;
  letter_date: string | null;
  medium: string;
  public_category: OpenCategory;
  classification_code: string | null;
  file_id: number | null;
  status: string;
  has_soft: number;
}

/** The DIP is a public document: it never lists a rahasia or sangat-rahasia record, whatever its
 *  category says, and shows its viewer only what they may see. */
function dipFrom(viewer: Viewer): string {
  return `FROM ${RECORDS} r WHERE r.public_category IN ('berkala','serta-merta','setiap-saat') AND r.status NOT IN ('musnah','diserahkan')
    AND r.security_class NOT IN ('rahasia','sangat-rahasia') AND ${visibleSql(viewer)}`;
}

/** One page of the DIP for a viewer (params: LIMIT, OFFSET); exported for the query-plan test. */
export function dipPageSql(viewer: Viewer): string {
  return `SELECT r.id, r.subject, r.letter_number, r.description, r.originating_unit, r.creator, r.letter_date, r.medium,
  r.public_category, r.classification_code, r.file_id, r.status, EXISTS ${HAS_LIVE_DOCUMENT} AS has_soft
  ${dipFrom(viewer)} ORDER BY r.public_category, r.id LIMIT ? OFFSET ?`;
}

/** The open exemptions a viewer may see: the DIK's rows. */
function dikFrom(viewer: Viewer): string {
  return `FROM exemptions e JOIN ${RECORDS} r ON r.id = e.record_id WHERE e.ended_at IS NULL AND ${visibleSql(viewer)}`;
}

/** One page of the DIK for a viewer (params: LIMIT, OFFSET); exported for the query-plan test. */
export function dikPageSql(viewer: Viewer): string {
  return `SELECT e.record_id AS recordId, r.subject, r.letter_number AS letterNumber, e.information, e.ground,
  e.statute_name AS statuteName, e.statute_article AS statuteArticle, e.harm, e.exempt_until AS until, e.decision_number AS decisionNumber, e.decision_date AS decisionDate, e.recorded_by AS recordedBy
  ${dikFrom(viewer)} ORDER BY e.record_id LIMIT ? OFFSET ?`;
}

export function dipPage(db: Db, page: { offset: number; limit: number }, viewer: Viewer): { total: number; rows: DipDbRow[] } {
  const total = (db.prepare(`SELECT count(*) AS n ${dipFrom(viewer)}`).get() as { n: number }).n;
  return { total, rows: db.prepare(dipPageSql(viewer)).all(page.limit, page.offset) as DipDbRow[] };
}

export function dikPage(
  db: Db,
  page: { offset: number; limit: number },
  viewer: Viewer,
): { total: number; rows: (Omit<DikRow, 'number' | 'statute'> & { letterNumber: string | null; statuteName: string | null; statuteArticle: string | null })[] } {
  const total = (db.prepare(`SELECT count(*) AS n ${dikFrom(viewer)}`).get() as { n: number }).n;
  return {
    total,
    rows: db.prepare(dikPageSql(viewer)).all(page.limit, page.offset) as (Omit<DikRow, 'number' | 'statute'> & {
      letterNumber: string | null;
      statuteName: string | null;
      statuteArticle: string | null;
    })[],
  };
}
