// The retention clock over the sample JRA: close dates around year ends and 29 February, rules that
// count from an event, inactive period 0, files never closed, and the dotted-code rule lookup.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { addYears, computeSchedule, isDue, localToday, type RetentionTerms } from '../../main/retention/clock.ts';
import { findRule, isCodePrefix, ruleIndex } from '../../main/archive/codes.ts';
import { parseDisposition, parseJraRows, parseYears, type ParsedRule } from '../../main/retention/jraParse.ts';
import { readTable } from '../../main/tabular/read.ts';
import { JRA_SAMPLE } from './retention-helpers.ts';

let rules: ParsedRule[] = [];
const terms = (code: string): RetentionTerms => {
  const rule = findRule(rules, code);
  assert.ok(rule, `a rule for ${code}`);
  return { activeYears: rule.activeYears, inactiveYears: rule.inactiveYears, trigger: rule.trigger, disposition: rule.disposition, conditional: rule.conditional };
};

before(async () => {
  const table = await readTable(JRA_SAMPLE);
  const parsed = parseJraRows(table.headers, table.rows, table.lineNumbers);
  assert.deepEqual(parsed.problems, []);
  rules = parsed.rules;
});

test('the sample JRA parses into 24 rules, keeping the JRA words and flagging conditional dispositions', () => {
  assert.equal(rules.length, 24);
  const rapat = rules.find((r) => r.code === '000.1.5')!;
  assert.equal(rapat.disposition, 'musnah');
  assert.equal(rapat.conditional, true);
  assert.equal(rapat.note, 'kecuali notulen terkait kebijakan: permanen');
  assert.equal(rules.find((r) => r.code === '000.1.1')!.conditional, false);
  // "SKKA: Biasa" is a note about the security class, not a condition on the disposition.
  assert.equal(rules.find((r) => r.code === 'UM.02.01')!.conditional, false);
  // An outcome the parser cannot name is re-appraised by people, never destroyed by rule.
  const rekrutmen = rules.find((r) => r.code === 'KP.01.07.c')!;
  assert.equal(rekrutmen.disposition, 'dinilai-kembali');
  assert.equal(rekrutmen.conditional, true);
  assert.equal(rekrutmen.dispositionRaw, 'masuk berkas perseorangan');
  assert.equal(rules.find((r) => r.code === 'UM.02.04')!.inactiveYears, 0);
  assert.equal(rules.filter((r) => r.trigger).length, 4);
});

test('year arithmetic on calendar dates: 29 February lands on 28 February in common years', () => {
  assert.equal(addYears('2024-02-29', 1), '2025-02-28');
  assert.equal(addYears('2024-02-29', 4), '2028-02-29');
  assert.equal(addYears('2024-02-29', 100), '2124-02-29');
  assert.equal(addYears('2100-02-28', 0), '2100-02-28');
  assert.equal(addYears('2023-12-31', 1), '2024-12-31');
  assert.equal(addYears('2024-01-01', 2), '2026-01-01');
  assert.throws(() => addYears('2023-02-29', 1), /no such day/);
});

test('a file closed on 31 December: transfer due on the first anniversary, not a day earlier', () => {
  const file = { closedAt: '2023-12-31', triggerDate: null };
  const active = computeSchedule(file, terms('000.1.1'), 'aktif');
  assert.equal(active.activeUntil, '2024-12-31');
  assert.equal(active.inactiveUntil, '2025-12-31');
  assert.equal(active.nextAction, 'transfer');
  assert.equal(isDue(active, '2024-12-30'), false);
  assert.equal(isDue(active, '2024-12-31'), true);
  const inactive = computeSchedule(file, terms('000.1.1'), 'inaktif');
  assert.equal(inactive.nextAction, 'destroy');
  assert.equal(inactive.dueAt, '2025-12-31');
  assert.equal(isDue(inactive, '2025-12-30'), false);
  assert.equal(isDue(inactive, '2026-01-01'), true);
});

test('a file closed on 1 January counts from that day, not from the year before', () => {
  const s = computeSchedule({ closedAt: '2024-01-01', triggerDate: null }, terms('000.3.2'), 'aktif');
  assert.equal(s.activeUntil, '2026-01-01');
  assert.equal(s.inactiveUntil, '2029-01-01');
  assert.equal(isDue(s, '2025-12-31'), false);
});

