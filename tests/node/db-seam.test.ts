// The database seam, checked on the real tree: the seam table in docs/architecture.md ("its SQL
// lives in") is read as data, and every file in main/ outside the database floor (main/db/) that
// holds SQL — a statement in a string or template literal, or a prepare/exec/pragma call on a
// database — must be listed in its own area's row; every listed file must exist and hold SQL.
// Handlers, workflows, steps, the pusher, the CLI and the host call the seam's functions instead,
// so the PostgreSQL port is one sibling per seam module (docs/architecture.md).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../helpers/tmp.ts';

const MAIN = join(ROOT, 'main');

/** area → the files of its row, as written in the seam table. */
function seamFromDocs(): Map<string, string[]> {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const start = doc.indexOf('## The database seam');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  const seam = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^[a-z]+$/.test(cells[1]!) || cells[1] === 'area' || cells[1] === 'db') continue;
    const files = [...cells[2]!.matchAll(/`([a-z/-]+\.ts)`/g)].map((m) => m[1]!);
    assert.ok(files.length > 0, `seam table row without a file: ${line}`);
    seam.set(cells[1]!, files);
  }
  return seam;
}

// Statement shapes, matched against the text of each string and template literal (comments and
// identifiers never match: the literals come from the TypeScript parser).
const STATEMENT = new RegExp(
  [
    String.raw`\bSELECT\b[\s\S]*\bFROM\b`,
    String.raw`\bSELECT\s+(?:\d|\w+\()`,
    String.raw`\bINSERT(?:\s+OR\s+\w+)?\s+INTO\b`,
    String.raw`\bUPDATE\s+\w+\s+SET\b`,
    String.raw`\bDELETE\s+FROM\b`,
    String.raw`\bREPLACE\s+INTO\b`,
    String.raw`\b(?:CREATE|DROP)\s+(?:TABLE|INDEX|VIEW|TRIGGER|VIRTUAL)\b`,
    String.raw`\bPRAGMA\s+\w`,
    String.raw`\bWHERE\s+\w`,
    String.raw`\b(?:LEFT\s+)?JOIN\s+\w+`,
    String.raw`\b(?:ORDER|GROUP)\s+BY\b`,
    String.raw`^\s*(?:BEGIN|COMMIT|ROLLBACK|SAVEPOINT|VACUUM|ANALYZE)\b`,
  ].join('|'),
);
// A call runs SQL when it is prepare/exec/pragma with a literal argument, or on a database handle
// (db, this.#db, archive.db, tx, conn, client) — not a RegExp's exec, not a step's own prepare().
const SQL_CALL = new Set(['prepare', 'exec', 'pragma']);
const DB_HANDLE = /(?:^|[^a-z])(?:db|tx|conn|client)$/i;

/** Where a file holds SQL: `line: what` for each literal statement and each database call. */
function sqlIn(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ');
    if (text !== undefined && STATEMENT.test(text)) found.push(`${at(node)}: ${text.replace(/\s+/g, ' ').trim().slice(0, 60)}`);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SQL_CALL.has(node.expression.name.text)) {
      const arg = node.arguments[0];
      const literal = arg !== undefined && (ts.isStringLiteral(arg) || ts.isTemplateLiteral(arg));
      if (literal || DB_HANDLE.test(node.expression.expression.getText(source))) found.push(`${at(node)}: .${node.expression.name.text}(`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The files whose SQL is outside their area's seam (`path` relative to main/). */
function violations(path: string, code: string, seam: Map<string, string[]>): string[] {
  if (path.startsWith('db/')) return [];
  const hits = sqlIn(path, code);
  if (hits.length === 0) return [];
  const area = path.includes('/') ? path.split('/')[0]! : '(main)';
  if (seam.get(area)?.includes(path)) return [];
  return [`${path} holds SQL outside the ${area} seam (${hits.length}: ${hits[0]})`];
}

function mainFiles(dir = MAIN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mainFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('every file in main/ that holds SQL (outside main/db/) is listed in its area row of the seam table', () => {
  const seam = seamFromDocs();
  assert.ok(seam.has('archive') && seam.has('retention') && seam.has('portal'), [...seam.keys()].join(', '));
  const found = mainFiles().flatMap((path) => violations(relative(MAIN, path), readFileSync(path, 'utf8'), seam));
  assert.deepEqual(found, []);
});

test('every file the seam table lists exists, sits in its area and holds SQL', () => {
  for (const [area, files] of seamFromDocs()) {
    for (const file of files) {
      assert.ok(file.startsWith(`${area}/`), `${file} is listed in the ${area} row`);
      assert.ok(existsSync(join(MAIN, file)), `main/${file} (seam table, ${area}) does not exist`);
      assert.notDeepEqual(sqlIn(file, readFileSync(join(MAIN, file), 'utf8')), [], `main/${file} is listed in the ${area} seam but holds no SQL`);
    }
  }
});

test('the check bites: SQL in a step, a handler or an unlisted area is named; regexes and comments are not SQL', () => {
  const seam = seamFromDocs();
  const named = (path: string, code: string) => violations(path, code, seam).map((v) => v.split(' (')[0]);
  assert.deepEqual(named('retention/transfer.ts', "const n = db.prepare('SELECT count(*) FROM disposition_items WHERE case_id = ?').get(id);"), [
    'retention/transfer.ts holds SQL outside the retention seam',
  ]);
  assert.deepEqual(named('portal/pusher.ts', 'const text = `UPDATE outbox SET state = ${state}`;'), ['portal/pusher.ts holds SQL outside the portal seam']);
  assert.deepEqual(named('ops/handlers.ts', "const check = archive.db.pragma('quick_check');"), ['ops/handlers.ts holds SQL outside the ops seam']);
  assert.deepEqual(named('cli/commands/x.ts', 'db.exec(script);'), ['cli/commands/x.ts holds SQL outside the cli seam']);
  assert.deepEqual(named('host/compose.ts', 'const rows = this.#db.prepare(text).all();'), ['host/compose.ts holds SQL outside the host seam']);
  // A seam module of another area is no cover: archive/queries.ts is archive's, not retention's.
  assert.deepEqual(named('retention/queues.ts', "db.prepare('SELECT id FROM records')"), ['retention/queues.ts holds SQL outside the retention seam']);
  // Not SQL: a RegExp's exec, a step's own prepare(), a comment, an English sentence.
  assert.deepEqual(
    named('retention/execute.ts', "// SELECT … FOR UPDATE in PostgreSQL\nconst m = /x/.exec(text);\nawait step.prepare?.(pre, bytes);\nconst s = 'Select a file from the list';"),
    [],
  );
  // The owner itself, and the database floor, pass.
  assert.deepEqual(named('retention/cases.ts', "db.prepare('SELECT * FROM disposition_cases WHERE id = ?')"), []);
  assert.deepEqual(named('db/settings.ts', "db.prepare('SELECT value FROM settings WHERE key = ?')"), []);
});
