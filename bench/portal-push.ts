// Push throughput to the test CKAN portal on loopback, no faults: a fresh archive with `records`
// records (one ~2 KB PDF each, every tenth with an attachment) and their publish items, drained
// by the real pusher and CKAN adapter. Measures our side (SQLite commits, store reads, HTTP
// client), not a real portal's speed. Run alone: node bench/portal-push.ts [records]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCkanAdapter } from '../main/portal/ckan.ts';
import { createPusher } from '../main/portal/pusher.ts';
import { setPortalSettings } from '../main/portal/settings.ts';
import { startFakeCkan } from '../tests/portal/ckan-server.ts';
import { openPortalArchive, seedRecords } from '../tests/portal/fixtures.ts';

export async function benchPortalPush(records = 500): Promise<{ records: number; seconds: number; recordsPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'berkas-bench-portal-'));
  const server = await startFakeCkan();
  const archive = openPortalArchive(join(dir, 'arsip'));
  try {
    seedRecords(archive, records);
    setPortalSettings(archive.db, { target: 'ckan', url: server.url, organization: server.organization.name }, 'bench');
    const adapter = createCkanAdapter({
      url: server.url,
      organization: server.organization.name,
      token: { description: 'bench', getToken: async () => server.tokens.editor },
    });
    const pusher = createPusher({ db: archive.db, layout: archive.layout, adapter, actor: 'bench' });
    const started = performance.now();
    const summary = await pusher.pushNow();
    const seconds = (performance.now() - started) / 1000;
    if (summary.published !== records) throw new Error(`bench pushed ${summary.published} of ${records} (${summary.stoppedBy})`);
    return { records, seconds: Number(seconds.toFixed(3)), recordsPerSecond: Number((records / seconds).toFixed(1)) };
  } finally {
    archive.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = process.argv[2] ? Number(process.argv[2]) : 500;
  console.log(JSON.stringify(await benchPortalPush(n)));
}
