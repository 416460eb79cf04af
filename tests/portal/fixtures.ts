// Test archives for the portal tests: a real archive folder (SQLite file + content-addressed
// store) migrated to the latest schema, seeded with records, real document files, an approved
// publication proposal each and the 'publish' outbox rows shaped like the publication workflow
// writes them (withdrawals go through the workflow's own withdrawLive); plus a fake clock, a
// seeded random source and a loop that drives the pusher until nothing more is due.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { archiveLayout, type ArchiveLayout } from '../../main/archive/layout.ts';
import { objectPath } from '../../main/archive/store.ts';
import { openDatabase, type Db } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { wireRecordHooks } from '../../main/host/compose.ts';
import type { Pusher } from '../../main/portal/pusher.ts';
import { withdrawLive } from '../../main/publication/workflow.ts';

export const portalMigrations = migrations;

export interface TestArchive {
  dir: string;
  layout: ArchiveLayout;
  db: Db;
  close(): void;
}

export function openPortalArchive(dir: string): TestArchive {
  const layout = archiveLayout(dir);
  mkdirSync(layout.store, { recursive: true });
  mkdirSync(layout.staging, { recursive: true });
  const db = openDatabase(layout.database);
  migrate(db, portalMigrations);
  // As every host opens an archive: the composition connects publication's push-time check.
  wireRecordHooks(db);
  return {
    dir,
    layout,
    db,
    close() {
      if (!db.open) return;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export interface SeededRecord {
  id: number;
  subject: string;
  securityClass: string;
  publicCategory: string | null;
  documents: { sha256: string; name: string; size: number; mime: string }[];
  outboxId: number;
}

export interface SeedOptions {
  /** Every nth record gets a second document (an attachment). */
  attachmentEvery?: number;
  /** 1-based positions of records that are 'rahasia' / 'dikecualikan' / without a category. */
  secret?: number[];
  exempt?: number[];
  uncategorised?: number[];
  at?: string;
}

const UNITS = ['Sekretariat', 'Bidang Informasi Publik', 'Bidang Statistik', 'UPT Layanan'];
const CODES = ['000.1.2', '100.3.1', '400.14.1', '500.12.16.3', '900.1.1'];
const CATEGORIES = ['berkala', 'serta-merta', 'setiap-saat'];

function storeFile(layout: ArchiveLayout, bytes: Buffer): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const path = objectPath(layout, sha);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return sha;
}

export function fakePdf(label: string, size = 1500): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${label}\n`);
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length - tail.length)), tail]);
}

/** Inserts n records with their document files and one 'publish' outbox row each. */
export function seedRecords(archive: TestArchive, n: number, options: SeedOptions = {}): SeededRecord[] {
  const { db, layout } = archive;
  const at = options.at ?? '2026-01-05T08:00:00.000Z';
  const every = options.attachmentEvery ?? 10;
  const insertRecord = db.prepare(
    `INSERT INTO records (letter_number, letter_date, subject, description, originating_unit, classification_code, security_class,
                          public_category, created_at, updated_at, created_by)
     VALUES (@letter, @date, @subject, @description, @unit, @code, @security, @category, @at, @at, 'tester')`,
  );
  const insertDoc = db.prepare(
    `INSERT INTO documents (record_id, role, sha256, size, mime, original_name, imported_at)
     VALUES (?, ?, ?, ?, 'application/pdf', ?, ?)`,
  );
  const insertOutbox = db.prepare(`INSERT INTO outbox (record_id, kind, payload, created_at) VALUES (?, 'publish', ?, ?)`);
  const out: SeededRecord[] = [];
  db.transaction(() => {
    const { proposer, approver } = fixtureUsers(db, at);
    for (let i = 1; i <= n; i++) {
      const secret = options.secret?.includes(i);
      const exempt = options.exempt?.includes(i);
      const uncategorised = options.uncategorised?.includes(i);
      const marker = secret ? 'RAHASIA' : exempt ? 'DIKECUALIKAN' : uncategorised ? 'TANPAKATEGORI' : 'PUBLIK';
      const subject = `${marker}-${i}: Laporan kegiatan layanan informasi nomor ${i}`;
      const code = CODES[i % CODES.length]!;
      const unit = UNITS[i % UNITS.length]!;
      const category = exempt ? 'dikecualikan' : uncategorised ? null : CATEGORIES[i % CATEGORIES.length]!;
      const securityClass = secret ? 'rahasia' : 'biasa';
      const date = `2026-0${1 + (i % 9)}-1${i % 10}`;
      const id = Number(
        insertRecord.run({
          letter: `${code}/${i}/PPID/2026`,
          date,
          subject,
          description: `Uraian ${marker} ${i}`,
          unit,
          code,
          security: securityClass,
          category,
          at,
        }).lastInsertRowid,
      );
      const documents: SeededRecord['documents'] = [];
      const count = i % every === 0 ? 2 : 1;
      for (let d = 0; d < count; d++) {
        const bytes = fakePdf(`${marker} record ${i} doc ${d}`, 1200 + ((i * 37 + d * 101) % 2400));
        const sha = storeFile(layout, bytes);
        const name = d === 0 ? `laporan-${i}.pdf` : `lampiran-${i}.pdf`;
        insertDoc.run(id, d === 0 ? 'main' : 'attachment', sha, bytes.length, name, at);
        documents.push({ sha256: sha, name, size: bytes.length, mime: 'application/pdf' });
      }
      const payload = { title: subject, notes: `Uraian ${marker} ${i}`, classificationCode: code, date, unit, category: category ?? 'berkala', documents };
      const outboxId = Number(insertOutbox.run(id, JSON.stringify(payload), at).lastInsertRowid);
      // A record that is secret, exempt or unclassified could never have been approved: its item is a stray one.
      if (!secret && !exempt && !uncategorised) insertApproval(db, id, outboxId, proposer, approver, at);
      out.push({ id, subject, securityClass, publicCategory: category, documents, outboxId });
    }
  })();
  return out;
}

/** Two accounts for the four-eyes approvals the fixtures write (created once per archive). */
export function fixtureUsers(db: Db, at: string): { proposer: number; approver: number } {
  const add = db.prepare(
    `INSERT OR IGNORE INTO users (name, display_name, password_hash, password_changed_at, created_at, updated_at)
     VALUES (?, ?, 'scrypt$fixture', ?, ?, ?)`,
  );
  const idOf = db.prepare('SELECT id FROM users WHERE name = ?');
  add.run('fixture-staf', 'Staf Uji', at, at, at);
  add.run('fixture-atasan', 'Atasan Uji', at, at, at);
  return { proposer: (idOf.get('fixture-staf') as { id: number }).id, approver: (idOf.get('fixture-atasan') as { id: number }).id };
}

function insertApproval(db: Db, recordId: number, outboxId: number, proposer: number, approver: number, at: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO publication_proposals (record_id, state, proposed_by, proposed_by_id, proposed_at, decided_by, decided_by_id, decided_at, publish_outbox_id)
         VALUES (?, 'approved', 'fixture-staf', ?, ?, 'fixture-atasan', ?, ?, ?)`,
      )
      .run(recordId, proposer, at, approver, at, outboxId).lastInsertRowid,
  );
}

