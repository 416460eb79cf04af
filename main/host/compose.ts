// The wiring every host shares, below the handler table: opening an archive with its cross-area
// hooks connected. The archive (floor 3) may not know publication (floor 4), so the record-changed
// hook that keeps the portal honest is connected here, once per opened connection, and every host
// (Electron and browser backend, CLI) opens its archive through openComposedArchive. It must never
// hold logic of its own: each line hands one area's function to another area's hook.
import { openArchive, type Archive, type OpenOptions } from '../archive/open.ts';
import { onRecordChanged } from '../archive/records.ts';
import type { Db } from '../db/connection.ts';
import { setApprovedLister, setPublicationGate } from '../kernel/publication-gate.ts';
import { checkPublishable } from '../publication/portal-gate.ts';
import { approvedPublications } from '../publication/queries.ts';
import { reconcilePublication, sweepUnpublishable } from '../publication/workflow.ts';

/** Connects the areas on this connection: publication to the archive's record-changed hook (a
 *  change that makes a live or approved record unpublishable queues its withdrawal in the same
 *  transaction), and publication's answer to the portal's push-time question. */
export function wireRecordHooks(db: Db): () => void {
  setPublicationGate(db, checkPublishable);
  setApprovedLister(db, approvedPublications);
  return onRecordChanged(db, (tx, change) => {
    reconcilePublication(tx, change.recordId, change.actor, change.at);
  });
}

export function openComposedArchive(dir: string, options: OpenOptions = {}): Archive {
  const archive = openArchive(dir, options);
  wireRecordHooks(archive.db);
  return archive;
}

/** What the portal pusher runs before every run: withdraw live publications that no longer
 *  qualify (the backstop for a change made by something the hook does not see, such as an older
 *  version of Berkas or a hand edit of the database). Returns the records withdrawn. */
export function sweepBeforePush(db: Db): number[] {
  return sweepUnpublishable(db);
}
