// Dates as clerks type and read them: day first, month names in both languages, and partial
// knowledge (a year alone) kept as it is, from the input through the archive to the printed page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { createRecord, listRecords, DEFAULT_FIELDS } from '../../main/archive/records.ts';
import { tanggal } from '../../main/reports/idDate.ts';
import { RecordFields } from '../../preload/contract.ts';
import { earliestDay, parseTypedDate, toTypedDate } from '../../renderer/src/ui/dates.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

const read = (text: string, partial = false) => parseTypedDate(text, { partial, todayYear: 2026 });

test('typed dates are read day first, never month first', () => {
  assert.deepEqual(read('01/12/2026'), { ok: true, value: '2026-12-01' });
  assert.deepEqual(read('12/01/2026'), { ok: true, value: '2026-01-12' });
  assert.deepEqual(read('1-2-2026'), { ok: true, value: '2026-02-01' });
  assert.deepEqual(read('1.2.26'), { ok: true, value: '2026-02-01' });
  assert.deepEqual(read('3/4/98'), { ok: true, value: '1998-04-03' }, 'a two-digit year past next year is last century');
  assert.deepEqual(read('2026-12-01'), { ok: true, value: '2026-12-01' }, 'ISO pasted from elsewhere');
  assert.deepEqual(read('1 Desember 2026'), { ok: true, value: '2026-12-01' });
  assert.deepEqual(read('17 agt 2025'), { ok: true, value: '2025-08-17' });
  assert.deepEqual(read('5 March 2024'), { ok: true, value: '2024-03-05' });
  assert.deepEqual(read(''), { ok: true, value: null }, 'empty is no date');
});

test('impossible and unreadable dates are refused with their reason', () => {
  assert.deepEqual(read('31/02/2026'), { ok: false, reason: 'invalid' });
  assert.deepEqual(read('29/02/2025'), { ok: false, reason: 'invalid' });
  assert.deepEqual(read('29/02/2024'), { ok: true, value: '2024-02-29' });
  assert.deepEqual(read('13/13/2026'), { ok: false, reason: 'invalid' });
  assert.deepEqual(read('kemarin'), { ok: false, reason: 'format' });
  assert.deepEqual(read('2026'), { ok: false, reason: 'partial' }, 'a field that needs a day says so');
});

test('partial dates stay partial where the field allows them', () => {
  assert.deepEqual(read('2025', true), { ok: true, value: '2025' });
  assert.deepEqual(read('03/2025', true), { ok: true, value: '2025-03' });
  assert.deepEqual(read('Maret 2025', true), { ok: true, value: '2025-03' });
  assert.equal(toTypedDate('2025'), '2025');
  assert.equal(toTypedDate('2025-03'), '03/2025');
  assert.equal(toTypedDate('2026-12-01'), '01/12/2026');
  assert.equal(earliestDay('2025'), '2025-01-01');
  assert.equal(tanggal('2025'), '2025');
  assert.equal(tanggal('2025-03'), 'Maret 2025');
  assert.equal(tanggal('2026-12-01'), '1 Desember 2026');
});

test('a record dated only by its year is stored as the year and found by a date range that covers it', () => {
  assert.equal(RecordFields.shape.letterDate.safeParse('2025').success, true);
  assert.equal(RecordFields.shape.letterDate.safeParse('2025-13').success, false);
  const archive = openArchive(join(tempDir(), 'a'));
  try {
    const year = createRecord(archive.db, { ...DEFAULT_FIELDS, subject: 'Surat bertahun saja', letterDate: '2025' }, fullViewer('uji'));
    const month = createRecord(archive.db, { ...DEFAULT_FIELDS, subject: 'Surat berbulan', letterDate: '2025-03' }, fullViewer('uji'));
    createRecord(archive.db, { ...DEFAULT_FIELDS, subject: 'Surat lama', letterDate: '2024-12-31' }, fullViewer('uji'));
    assert.equal(year.letterDate, '2025');
    const ids = (dateFrom: string, dateTo: string) =>
      listRecords(archive.db, { filter: { dateFrom, dateTo }, sort: 'letterDate', direction: 'asc', offset: 0, limit: 50 }, fullViewer('test')).rows.map((r) => r.subject);
    assert.deepEqual(ids('2025-03-10', '2025-12-31').sort(), ['Surat berbulan', 'Surat bertahun saja'].sort());
    assert.deepEqual(ids('2025-04-01', '2025-12-31'), ['Surat bertahun saja']);
    assert.deepEqual(ids('2024-01-01', '2024-12-31'), ['Surat lama']);
    assert.ok(month.id > year.id);
  } finally {
    archive.close();
  }
});
