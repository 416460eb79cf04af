// The last check before anything leaves the machine. The portal asks; publication answers
// (publication/portal-gate.ts, wired by the composition through kernel/publication-gate.ts), so
// the law stays in one room and this area never reads publication's tables or rules.
import type { Db } from '../db/connection.ts';
import { askPublicationGate, type Publishability } from '../kernel/publication-gate.ts';

export type { Publishability, Refusal } from '../kernel/publication-gate.ts';

/** outboxId: the publish item about to go out (or, for the catalogue, the one behind the receipt). */
export function checkPublishable(db: Db, recordId: number, outboxId: number): Publishability {
  return askPublicationGate(db, recordId, outboxId);
}
