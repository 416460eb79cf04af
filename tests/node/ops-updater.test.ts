// The update flow end to end in plain Node (research §4.5): a real HTTP server on 127.0.0.1 serves
// latest.yml / latest-linux.yml and an installer with its real sha512; the real electron-updater
// NsisUpdater / AppImageUpdater run against it through our updater-core, with an AppAdapter in place
// of Electron's app and a Node HTTP executor in place of Electron's net module.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor.js';
import { AppImageUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { AppError } from '../../main/errors.ts';
import { parsePolicy, type PolicyLoad } from '../../main/ops/update-policy.ts';
import { configureUpdater, type UpdaterOptions, type UpdateStatus } from '../../main/ops/updater-core.ts';
import { tempDir } from '../helpers/tmp.ts';

// ElectronHttpExecutor has download(); the Node executor from builder-util lacks only that method.
class TestHttpExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}

const silent = { info() {}, warn() {}, error() {} };

interface FeedServer {
  url: string;
  root: string;
  requests: string[];
  publish(opts: { version: string; platform?: 'win' | 'linux'; stagingPercentage?: number; tamper?: boolean; size?: number }): { file: string; bytes: Buffer };
}

let server: Server;
let feed: FeedServer;
const root = tempDir('berkas-feed-');

before(async () => {
  const requests: string[] = [];
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path)) {
      res.writeHead(404, { connection: 'close' }).end('not found');
      return;
    }
    const body = readFileSync(path);
    // connection: close, so the client's keep-alive sockets do not pile up timeout listeners
    res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes', connection: 'close' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  feed = {
    url,
    root,
    requests,
    publish({ version, platform = 'win', stagingPercentage, tamper = false, size = 256 * 1024 }) {
      const bytes = randomBytes(size);
      const file = platform === 'win' ? `Berkas-Setup-${version}.exe` : `Berkas-${version}.AppImage`;
      writeFileSync(join(root, file), bytes);
      const digest = createHash('sha512').update(bytes).digest();
      if (tamper) digest[0]! ^= 0xff;
      const sha512 = digest.toString('base64');
      const yml = [
        `version: ${version}`,
        'files:',
        `  - url: ${file}`,
        `    sha512: ${sha512}`,
        `    size: ${bytes.length}`,
        `path: ${file}`,
        `sha512: ${sha512}`,
        `releaseDate: '2026-03-01T08:00:00.000Z'`,
        ...(stagingPercentage === undefined ? [] : [`stagingPercentage: ${stagingPercentage}`]),
        '',
      ].join('\n');
      writeFileSync(join(root, platform === 'win' ? 'latest.yml' : 'latest-linux.yml'), yml);
      return { file, bytes };
    },
  };
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function adapterFor(dir: string, version: string, bakedUrl: string | null): AppAdapter {
  const config = join(dir, 'app-update.yml');
  writeFileSync(config, [`provider: generic`, ...(bakedUrl ? [`url: ${bakedUrl}`] : []), 'updaterCacheDirName: berkas-updater', ''].join('\n'));
  mkdirSync(join(dir, 'userData'), { recursive: true });
  return {
    version,
    name: 'Berkas',
    isPackaged: true,
    appUpdateConfigPath: config,
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch() {},
    quit() {},
    onQuit() {},
  };
}

function wire(updater: AppUpdater, platform: 'win32' | 'linux'): AppUpdater {
  const internals = updater as unknown as { httpExecutor: unknown; _testOnlyOptions: unknown };
  internals.httpExecutor = new TestHttpExecutor();
  // Read latest.yml (Windows) on this Linux machine; no blockmap exists, so no differential attempt.
  internals._testOnlyOptions = { platform, isUseDifferentialDownload: false };
  updater.logger = silent;
  return updater;
}

function nsis(version: string, bakedUrl: string | null = null) {
  const dir = tempDir('berkas-upd-');
  return wire(new NsisUpdater(null, adapterFor(dir, version, bakedUrl)), 'win32');
}

function policy(updates: Record<string, unknown>): PolicyLoad {
  const load = parsePolicy(JSON.stringify({ updates }), '/etc/berkas/policy.json');
  assert.equal(load.kind, 'ok');
  return load;
}

function controller(updater: AppUpdater, load: PolicyLoad, options: UpdaterOptions = {}) {
  const seen: UpdateStatus[] = [];
  const ctl = configureUpdater(updater, load, { ...options, onStatus: (s) => seen.push(s) });
  return { ctl, seen };
}

function downloadedBytes(status: UpdateStatus, updater: AppUpdater): Buffer {
  assert.equal(status.state, 'ready');
  const file = (updater as unknown as { installerPath: string | null }).installerPath;
  assert.ok(file, 'the updater knows where the installer is');
  return readFileSync(file);
}

