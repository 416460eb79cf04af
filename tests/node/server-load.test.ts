// Team mode under load, short: 20 clients over HTTPS for 20 seconds with the working day's mix
// (bench/server-load.ts; `node bench/server-load.ts 20 300` is the five-minute run). No call may
// fail, no acknowledged edit may be lost, and the archive must verify afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runServerLoad } from '../../bench/server-load.ts';

test('20 clients for 20 s: 0 errors, 0 lost updates, every channel answered, verify consistent', { timeout: 180_000 }, async () => {
  const report = await runServerLoad({ clients: 20, seconds: 20 });
  assert.deepEqual(report.errors.slice(0, 5), [], `${report.errors.length} errors`);
  assert.equal(report.lostUpdates, 0, JSON.stringify(report.counter));
  assert.ok(report.counter.acknowledged >= 16, 'every staff PC saved the shared record at least once');
  assert.ok(report.expectedRefusals > 0, 'some saves met a newer version and were refused, not overwritten');
  assert.ok(report.editsChecked > 10, `${report.editsChecked} edits checked`);
  assert.ok(report.imports > 20 && report.approvals > 0, JSON.stringify({ imports: report.imports, approvals: report.approvals }));
  for (const channel of ['records.list', 'search.query', 'records.get', 'records.update', 'import.start', 'publication.propose', 'publication.approve', 'retention.queues']) {
    assert.ok((report.perChannel[channel]?.n ?? 0) > 0, `${channel} was called`);
  }
  assert.equal(report.verifyConsistent, true);
});
