// Clearance for areas whose read models are built from many records at once (retention lists and
// cases, the portal's status): the caller may not NAME a record above their clearance in an input
// (plain "not found"), and every list an answer carries drops the entries about such records.
// The hidden set is computed in SQL with visibleSql, by archive/queries.ts; this module runs no
// SQL and never changes anything.
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import type { CallContext, HandlersFor } from '../kernel/calls.ts';
import type { ChannelSpec } from '../../preload/contract.ts';
import { fileHoldsRecordBeyond, recordIdsBeyond, recordMeetsClearance } from '../archive/queries.ts';
import { visibleSql, type Viewer } from './viewer.ts';

/** Ids of the records this viewer may not see (empty for full clearance). */
export function hiddenRecordIds(db: Db, viewer: Viewer): Set<number> {
  const visible = visibleSql(viewer);
  if (visible === '1') return new Set();
  return new Set(recordIdsBeyond(db, visible));
}

/** Throws "not found" for the first record id the viewer may not see. */
export function assertVisible(db: Db, viewer: Viewer, recordIds: Iterable<number>): void {
  const visible = visibleSql(viewer);
  if (visible === '1') return;
  const meets = recordMeetsClearance(db, visible);
  for (const id of recordIds) if (!meets(id)) throw notFound({ id: 'Arsip', en: 'Record' }, id);
}

/** Drops, at any depth, array entries that are about a hidden record (an object with `recordId`). */
export function dropHidden<T>(value: T, hidden: ReadonlySet<number>): T {
  if (hidden.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v.filter((e) => !(e && typeof e === 'object' && typeof (e as { recordId?: unknown }).recordId === 'number' && hidden.has((e as { recordId: number }).recordId))).map(walk);
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Record ids an input names: `recordId`, `recordIds`, and record targets (`{ kind: 'record', recordId }`). */
function namedRecords(input: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'recordId' && typeof x === 'number') out.push(x);
        else if (k === 'recordIds' && Array.isArray(x)) out.push(...x.filter((n): n is number => typeof n === 'number'));
        else walk(x);
      }
    }
  };
  walk(input);
  return out;
}

/** A selection of whole files (`fileIds`) may not carry records above the caller's clearance along:
 *  a retention case over them would act on records the caller cannot see (and its refusals would
 *  name them). Says only that such records exist, never which or what. */
function assertFilesVisible(db: Db, viewer: Viewer, input: unknown): void {
  const fileIds = (input as { fileIds?: unknown })?.fileIds;
  if (!Array.isArray(fileIds) || fileIds.length === 0) return;
  const visible = visibleSql(viewer);
  if (visible === '1') return;
  const hiddenIn = fileHoldsRecordBeyond(db, visible);
  for (const fileId of fileIds) {
    if (typeof fileId === 'number' && hiddenIn(fileId)) {
      throw appError(
        'forbidden',
        `Berkas ${fileId} memuat arsip dengan klasifikasi keamanan di atas izin akses Anda. Minta pengguna yang berizin cukup untuk memprosesnya.`,
        `File ${fileId} holds records classed above your clearance. Ask a user with enough clearance to process it.`,
      );
    }
  }
}

/** Wraps an area's handlers: inputs naming a hidden record are "not found", answers lose hidden entries. */
export function guardHandlers<T extends Record<string, ChannelSpec>>(db: Db, handlers: HandlersFor<T>): HandlersFor<T> {
  const out = {} as Record<string, unknown>;
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown, ctx: CallContext) => unknown][]) {
    out[name] = async (input: unknown, ctx: CallContext) => {
      assertVisible(db, ctx.viewer, namedRecords(input));
      assertFilesVisible(db, ctx.viewer, input);
      const value = await handler(input, ctx);
      return dropHidden(value, hiddenRecordIds(db, ctx.viewer));
    };
  }
  return out as HandlersFor<T>;
}
