// What the publication workflow reads about a record, in one place. The records table belongs to
// main/archive/records.ts; this module only reads it, and public_category is written through that
// owner (so the record-changed hook fires).
import type { PublicCategory } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { notFound } from '../errors.ts';
import { setPublicCategory as writePublicCategory } from '../archive/records.ts';
import type { RecordFacts } from './rules.ts';
import { RECORDS } from '../archive/queries.ts';

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

export const RECORD_WORD = { id: 'Arsip', en: 'Record' };

const SELECT = `SELECT id, subject, letter_number AS letterNumber, letter_date AS letterDate,
  classification_code AS classificationCode, description, originating_unit AS originatingUnit, creator, medium,
  security_class AS securityClass, status, public_category AS publicCategory FROM ${RECORDS} WHERE id = ?`;

export function findRecord(db: Db, id: number): PublicationRecord | undefined {
  return db.prepare(SELECT).get(id) as PublicationRecord | undefined;
}

export function loadRecord(db: Db, id: number): PublicationRecord {
  const record = findRecord(db, id);
  if (!record) throw notFound(RECORD_WORD, id);
  return record;
}

export function setPublicCategory(db: Db, id: number, category: PublicCategory | null, actor: string, now: string): void {
  writePublicCategory(db, id, category, actor, now);
}
