// What a search needs in memory to rank and filter without touching rows: per unit its record,
// length and FTS5 row; per record the columns every filter reads (code, date, status, medium,
// security class, file). About 30 bytes a unit and 20 a record (≈ 80 MB at a million records with
// a page each). Kept current by catching up, before each search, from the logs the writers append
// in their transactions (new units by uid, dead units, changed records), so another process's
// writes (the CLI) are seen too. It reads; it must never write.
import type { Db } from '../../db/connection.ts';
import { changesAfter, deadAfter, everyRecordFacets, everyUnit, lastLogSeqs, recordFacetsReader, stateValue, unitsAfter, type RecordFacets } from './store.ts';

function grow<T extends Int32Array | Uint8Array | Uint32Array | Float64Array>(a: T, need: number): T {
  if (need < a.length) return a;
  let size = Math.max(1024, a.length);
  while (size <= need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** A value set interned to small numbers (code_sort values, statuses…); 0 stands for NULL. */
class Interned {
  readonly values: string[] = [''];
  readonly #ids = new Map<string, number>();
  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }
  lookup(value: string): number | undefined {
    return this.#ids.get(value);
  }
}

export class Snapshot {
  epoch = -1;
  lastUid = 0;
  deadSeq = 0;
  changeSeq = 0;
  liveUnits = 0;
  recordOf = new Int32Array(0);
  lenOf = new Uint32Array(0);
  rowidOf = new Float64Array(0);
  // per record id
  present = new Uint8Array(0);
  dateOf = new Int32Array(0);
  codeOf = new Int32Array(0);
  statusOf = new Uint8Array(0);
  mediumOf = new Uint8Array(0);
  securityOf = new Uint8Array(0);
  fileOf = new Int32Array(0);
  readonly codes = new Interned();
  readonly statuses = new Interned();
  readonly media = new Interned();
  readonly classes = new Interned();

  #addUnit(uid: number, recordId: number, len: number, rowid: number): void {
    this.recordOf = grow(this.recordOf, uid);
    this.lenOf = grow(this.lenOf, uid);
    this.rowidOf = grow(this.rowidOf, uid);
    if (this.recordOf[uid] === 0) this.liveUnits++;
    this.recordOf[uid] = recordId;
    this.lenOf[uid] = len;
    this.rowidOf[uid] = rowid;
    if (uid > this.lastUid) this.lastUid = uid;
  }

  #killUnit(uid: number): void {
    if (uid < this.recordOf.length && this.recordOf[uid] !== 0) {
      this.recordOf[uid] = 0;
      this.liveUnits--;
    }
  }

  #setRecord(r: RecordFacets): void {
    const id = r.id;
    this.present = grow(this.present, id);
    this.dateOf = grow(this.dateOf, id);
    this.codeOf = grow(this.codeOf, id);
    this.statusOf = grow(this.statusOf, id);
    this.mediumOf = grow(this.mediumOf, id);
    this.securityOf = grow(this.securityOf, id);
    this.fileOf = grow(this.fileOf, id);
    this.present[id] = 1;
    this.dateOf[id] = dateKey(r.letter_date);
    this.codeOf[id] = this.codes.id(r.code_sort);
    this.statusOf[id] = this.statuses.id(r.status);
    this.mediumOf[id] = this.media.id(r.medium);
    this.securityOf[id] = this.classes.id(r.security_class);
    this.fileOf[id] = r.file_id ?? 0;
  }

  #dropRecord(id: number): void {
    if (id < this.present.length) this.present[id] = 0;
  }

  /** Brings the snapshot up to what the database holds now. */
  catchUp(db: Db): void {
    db.transaction(() => {
      const epoch = stateValue(db, 'epoch');
      if (epoch !== this.epoch) this.#reload(db, epoch);
      for (const u of unitsAfter(db, this.lastUid)) this.#addUnit(u.uid, u.recordId, u.len, u.rowid);
      for (const d of deadAfter(db, this.deadSeq)) {
        this.#killUnit(d.uid);
        this.deadSeq = d.seq;
      }
      const changes = changesAfter(db, this.changeSeq);
      if (changes.length > 0) {
        const read = recordFacetsReader(db);
        for (const id of new Set(changes.map((c) => c.id))) {
          const row = read(id);
          if (row) this.#setRecord(row);
          else this.#dropRecord(id);
        }
        this.changeSeq = changes.at(-1)!.seq;
      }
    })();
  }

  #reload(db: Db, epoch: number): void {
    this.epoch = epoch;
    this.lastUid = 0;
    this.liveUnits = 0;
    this.recordOf = new Int32Array(0);
    this.lenOf = new Uint32Array(0);
    this.rowidOf = new Float64Array(0);
    this.present = new Uint8Array(0);
    ({ dead: this.deadSeq, changes: this.changeSeq } = lastLogSeqs(db));
    for (const r of everyRecordFacets(db)) this.#setRecord(r);
    for (const u of everyUnit(db)) {
      this.#addUnit(u[0], u[1], u[2], u[3]);
    }
  }
}

/** A letter date as a number in the same order as its text: 2025 → 20250000, 2025-03 → 20250300
 *  (a partial date known to the year or the month, as the record form keeps them). */
export function dateKey(date: string | null | undefined): number {
  if (!date) return 0;
  const [y, m, d] = date.slice(0, 10).split('-');
  return Number(y) * 10_000 + Number(m ?? 0) * 100 + Number(d ?? 0) || 0;
}

const snapshots = new WeakMap<Db, Snapshot>();

export function snapshotOf(db: Db): Snapshot {
  let s = snapshots.get(db);
  if (!s) snapshots.set(db, (s = new Snapshot()));
  s.catchUp(db);
  return s;
}
