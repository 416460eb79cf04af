// The machine-wide IT policy: fixed locations, strict validation that turns updates off when the
// file is wrong, warnings for unknown keys, and precedence over the user's own backup settings.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { effectiveUpdatePolicy } from '../../main/ops/updater-core.ts';
import { describePolicy, loadPolicy, policyPath, resolveBackupSettings } from '../../main/ops/update-policy.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('IT policy', () => {
  test('lives in the machine-wide folder of each OS; no environment variable can move it', () => {
    assert.equal(policyPath('win32', { ProgramData: 'C:\\ProgramData' }), join('C:\\ProgramData', 'Berkas', 'policy.json'));
    assert.equal(policyPath('linux', {}), '/etc/berkas/policy.json');
    assert.equal(policyPath('darwin', {}), '/Library/Application Support/Berkas/policy.json');
    assert.equal(policyPath('linux', { BERKAS_POLICY_FILE: '/home/user/mine.json', XDG_CONFIG_HOME: '/home/user/.config' }), '/etc/berkas/policy.json');
  });

  test('a missing file means defaults; a valid one is read (BOM from Notepad included)', () => {
    const dir = tempDir();
    assert.deepEqual(loadPolicy(join(dir, 'policy.json')), { kind: 'none', file: join(dir, 'policy.json') });
    const file = join(dir, 'policy.json');
    writeFileSync(file, '\uFEFF' + JSON.stringify({ updates: { enabled: true, url: 'https://pembaruan.pemda.go.id/berkas/', pinnedVersion: '1.3.2' }, backup: { keep: 14 } }));
    const load = loadPolicy(file);
    assert.equal(load.kind, 'ok');
    assert.equal(load.kind === 'ok' && load.policy.updates.pinnedVersion, '1.3.2');
    assert.match(describePolicy(load).en, /pinned to version 1\.3\.2/);
  });

  test('an invalid file turns updates off and says which key is wrong', () => {
    const dir = tempDir();
    const cases: Array<[string, RegExp]> = [
      ['{ "updates": { "enabled": true, ', /not valid JSON/],
      ['{"updates": {"enabled": "yes"}}', /updates\.enabled/],
      ['{"updates": {"enabled": true, "url": "ftp://server/berkas"}}', /updates\.url: an http:\/\/ or https:\/\/ address/],
      ['{"updates": {"enabled": true, "pinnedVersion": "latest"}}', /updates\.pinnedVersion/],
      ['{"updates": {"enabled": true, "channel": "nightly"}}', /updates\.channel/],
      ['{"backup": {"keep": 3}}', /updates/],
      ['{"updates": {"enabled": true}, "backup": {"keep": 0}}', /backup\.keep/],
    ];
    for (const [text, why] of cases) {
      const file = join(dir, 'policy.json');
      writeFileSync(file, text);
      const load = loadPolicy(file);
      assert.equal(load.kind, 'invalid', text);
      if (load.kind !== 'invalid') continue;
      assert.match(load.error.messages.en, why);
      assert.match(load.error.messages.en, /Automatic updates are off until that file is fixed/);
      assert.match(load.error.messages.id, /Pembaruan otomatis dimatikan/);
      const effective = effectiveUpdatePolicy(load, 'https://pembaruan.pemda.go.id/berkas/');
      assert.ok('disabled' in effective, 'updates are off');
    }
  });

  test('unknown keys (a typo, or a key from a newer Berkas) are warnings, not failures', () => {
    const dir = tempDir();
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ updates: { enabled: true, pinnedVerison: '1.0.0' }, telemetry: false }));
    const load = loadPolicy(file);
    assert.equal(load.kind, 'ok');
    assert.deepEqual(load.kind === 'ok' && load.warnings, ['unknown key "updates.pinnedVerison" ignored', 'unknown key "telemetry" ignored']);
  });

  test('backup settings: the policy wins over the user, the user over the defaults', () => {
    const none = { kind: 'none' as const, file: '/etc/berkas/policy.json' };
    assert.deepEqual(resolveBackupSettings(none), { keep: 7, intervalHours: 24, lockedByPolicy: [] });
    assert.deepEqual(resolveBackupSettings(none, { dir: 'D:\\Cadangan', keep: 3 }), { dir: 'D:\\Cadangan', keep: 3, intervalHours: 24, lockedByPolicy: [] });
    const dir = tempDir();
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ updates: { enabled: false }, backup: { dir: '\\\\server\\cadangan', keep: 14 } }));
    assert.deepEqual(resolveBackupSettings(loadPolicy(file), { dir: 'D:\\Cadangan', keep: 3, intervalHours: 6 }), {
      dir: '\\\\server\\cadangan',
      keep: 14,
      intervalHours: 6,
      lockedByPolicy: ['dir', 'keep'],
    });
  });

  test('the feed: policy URL over the built-in one; the .invalid placeholder counts as none', () => {
    const ok = (updates: object) => ({ kind: 'ok' as const, file: 'p', policy: { updates: { enabled: true, ...updates } }, warnings: [] });
    assert.deepEqual(effectiveUpdatePolicy(ok({ url: 'https://a.go.id/b/' }), 'https://built.in/'), { policy: { enabled: true, url: 'https://a.go.id/b/' }, feedUrl: 'https://a.go.id/b/' });
    assert.deepEqual(effectiveUpdatePolicy(ok({}), 'https://built.in/'), { policy: { enabled: true }, feedUrl: 'https://built.in/' });
    const placeholder = effectiveUpdatePolicy({ kind: 'none', file: 'p' }, 'https://updates.example.invalid/berkas/');
    assert.ok('disabled' in placeholder && /No update server is configured/.test(placeholder.disabled.en));
  });
});
