// The rotating log file and the redaction it relies on, on a real folder.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createLogger, logFiles } from '../../main/log/logger.ts';
import { MASK, redact, redactText } from '../../main/log/redact.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('redact', () => {
  test('masks values under secret-looking keys, at any depth, and leaves the rest', () => {
    const input = {
      portal: { url: 'https://data.go.id', apiToken: 'ckan-4f1d2e9a7b', organization: 'diskominfo' },
      password: 'Rahasia#2026',
      headers: { Authorization: 'Bearer abcdefgh12345678' },
      users: [{ name: 'ani', passwordHash: 'scrypt$xyz' }],
      count: 3,
      empty: '',
    };
    assert.deepEqual(redact(input), {
      portal: { url: 'https://data.go.id', apiToken: MASK, organization: 'diskominfo' },
      password: MASK,
      headers: { Authorization: MASK },
      users: [{ name: 'ani', passwordHash: MASK }],
      count: 3,
      empty: '',
    });
    assert.equal(input.password, 'Rahasia#2026', 'the input is not modified');
  });

  test('masks secrets inside text: bearer tokens, URL passwords, key=value pairs', () => {
    const text = redactText('GET https://admin:s3cr3tpw@updates.pemda.go.id/x?token=abc123xyz&page=2 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload password="Rahasia#2026"');
    for (const secret of ['s3cr3tpw', 'abc123xyz', 'eyJhbGciOiJIUzI1NiJ9', 'Rahasia#2026']) assert.ok(!text.includes(secret), `${secret} is gone: ${text}`);
    assert.match(text, /page=2/);
    assert.match(text, /updates\.pemda\.go\.id/);
  });

  test('errors keep name, message, code and stack, redacted', () => {
    const error = Object.assign(new Error('login failed for token=tok-9988776655'), { code: 'E_AUTH' });
    const out = redact(error) as Record<string, string>;
    assert.equal(out.name, 'Error');
    assert.equal(out.code, 'E_AUTH');
    assert.ok(!out.message!.includes('tok-9988776655'));
    assert.ok(!out.stack!.includes('tok-9988776655'));
  });
});

describe('logger', () => {
  test('writes leveled, scoped lines and never writes a secret', () => {
    const dir = tempDir();
    const log = createLogger({ dir, level: 'info', now: () => new Date('2026-03-01T08:00:00Z') });
    log.debug('not written');
    log.child('portal').info('pushed record 12', { token: 'ckan-secret-token-1', status: 200 });
    log.error('push failed: Authorization: Bearer abcdefghijklmnop');
    const text = readFileSync(join(dir, 'berkas.log'), 'utf8');
    assert.equal(
      text,
      [
        `2026-03-01T08:00:00.000Z INFO  [portal] pushed record 12 {"token":"${MASK}","status":200}`,
        `2026-03-01T08:00:00.000Z ERROR push failed: Authorization: Bearer ${MASK}`,
        '',
      ].join('\n'),
    );
  });

  test('rotates at the size limit and keeps the newest files only', () => {
    const dir = tempDir();
    const log = createLogger({ dir, maxBytes: 1000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info(`line ${String(i).padStart(4, '0')} ${'x'.repeat(60)}`);
    const names = readdirSync(dir).sort();
    assert.deepEqual(names, ['berkas.1.log', 'berkas.2.log', 'berkas.3.log', 'berkas.log']);
    for (const file of logFiles(dir, 'berkas.log', 3)) assert.ok(statSync(file).size <= 1000, `${file} is within the limit`);
    const newest = readFileSync(join(dir, 'berkas.log'), 'utf8');
    assert.match(newest, /line 0199/);
    const oldest = readFileSync(join(dir, 'berkas.3.log'), 'utf8');
    assert.ok(!oldest.includes('line 0000 '), 'the oldest lines were dropped');
    const all = logFiles(dir, 'berkas.log', 3).reverse().map((f) => readFileSync(f, 'utf8')).join('');
    const numbers = [...all.matchAll(/line (\d{4})/g)].map((m) => Number(m[1]));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'rotation keeps lines in order');
    assert.equal(numbers.at(-1), 199);
  });

  test('a log folder that cannot be created does not throw into the caller', () => {
    const dir = tempDir();
    createLogger({ dir }).info('x'); // dir/berkas.log is a file, so it cannot hold a folder
    const log = createLogger({ dir: join(dir, 'berkas.log', 'sub') });
    const original = console.error;
    const notes: string[] = [];
    console.error = (m: string) => notes.push(m);
    try {
      log.info('one');
      log.info('two');
    } finally {
      console.error = original;
    }
    assert.equal(notes.length, 1, 'one note, not one per line');
    assert.match(notes[0]!, /cannot write the log file/);
    assert.ok(!existsSync(join(dir, 'berkas.log', 'sub')));
  });
});
