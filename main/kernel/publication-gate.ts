// The question the portal asks before anything leaves the machine, as a type both sides share:
// publication answers it (the law lives there), the portal only asks. The composition connects
// the answer to each opened connection; a connection nobody connected refuses everything, so a
// forgotten wiring can only keep records home, never leak one. Must never import an area.
import type { Bilingual, Blocker } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';

export type Refusal = Blocker['code'] | 'missing' | 'unknown-category' | 'not-approved' | 'not-wired';

export type Publishability = { ok: true; category: string } | { ok: false; code: Refusal; reason: Bilingual };

/** outboxId: the publish item about to go out (or, for the catalogue, the one behind the receipt). */
export type PublicationGate = (db: Db, recordId: number, outboxId: number) => Publishability;

const gates = new WeakMap<Db, PublicationGate>();

export function setPublicationGate(db: Db, gate: PublicationGate): void {
  gates.set(db, gate);
}

export function askPublicationGate(db: Db, recordId: number, outboxId: number): Publishability {
  const gate = gates.get(db);
  if (gate) return gate(db, recordId, outboxId);
  return {
    ok: false,
    code: 'not-wired',
    reason: {
      id: `Ditolak: arsip ${recordId} tidak dikirim ke portal. Pemeriksaan publikasi tidak tersambung pada arsip ini; buka arsip melalui aplikasi atau perintah berkas.`,
      en: `Refused: record ${recordId} was not sent to the portal. The publication check is not connected for this archive; open the archive through the app or the berkas command.`,
    },
  };
}

/** The approved publications right now, each with the publish item its approval queued. */
export type ApprovedLister = (db: Db) => { recordId: number; publishOutboxId: number }[];

const listers = new WeakMap<Db, ApprovedLister>();

export function setApprovedLister(db: Db, lister: ApprovedLister): void {
  listers.set(db, lister);
}

/** Not wired: nothing is approved, so nothing is queued (the safe answer). */
export function askApprovedPublications(db: Db): { recordId: number; publishOutboxId: number }[] {
  return listers.get(db)?.(db) ?? [];
}