test('a file closed on 29 February: both periods end on 28 February of common years', () => {
  const s = computeSchedule({ closedAt: '2024-02-29', triggerDate: null }, terms('900.1.3.7'), 'inaktif');
  assert.equal(s.activeUntil, '2026-02-28');
  assert.equal(s.inactiveUntil, '2034-02-28');
  assert.equal(s.dueAt, '2034-02-28');
  assert.equal(s.totalYears, 10);
  const leap = computeSchedule({ closedAt: '2024-02-29', triggerDate: null }, terms('000.1.1'), 'inaktif');
  assert.equal(leap.inactiveUntil, '2026-02-28');
});

test('"setelah tahun anggaran berakhir" counts from 31 December of the closing year, or from the event date when recorded', () => {
  const fy = computeSchedule({ closedAt: '2023-06-15', triggerDate: null }, terms('UM.02.01'), 'aktif');
  assert.equal(fy.basis, 'fiscal-year-end');
  assert.equal(fy.startsAt, '2023-12-31');
  assert.equal(fy.activeUntil, '2025-12-31');
  assert.equal(fy.inactiveUntil, '2028-12-31');
  const dated = computeSchedule({ closedAt: '2023-06-15', triggerDate: '2024-03-31' }, terms('UM.02.01'), 'aktif');
  assert.equal(dated.basis, 'trigger');
  assert.equal(dated.activeUntil, '2026-03-31');
});

test('a rule counting from another event waits for the event date and is never due without it', () => {
  const waiting = computeSchedule({ closedAt: '2010-01-01', triggerDate: null }, terms('PR.00.01'), 'aktif');
  assert.equal(waiting.state, 'awaiting-event');
  assert.equal(isDue(waiting, '2999-12-31'), false);
  const after = computeSchedule({ closedAt: '2010-01-01', triggerDate: '2020-07-01' }, terms('PR.00.01'), 'inaktif');
  assert.equal(after.state, 'scheduled');
  assert.equal(after.activeUntil, '2022-07-01');
  assert.equal(after.nextAction, 'handover');
  assert.equal(after.dueAt, '2025-07-01');
});

test('inactive period 0: no transfer, the final disposition is due when the active period ends', () => {
  const s = computeSchedule({ closedAt: '2021-03-10', triggerDate: '2022-05-20' }, terms('UM.02.04'), 'aktif');
  assert.equal(s.nextAction, 'destroy');
  assert.equal(s.activeUntil, '2024-05-20');
  assert.equal(s.inactiveUntil, '2024-05-20');
  assert.equal(s.dueAt, '2024-05-20');
  assert.equal(isDue(s, '2024-05-20'), true);
});

test('a file that was never closed is never due, whatever rule or event date it has', () => {
  for (const code of ['000.1.1', 'UM.02.04', 'PR.00.01', '900.1.3.7']) {
    for (const stage of ['aktif', 'inaktif'] as const) {
      const s = computeSchedule({ closedAt: null, triggerDate: '2001-01-01' }, terms(code), stage);
      assert.equal(s.state, 'open');
      assert.equal(s.nextAction, 'none');
      assert.equal(isDue(s, '9999-12-31'), false);
    }
  }
});

test('final actions follow the disposition; conditional rules ask a person; permanent files go to handover', () => {
  const closed = { closedAt: '2015-12-31', triggerDate: null };
  assert.equal(computeSchedule(closed, terms('000.2.5'), 'inaktif').nextAction, 'handover');
  const rapat = computeSchedule(closed, terms('000.1.5'), 'inaktif');
  assert.equal(rapat.nextAction, 'destroy');
  assert.equal(rapat.needsDecision, true);
  assert.equal(computeSchedule({ closedAt: '2015-12-31', triggerDate: '2016-01-02' }, terms('KP.01.07.c'), 'inaktif').nextAction, 'reappraise');
  assert.equal(computeSchedule(closed, terms('000.1.1'), 'done').nextAction, 'none');
});

test('a re-appraisal restarts the clock from the decision with the disposition it chose', () => {
  const s = computeSchedule({ closedAt: '2015-12-31', triggerDate: null }, terms('000.1.1'), 'inaktif', { decidedAt: '2026-03-01', extendYears: 5, disposition: 'permanen' });
  assert.equal(s.nextAction, 'handover');
  assert.equal(s.dueAt, '2031-03-01');
  assert.equal(s.reappraised, true);
  assert.equal(s.needsDecision, false);
  assert.equal(s.totalYears, 7);
});