/** A record approved again after a withdrawal: a new approved proposal and a new publish item with the given payload. */
export function approveAgain(db: Db, recordId: number, payload: string, at = '2026-03-01T00:00:00.000Z'): number {
  return db.transaction(() => {
    const { proposer, approver } = fixtureUsers(db, at);
    const outboxId = Number(db.prepare(`INSERT INTO outbox (record_id, kind, payload, created_at) VALUES (?, 'publish', ?, ?)`).run(recordId, payload, at).lastInsertRowid);
    insertApproval(db, recordId, outboxId, proposer, approver, at);
    return outboxId;
  })();
}

/** Withdraws the publications through the workflow's own withdrawLive (a 'withdraw' item each, pending publishes cancelled). */
export function queueWithdrawals(db: Db, recordIds: readonly number[], at = '2026-02-01T08:00:00.000Z'): void {
  db.transaction(() => {
    for (const id of recordIds) {
      if (withdrawLive(db, id, 'fixture-atasan', 'ditarik untuk uji', at) === null) throw new Error(`record ${id} has no approved publication to withdraw`);
    }
  })();
}

export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = Date.parse('2026-03-02T01:00:00.000Z')): FakeClock {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** mulberry32: a small deterministic generator, so backoff waits are the same on every run. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the pusher, jumping the fake clock to whenever something is due next, until nothing is
 * due (parked items and withdrawals held by the fail-safe do not count). Returns the rounds used.
 */
export async function driveUntilSettled(
  pusher: Pusher,
  clock: FakeClock,
  options: { maxRounds?: number; beforeRound?: (round: number) => Promise<void> | void } = {},
): Promise<number> {
  const max = options.maxRounds ?? 5000;
  for (let round = 0; round < max; round++) {
    await options.beforeRound?.(round);
    await pusher.pushNow();
    const next = pusher.nextDueAt();
    if (next === null) return round + 1;
    clock.set(Math.max(clock.now(), next));
  }
  throw new Error(`the queue did not settle in ${max} rounds`);
}