describe('auto-update through updater-core against a 127.0.0.1 feed', () => {
  test('(a) a normal update 1.1.0 is found, downloaded, and the file bytes are the published ones', async () => {
    const { bytes } = feed.publish({ version: '1.1.0' });
    const updater = nsis('1.0.0');
    const { ctl, seen } = controller(updater, policy({ enabled: true, url: feed.url }));
    assert.equal(updater.autoDownload, false);
    assert.equal(updater.autoInstallOnAppQuit, false);
    assert.equal(updater.allowDowngrade, false);

    const final = await ctl.checkAndMaybeDownload();
    assert.equal(final.state, 'ready');
    assert.deepEqual(downloadedBytes(final, updater), bytes);
    const states = seen.map((s) => s.state);
    assert.deepEqual([states[0], states[1]], ['checking', 'available']);
    assert.ok(states.includes('downloading'));
    assert.equal(states.at(-1), 'ready');
    assert.equal(final.state === 'ready' && final.version, '1.1.0');
    assert.match(final.message.id, /Siap — mulai ulang untuk memasang/);
    assert.ok(seen.some((s) => s.state === 'available' && /Pembaruan tersedia/.test(s.message.id)));
    assert.ok(seen.some((s) => s.state === 'downloading' && /^Mengunduh… \d+%$/.test(s.message.id)));
  });

  test('the feed baked into the build (app-update.yml) is used when the policy gives no URL', async () => {
    const { bytes } = feed.publish({ version: '1.1.0' });
    const updater = nsis('1.0.0', feed.url);
    const { ctl } = controller(updater, { kind: 'none', file: '/etc/berkas/policy.json' }, { bakedFeedUrl: feed.url });
    const final = await ctl.checkAndMaybeDownload();
    assert.deepEqual(downloadedBytes(final, updater), bytes);
  });

  test('Linux: an AppImage update is read from latest-linux.yml and downloaded', async () => {
    const { bytes } = feed.publish({ version: '1.1.0', platform: 'linux' });
    const dir = tempDir('berkas-upd-');
    const updater = wire(new AppImageUpdater(null, adapterFor(dir, '1.0.0', null)), 'linux');
    const oldImage = join(dir, 'Berkas-1.0.0.AppImage');
    writeFileSync(oldImage, randomBytes(1024));
    const saved = process.env.APPIMAGE;
    process.env.APPIMAGE = oldImage;
    try {
      const { ctl } = controller(updater, policy({ enabled: true, url: feed.url }));
      const final = await ctl.checkAndMaybeDownload();
      assert.deepEqual(downloadedBytes(final, updater), bytes);
      assert.ok(feed.requests.some((r) => r.startsWith('/latest-linux.yml')));
    } finally {
      if (saved === undefined) delete process.env.APPIMAGE;
      else process.env.APPIMAGE = saved;
    }
  });

  test('(b) a tampered sha512 in the manifest: the download is rejected with ERR_CHECKSUM_MISMATCH', async () => {
    feed.publish({ version: '1.1.0', tamper: true });
    const updater = nsis('1.0.0');
    const { ctl } = controller(updater, policy({ enabled: true, url: feed.url }));
    const final = await ctl.checkAndMaybeDownload();
    assert.equal(final.state, 'error');
    assert.equal(final.state === 'error' && final.code, 'ERR_CHECKSUM_MISMATCH');
    assert.match(final.message.en, /does not match the checksum/);
    assert.equal((updater as unknown as { installerPath: string | null }).installerPath, null);
  });

  test('(c) stagingPercentage 0: the update is not offered; 100: it is', async () => {
    feed.publish({ version: '1.1.0', stagingPercentage: 0 });
    const { ctl } = controller(nsis('1.0.0'), policy({ enabled: true, url: feed.url }));
    const none = await ctl.checkAndMaybeDownload();
    assert.equal(none.state, 'idle');

    feed.publish({ version: '1.1.0', stagingPercentage: 100 });
    const { ctl: everyone } = controller(nsis('1.0.0'), policy({ enabled: true, url: feed.url }));
    assert.equal((await everyone.checkAndMaybeDownload()).state, 'ready');
  });

  test('(d) a pinned version is respected: pin 1.0.5 with 1.1.0 on the feed downloads nothing; a matching pin downloads', async () => {
    const { file } = feed.publish({ version: '1.1.0' });
    const pinnedAway = nsis('1.0.0');
    const { ctl } = controller(pinnedAway, policy({ enabled: true, url: feed.url, pinnedVersion: '1.0.5' }));
    const before = feed.requests.length;
    const result = await ctl.checkAndMaybeDownload();
    assert.equal(result.state, 'idle');
    assert.match(result.message.en, /pinned updates to version 1\.0\.5/);
    assert.ok(!feed.requests.slice(before).some((r) => r.includes(file)), 'the installer was never requested');
    assert.equal((pinnedAway as unknown as { installerPath: string | null }).installerPath, null);
    await assert.rejects(() => pinnedAway.downloadUpdate(), /check update first/, 'electron-updater itself never saw it as available');

    const pinnedHere = nsis('1.0.0');
    const { ctl: matching } = controller(pinnedHere, policy({ enabled: true, url: feed.url, pinnedVersion: '1.1.0' }));
    const ready = await matching.checkAndMaybeDownload();
    assert.equal(ready.state, 'ready');
    assert.equal(ready.state === 'ready' && ready.version, '1.1.0');
  });

  test('(e) updates off by policy, or a broken policy: no request reaches the server', async () => {
    feed.publish({ version: '1.1.0' });
    const before = feed.requests.length;

    const off = controller(nsis('1.0.0', feed.url), policy({ enabled: false, url: feed.url }), { bakedFeedUrl: feed.url });
    const offStatus = await off.ctl.checkAndMaybeDownload();
    assert.equal(offStatus.state, 'disabled');
    assert.match(offStatus.message.en, /turned off by the IT policy/);
    assert.equal(off.ctl.schedule({ firstDelayMs: 0 })(), undefined);

    const broken = parsePolicy('{"updates": {"enabled": "yes"}}', '/etc/berkas/policy.json');
    assert.equal(broken.kind, 'invalid');
    const bad = controller(nsis('1.0.0', feed.url), broken, { bakedFeedUrl: feed.url });
    const badStatus = await bad.ctl.checkAndMaybeDownload();
    assert.equal(badStatus.state, 'disabled');
    assert.match(badStatus.message.en, /policy at \/etc\/berkas\/policy\.json cannot be used: updates\.enabled/);
    assert.match(badStatus.message.id, /Pembaruan otomatis dimatikan/);

    const unset = controller(nsis('1.0.0'), { kind: 'none', file: '/etc/berkas/policy.json' }, { bakedFeedUrl: 'https://updates.example.invalid/berkas/' });
    assert.equal((await unset.ctl.checkAndMaybeDownload()).state, 'disabled');

    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(feed.requests.length, before, 'nothing was requested');
  });

  test('(f) a downgrade is not offered unless the policy allows it, even on a channel', async () => {
    feed.publish({ version: '1.1.0' });
    // no URL in the policy: the channel is set through updater.channel, which flips allowDowngrade internally
    const noUrl = nsis('1.2.0', feed.url);
    controller(noUrl, policy({ enabled: true, channel: 'beta' }), { bakedFeedUrl: feed.url });
    assert.equal(noUrl.channel, 'beta');
    assert.equal(noUrl.allowDowngrade, false);

    const strictUrl = nsis('1.2.0');
    const { ctl: refused } = controller(strictUrl, policy({ enabled: true, url: feed.url }));
    const result = await refused.checkAndMaybeDownload();
    assert.equal(result.state, 'idle');
    assert.equal((strictUrl as unknown as { installerPath: string | null }).installerPath, null);

    const allowed = nsis('1.2.0');
    const { ctl: rollback } = controller(allowed, policy({ enabled: true, url: feed.url, allowDowngrade: true, pinnedVersion: '1.1.0' }));
    assert.equal(allowed.allowDowngrade, true);
    const back = await rollback.checkAndMaybeDownload();
    assert.equal(back.state, 'ready');
    assert.equal(back.state === 'ready' && back.version, '1.1.0');
  });

  test('the busy guard: no install while an import, destruction or portal push runs', async () => {
    feed.publish({ version: '1.1.0' });
    const updater = nsis('1.0.0');
    let activity = { busy: true, reason: 'impor 120 berkas' };
    const calls: string[] = [];
    const { ctl } = controller(updater, policy({ enabled: true, url: feed.url }), {
      activity: () => activity,
      beforeInstall: async () => {
        calls.push('close-db');
      },
    });
    const early = ctl.canInstallNow();
    assert.equal(early.ok, false);
    await assert.rejects(() => ctl.installNow(), (error: unknown) => error instanceof AppError && error.code === 'conflict');

    assert.equal((await ctl.checkAndMaybeDownload()).state, 'ready');
    const busy = ctl.canInstallNow();
    assert.equal(busy.ok, false);
    assert.match(!busy.ok ? busy.reason.id : '', /impor 120 berkas/);
    await assert.rejects(() => ctl.installNow(), (error: unknown) => error instanceof AppError && error.code === 'busy' && /impor 120 berkas/.test(error.messages.id));
    assert.equal(calls.length, 0);

    // quitAndInstall would end this process and start an .exe: record the call instead.
    updater.quitAndInstall = (silentInstall?: boolean, forceRun?: boolean) => {
      calls.push(`quitAndInstall(${silentInstall}, ${forceRun})`);
    };
    activity = { busy: false, reason: '' };
    assert.deepEqual(ctl.canInstallNow(), { ok: true });
    await ctl.installNow();
    assert.deepEqual(calls, ['close-db', 'quitAndInstall(false, true)']);
  });

  test('a server that is down gives an error state with a message, not an exception', async () => {
    const updater = nsis('1.0.0');
    const { ctl } = controller(updater, policy({ enabled: true, url: 'http://127.0.0.1:9/berkas/' }));
    const result = await ctl.checkAndMaybeDownload();
    assert.equal(result.state, 'error');
    assert.match(result.message.en, /Cannot check for updates at http:\/\/127\.0\.0\.1:9\/berkas\//);
  });
});
