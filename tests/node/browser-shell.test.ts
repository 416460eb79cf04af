import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.ts';
import { tempDir } from '../helpers/tmp.ts';

let shell: BrowserShell;
before(async () => {
  shell = await startBrowserShell({ archiveDir: tempDir() });
});
after(() => shell.close());

/** Raw HTTP so the test controls Host and Origin exactly as an attacker's browser would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ 'x-berkas-token': shell.token });

test('prints a loopback address with a one-time start code, never the token', () => {
  assert.match(shell.url, /^http:\/\/127\.0\.0\.1:\d+\/\?start=[\w-]{20,}$/);
  assert.ok(!shell.url.includes(shell.token), 'the token is not in the address (nor on Chromium\'s command line)');
  assert.notEqual(shell.startUrl(), shell.startUrl(), 'each new window gets its own code');
});

test('a request without the token gets 401, on pages and on the API', async () => {
  assert.equal((await send('/')).status, 401);
  assert.equal((await send('/assets/whatever.js')).status, 401);
  const api = await send('/api/invoke/app.info', { method: 'POST', body: '{}' });
  assert.equal(api.status, 401);
  assert.equal(JSON.parse(api.body).error.code, 'unauthenticated');
  assert.equal((await send('/api/invoke/app.info', { method: 'POST', body: '{}', headers: { 'x-berkas-token': 'wrong' } })).status, 401);
});

test('a foreign Host gets 403 even with the token (DNS rebinding)', async () => {
  const res = await send('/api/invoke/app.info', { method: 'POST', body: '{}', headers: { ...auth(), host: `evil.example:${shell.port}` } });
  assert.equal(res.status, 403);
  const localhostName = await send('/', { headers: { ...auth(), host: `localhost:${shell.port}` } });
  assert.equal(localhostName.status, 403);
});

test('a foreign Origin gets 403 even with the token (no CORS)', async () => {
  const res = await send('/api/invoke/app.info', { method: 'POST', body: '{}', headers: { ...auth(), origin: 'http://evil.example' } });
  assert.equal(res.status, 403);
  assert.equal(res.headers['access-control-allow-origin'], undefined);
  const sameOrigin = await send('/api/invoke/app.info', { method: 'POST', body: '{}', headers: { ...auth(), origin: shell.origin } });
  assert.equal(sameOrigin.status, 200);
});

test('the first visit trades the start code for an HttpOnly cookie and drops it from the address; the code works once', async () => {
  const start = new URL(shell.startUrl());
  const res = await send(start.pathname + start.search);
  assert.equal(res.status, 302);
  assert.equal(res.headers.location, '/');
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const page = await send('/', { headers: { cookie: cookie.split(';')[0]! } });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
  assert.match(page.body, /<script src="\/shell\/bridge.js"><\/script>/);
  const again = await send(start.pathname + start.search);
  assert.equal(again.status, 401, 'a used start code opens nothing');
  assert.equal(again.headers['set-cookie'], undefined);
  assert.equal((await send(`/?token=${shell.token}`)).status, 401, 'the token is never accepted from an address');
});

test('a payload that breaks the schema gets a typed validation error, not a crash', async () => {
  const res = await send('/api/invoke/app.info', { method: 'POST', body: '{"unexpected": true}', headers: auth() });
  assert.equal(res.status, 200);
  const result = JSON.parse(res.body);
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'validation');
  assert.match(result.error.message.en, /Invalid input/);
  assert.match(result.error.message.id, /Isian tidak valid/);
  const notJson = await send('/api/invoke/app.info', { method: 'POST', body: '{nope', headers: auth() });
  assert.equal(JSON.parse(notJson.body).error.code, 'validation');
  // and the shell still answers afterwards
  const ok = JSON.parse((await send('/api/invoke/app.info', { method: 'POST', body: '{}', headers: auth() })).body);
  assert.equal(ok.ok, true);
  assert.equal(ok.value.host, 'browser-shell');
});

test('an unknown channel is refused with a typed error', async () => {
  const result = JSON.parse((await send('/api/invoke/fs.readFile', { method: 'POST', body: '{}', headers: auth() })).body);
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'validation');
});

test('paths outside the renderer folder are not served', async () => {
  const res = await send('/..%2f..%2fpackage.json', { headers: auth() });
  assert.equal(res.status, 404);
});
