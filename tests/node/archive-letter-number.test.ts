import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { letterNumberPatterns, parseLetterNumber, setLetterNumberPatterns } from '../../main/archive/letter-number.ts';
import { tempDir } from '../helpers/tmp.ts';

test('letter numbers prefill code, sequence, unit, month and year', () => {
  assert.deepEqual(parseLetterNumber('B/500.12.16.3/573/BPBD-KL/IX/2026'), {
    pattern: '{security}/{code}/{seq}/{unit}/{month}/{year}',
    securityPrefix: 'B',
    classificationCode: '500.12.16.3',
    sequence: '573',
    unit: 'BPBD-KL',
    month: 9,
    year: 2026,
  });
  const short = parseLetterNumber('000.8.3.3/15/OR');
  assert.equal(short?.classificationCode, '000.8.3.3');
  assert.equal(short?.sequence, '15');
  assert.equal(short?.unit, 'OR');
  assert.equal(short?.year, null);
  assert.equal(parseLetterNumber(' 600.1 / 12 / DPU / 2025 ')?.year, 2025);
  assert.equal(parseLetterNumber('surat biasa tanpa nomor'), null);
  assert.equal(parseLetterNumber('B/500.12/573/BPBD/XIII/2026'), null, 'XIII is no month');
  // A lettered scheme's code (LPP TVRI) prefills too; a lone word is never read as a code.
  assert.equal(parseLetterNumber('B/UM.02.01/573/TVRI/IX/2026')?.classificationCode, 'UM.02.01');
  assert.equal(parseLetterNumber('UM.02.01/15/TVRI/2024')?.classificationCode, 'UM.02.01');
  assert.equal(parseLetterNumber('SR/15')?.classificationCode ?? null, null);
});

test('a unit can set its own pattern, kept in the archive settings', () => {
  const archive = openArchive(join(tempDir(), 'a'));
  try {
    assert.equal(parseLetterNumber('DPU/045/600.1.2/2026', letterNumberPatterns(archive.db)), null);
    setLetterNumberPatterns(archive.db, ['{unit}/{seq}/{code}/{year}']);
    const parts = parseLetterNumber('DPU/045/600.1.2/2026', letterNumberPatterns(archive.db));
    assert.equal(parts?.classificationCode, '600.1.2');
    assert.equal(parts?.unit, 'DPU');
    assert.equal(parts?.sequence, '045');
  } finally {
    archive.close();
  }
});
