// One owner per table, checked on the real tree: the owners table in docs/architecture.md is read
// as data, and every SQL statement in main/ (outside the migrations) is held against it. A write
// (INSERT, UPDATE, DELETE, REPLACE) may stand only in the table's owner module; a read (FROM,
// JOIN) only inside the owner's area folder. The few exceptions are listed here with their reason,
// so a new one is a visible decision, not a slip.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/tmp.ts';

interface Owner {
  module: string;
  area: string;
}

function ownersFromDocs(): Map<string, Owner> {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Who owns which table'), doc.indexOf('## The two data flows'));
  const owners = new Map<string, Owner>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    const module = /`([^`]+\.ts)`/.exec(cells[2]!)?.[1];
    assert.ok(module, `owners table row without an owner module: ${line}`);
    for (const [, table] of cells[1]!.matchAll(/`([a-z_]+)`/g)) owners.set(table!, { module, area: module.split('/')[0]! });
  }
  return owners;
}

/** Exceptions, each with its reason (also in the notes of the owners table). */
const EXTRA_WRITERS: Record<string, string[]> = {
  // A record's metadata row is written in the record's own transaction (and FTS5 checked for
  // verify); archive may not import search.
  search_index: ['archive/records.ts'],
  // A password reset clears the user's throttle row; same area.
  login_throttle: ['accounts/users.ts'],
};
const EXTRA_READERS: Record<string, string[]> = {
  // audit/ sits below the archive (floor 1) and cannot ask it; its record filter includes the record's documents.
  documents: ['audit/queries.ts'],
  // Clearance: audit/ blanks entries about records above the viewer's clearance (it cannot ask the
  // archive, above it); clearance/viewer.ts is imported by archive/ itself, so its one EXISTS over
  // a record's class cannot go through archive/queries.ts.
  records: ['audit/queries.ts', 'clearance/viewer.ts'],
  // The document view shows how many pages OCR has read; archive may not import ocr/.
  ocr_pages: ['archive/records.ts'],
  // The FTS table is written by archive/records.ts and read back there (a record's metadata row).
  search_index: ['archive/records.ts'],
};

interface Violation {
  file: string;
  table: string;
  kind: 'write' | 'read';
}

function violations(file: string, text: string, owners: Map<string, Owner>): Violation[] {
  const names = [...owners.keys()].sort((a, b) => b.length - a.length).join('|');
  const write = new RegExp(String.raw`\b(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM|REPLACE INTO)\s+(${names})\b`, 'g');
  const read = new RegExp(String.raw`\b(?:FROM|JOIN)\s+(${names})\b`, 'g');
  const out: Violation[] = [];
  for (const [, table] of text.matchAll(write)) {
    const owner = owners.get(table!)!;
    if (file !== owner.module && !EXTRA_WRITERS[table!]?.includes(file)) out.push({ file, table: table!, kind: 'write' });
  }
  for (const [, table] of text.matchAll(read)) {
    const owner = owners.get(table!)!;
    if (!file.startsWith(`${owner.area}/`) && !EXTRA_READERS[table!]?.includes(file)) out.push({ file, table: table!, kind: 'read' });
  }
  return out;
}

function mainFiles(dir = join(ROOT, 'main')): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations') out.push(...mainFiles(path));
    } else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

test('every table the migrations create has an owner in docs/architecture.md, and every owner module exists', () => {
  const owners = ownersFromDocs();
  const migrations = readdirSync(join(ROOT, 'main/db/migrations'))
    .map((f) => readFileSync(join(ROOT, 'main/db/migrations', f), 'utf8'))
    .join('\n');
  const created = new Set([...migrations.matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map((m) => m[1]!));
  assert.ok(created.has('records') && created.has('outbox') && created.has('search_index'), [...created].join(', '));
  for (const table of created) assert.ok(owners.has(table), `table ${table} has no owner in docs/architecture.md`);
  for (const [table, owner] of owners) {
    assert.ok(created.has(table), `owners table names ${table}, which no migration creates`);
    assert.doesNotThrow(() => readFileSync(join(ROOT, 'main', owner.module)), `owner module main/${owner.module} of ${table}`);
  }
});

test('no SQL in main/ writes a table outside its owner or reads it outside its area', () => {
  const owners = ownersFromDocs();
  const found = mainFiles().flatMap((path) => violations(relative(join(ROOT, 'main'), path), readFileSync(path, 'utf8'), owners));
  assert.deepEqual(
    found.map((v) => `${v.file}: ${v.kind} ${v.table}`),
    [],
  );
});

test('the check bites: another area writing records, reading documents or the outbox is named', () => {
  const owners = ownersFromDocs();
  const code = [
    "db.prepare('UPDATE records SET status = ? WHERE id = ?')",
    "db.prepare('SELECT sha256 FROM documents WHERE record_id = ?')",
    "db.prepare(`SELECT o.id FROM outbox o JOIN records r ON r.id = o.record_id`)",
    "db.prepare('INSERT OR IGNORE INTO portal_state (id) VALUES (1)')",
  ].join('\n');
  assert.deepEqual(
    violations('retention/example.ts', code, owners).map((v) => `${v.kind} ${v.table}`),
    ['write records', 'write portal_state', 'read documents', 'read outbox', 'read records'],
  );
  // Inside the owner's area a read is fine; a write from a sibling module is not.
  assert.deepEqual(violations('portal/status.ts', "db.prepare('SELECT count(*) FROM outbox')", owners), []);
  assert.deepEqual(
    violations('portal/pusher.ts', "db.prepare(\"UPDATE outbox SET next_attempt_at = NULL WHERE state = 'waiting'\")", owners).map((v) => `${v.file}: ${v.kind} ${v.table}`),
    ['portal/pusher.ts: write outbox'],
  );
});