test('the rule for a code is the longest dotted prefix with a rule; unknown codes get none', () => {
  const list = [{ code: '600.1' }, { code: '600.1.2.3' }, { code: '900' }];
  assert.equal(findRule(list, '600.1')?.code, '600.1');
  assert.equal(findRule(list, '600.1.2')?.code, '600.1');
  assert.equal(findRule(list, '600.1.2.3.4')?.code, '600.1.2.3');
  assert.equal(findRule(list, '600.10'), null, '600.1 is not a prefix of 600.10');
  assert.equal(findRule(list, '600'), null, 'a parent never borrows a child rule');
  assert.equal(findRule(list, '611'), null);
  assert.equal(findRule(list, '900.1.3.7')?.code, '900');
  assert.equal(findRule(list, null), null);
  const lookup = ruleIndex(list);
  for (const code of ['600.1', '600.1.2', '600.1.2.3.4', '600.10', '600', '900.1.3.7', '611']) {
    assert.equal(lookup(code)?.code ?? null, findRule(list, code)?.code ?? null, code);
  }
  assert.equal(isCodePrefix('000.1', '000.01.5'), true, 'segments compare as numbers');
  assert.equal(isCodePrefix('TU.01', 'tu.01.01.b'), true);
  // The sample's real rows: 900.1.3.1 governs deeper SPP codes, not its sibling 900.1.3.10.
  assert.equal(findRule(rules, '900.1.3.1.2')?.code, '900.1.3.1');
  assert.equal(findRule(rules, '900.1.3.10')?.code, '900.1.3.10');
  assert.equal(findRule(rules, '900.1.3'), null);
});

test('JRA cells: years with event phrases, dashes for zero inactive years, dispositions in the JRA words', () => {
  assert.deepEqual(parseYears('2', false), { years: 2, trigger: null });
  assert.deepEqual(parseYears('2 Tahun setelah tahun anggaran berakhir', false), { years: 2, trigger: 'setelah tahun anggaran berakhir' });
  assert.deepEqual(parseYears('-', true), { years: 0, trigger: null });
  assert.equal(parseYears('-', false), null);
  assert.equal(parseYears('Permanen', true), null);
  assert.deepEqual(parseDisposition('Musnah, kecuali Notulen terkait Kebijakan Permanen', null), { disposition: 'musnah', conditional: true });
  assert.deepEqual(parseDisposition('Musnah', null), { disposition: 'musnah', conditional: false });
  assert.deepEqual(parseDisposition('Dinilai Kembali', null), { disposition: 'dinilai-kembali', conditional: false });
  assert.deepEqual(parseDisposition('Permanen', 'SKKA: Terbatas'), { disposition: 'permanen', conditional: false });
  assert.deepEqual(parseDisposition('Musnah, setelah masuk menjadi evaluasi program', null), { disposition: 'musnah', conditional: true });
  assert.deepEqual(parseDisposition('Masuk Berkas Perseorangan', null), { disposition: 'dinilai-kembali', conditional: true });
});

test('no time zone moves a due date: the clock never reads the machine zone', () => {
  const original = process.env.TZ;
  const results: string[] = [];
  try {
    for (const zone of ['Pacific/Kiritimati', 'UTC', 'Asia/Jakarta', 'America/Adak']) {
      process.env.TZ = zone;
      const s = computeSchedule({ closedAt: '2024-02-29', triggerDate: null }, terms('000.1.1'), 'inaktif');
      results.push(`${s.activeUntil}|${s.dueAt}`);
    }
    // localToday is the one place that reads a wall clock, and it reads the calendar date shown there.
    process.env.TZ = 'Asia/Jakarta';
    assert.equal(localToday(new Date('2026-03-01T20:00:00Z')), '2026-03-02');
    process.env.TZ = 'America/Adak';
    assert.equal(localToday(new Date('2026-03-01T20:00:00Z')), '2026-03-01');
  } finally {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  }
  assert.deepEqual(new Set(results).size, 1);
  assert.equal(results[0], '2025-02-28|2026-02-28');
});
