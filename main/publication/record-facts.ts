// The record as the publication workflow sees it: found or "not found" (queries.ts reads it), and
// public_category written through main/archive/records.ts, the records table's owner (so the
// record-changed hook fires).
import type { PublicCategory } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { notFound } from '../errors.ts';
import { setPublicCategory as writePublicCategory } from '../archive/records.ts';
import { findRecord, type PublicationRecord } from './queries.ts';

export const RECORD_WORD = { id: 'Arsip', en: 'Record' };

export function loadRecord(db: Db, id: number): PublicationRecord {
  const record = findRecord(db, id);
  if (!record) throw notFound(RECORD_WORD, id);
  return record;
}

export function setPublicCategory(db: Db, id: number, category: PublicCategory | null, actor: string, now: string): void {
  writePublicCategory(db, id, category, actor, now);
}
