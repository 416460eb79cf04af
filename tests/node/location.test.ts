import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveArchiveDir } from '../../main/host/location.ts';

const home = '/home/ani';

test('the archive defaults to the per-user data folder on each platform', () => {
  assert.equal(resolveArchiveDir({ argv: [], env: {}, platform: 'linux', home }), '/home/ani/.config/Berkas');
  assert.equal(resolveArchiveDir({ argv: [], env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', home }), '/x/Berkas');
  assert.match(resolveArchiveDir({ argv: [], env: { APPDATA: 'C:\\Users\\ani\\AppData\\Roaming' }, platform: 'win32', home }), /Roaming[\\/]Berkas$/);
});

test('--archive wins over BERKAS_ARCHIVE, which wins over the default', () => {
  assert.equal(resolveArchiveDir({ argv: ['--archive', '/srv/a'], env: { BERKAS_ARCHIVE: '/srv/b' }, platform: 'linux', home }), '/srv/a');
  assert.equal(resolveArchiveDir({ argv: ['--archive=/srv/c'], env: {}, platform: 'linux', home }), '/srv/c');
  assert.equal(resolveArchiveDir({ argv: [], env: { BERKAS_ARCHIVE: '/srv/b' }, platform: 'linux', home }), '/srv/b');
});
