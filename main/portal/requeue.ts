// Approved records that are not on the destination the settings name now: approvals made while
// no portal was set (they only reached the local catalogue), or while another portal was set.
// Counting them is free; queueing them is a person's decision (the settings screen and
// `berkas sync queue-approved` ask first), because it sends records to a portal that has not
// seen them. Each gets a publish item with the metadata exactly as last queued for it.
import type { Db } from '../db/connection.ts';
import { askApprovedPublications } from '../kernel/publication-gate.ts';
import { appendOutbox } from './outbox.ts';
import { getPortalSettings } from './settings.ts';
import { requeueChecks } from './queries.ts';

function missing(db: Db): { recordId: number; payload: string }[] {
  const settings = getPortalSettings(db);
  const target = settings.target === 'ckan' ? 'ckan' : 'catalogue';
  const url = settings.target === 'ckan' ? settings.url : null;
  const check = requeueChecks(db);
  const out: { recordId: number; payload: string }[] = [];
  for (const a of askApprovedPublications(db)) {
    if (check.liveOn(a.recordId, target, url) || check.hasOpenItem(a.recordId)) continue;
    const payload = check.latestPublishPayload(a.recordId, a.publishOutboxId);
    if (payload !== undefined) out.push({ recordId: a.recordId, payload });
  }
  return out;
}

/** How many approved records the current destination does not have and nothing is queued for. */
export function approvedNotOnTarget(db: Db): number {
  return missing(db).length;
}

/** Queues a publish item for each of them (inside the caller's transaction). Returns the record ids. */
export function queueApprovedNotOnTarget(db: Db, at: string): number[] {
  const rows = missing(db);
  for (const r of rows) appendOutbox(db, r.recordId, 'publish', JSON.parse(r.payload), at);
  return rows.map((r) => r.recordId);
}
