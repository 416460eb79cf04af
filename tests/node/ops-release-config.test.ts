// The release-build guard against electron-updater's fail-open signature check: a Windows release
// without publisherName is refused, with a message that says what to set; a development build and
// a release that names the publisher go through. Run on the real electron-builder.yml and through
// the scripts as `npm run dist` runs them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkPackagedUpdateConfig, checkReleaseConfig, configOverrides, releaseRequested } from '../../scripts/check-release-config.ts';
import { ROOT } from '../helpers/tmp.ts';

const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const DN = 'CN=Dinas Kominfo Kabupaten Contoh, O=Pemerintah Kabupaten Contoh, L=Contoh, C=ID';

function run(script: string, args: string[], env: Record<string, string>) {
  const { BERKAS_RELEASE: _drop, ...base } = process.env;
  return spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('release configuration check', () => {
  test('the shipped electron-builder.yml carries the packaging basics', () => {
    const result = checkReleaseConfig(yml, { release: false });
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.ok(result.warnings.some((w) => /publisherName is not set/.test(w)), 'a development build is warned, not refused');
  });

  test('a release without publisherName is refused, naming the fail-open trap and the fix', () => {
    const result = checkReleaseConfig(yml, { release: true });
    assert.equal(result.ok, false);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!, /^Release build refused: win\.signtoolOptions\.publisherName is not set/);
    assert.match(result.problems[0]!, /WITHOUT checking its Authenticode signature/);
    assert.match(result.problems[0]!, /-c\.win\.signtoolOptions\.publisherName=/);
  });

  test('a release that names the publisher (in the file or on the command line) passes', () => {
    const inFile = yml.replace('win:\n', `win:\n  signtoolOptions:\n    publisherName: "${DN}"\n`);
    assert.deepEqual(checkReleaseConfig(inFile, { release: true }).problems, []);
    const onCli = checkReleaseConfig(yml, { release: true, overrides: configOverrides([`-c.win.signtoolOptions.publisherName=${DN}`]) });
    assert.equal(onCli.ok, true);
    const cnOnly = checkReleaseConfig(yml, { release: true, overrides: { 'win.signtoolOptions.publisherName': 'Dinas Kominfo' } });
    assert.equal(cnOnly.ok, true);
    assert.ok(cnOnly.warnings.some((w) => /full DN/.test(w)));
  });

  test('other release blockers: npm rebuild on, no asarUnpack, signature verification off', () => {
    const broken = yml.replace('npmRebuild: false', 'npmRebuild: true').replace('asarUnpack:\n  - "**/*.node"', 'asarUnpack: []').replace('verifyUpdateCodeSignature: true', 'verifyUpdateCodeSignature: false');
    const result = checkReleaseConfig(broken, { release: true, overrides: { 'win.signtoolOptions.publisherName': DN } });
    assert.equal(result.problems.length, 3, result.problems.join('\n'));
  });

  test('the built app-update.yml: no publisherName fails a release, passes a development build', () => {
    const unsigned = 'provider: generic\nurl: https://updates.example.invalid/berkas/\nupdaterCacheDirName: berkas-updater\n';
    assert.equal(checkPackagedUpdateConfig(unsigned, { release: true }).ok, false);
    assert.equal(checkPackagedUpdateConfig(unsigned, { release: false }).ok, true);
    assert.equal(checkPackagedUpdateConfig(`${unsigned}publisherName:\n  - "${DN}"\n`, { release: true }).ok, true);
  });

  test('a release is requested by BERKAS_RELEASE=1 or --release', () => {
    assert.equal(releaseRequested([], { BERKAS_RELEASE: '1' }), true);
    assert.equal(releaseRequested(['--release'], {}), true);
    assert.equal(releaseRequested(['--dir'], {}), false);
  });

  test('the script: exit 1 with the reason for a release, exit 0 otherwise', () => {
    const refused = run('check-release-config.ts', [], { BERKAS_RELEASE: '1' });
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /error: Release build refused: win\.signtoolOptions\.publisherName is not set/);
    const dev = run('check-release-config.ts', [], {});
    assert.equal(dev.status, 0, dev.stderr);
    assert.match(dev.stderr, /development build configuration OK/);
    const signed = run('check-release-config.ts', ['--release', `-c.win.signtoolOptions.publisherName=${DN}`], {});
    assert.equal(signed.status, 0, signed.stderr);
  });

  test('npm run dist stops before building: on a release without publisherName, and without an Electron binary', () => {
    const release = run('dist.ts', ['--dir'], { BERKAS_RELEASE: '1' });
    assert.equal(release.status, 1);
    assert.match(release.stderr, /Release build refused/);
    const noBinary = run('dist.ts', ['--dir', '--electron-dist', join(ROOT, '.no-such-electron')], {});
    assert.equal(noBinary.status, 1);
    assert.match(noBinary.stderr, /Cannot package Berkas: no Electron binary was found/);
    assert.match(noBinary.stderr, /ELECTRON_OVERRIDE_DIST_PATH/);
    assert.match(noBinary.stderr, /-c\.electronDist=<dir>/);
    assert.doesNotMatch(noBinary.stdout + noBinary.stderr, /electron-vite|building/i, 'nothing was built');
  });
});
