import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PortalProgress } from '../../main/portal/pusher.ts';
import { createPortalService } from '../../main/portal/service.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startFakeCkan } from '../portal/ckan-server.ts';
import { openPortalArchive, queueWithdrawals, seedRecords } from '../portal/fixtures.ts';

test('the service follows its settings: catalogue-only first, then a CKAN portal, with the token from its source', async () => {
  const server = await startFakeCkan();
  const archive = openPortalArchive(join(tempDir(), 'arsip'));
  try {
    seedRecords(archive, 8);
    const events: PortalProgress[] = [];
    const asked: (string | null)[] = [];
    const service = createPortalService({
      db: archive.db,
      layout: archive.layout,
      actor: 'operator',
      onProgress: (e) => events.push(e),
      tokenSource: (settings) => {
        asked.push(settings.tokenFile);
        return { description: 'keychain', getToken: async () => server.tokens.editor };
      },
    });
    assert.equal((await service.testConnection()).portal, null);
    await service.pushNow();
    assert.equal(service.status().counts.catalogue, 8);
    assert.equal(service.status().counts.live, 0);
    assert.equal(server.requests.length, 0, 'nothing leaves the machine without a portal');

    await service.configure({ target: 'ckan', url: server.url, organization: 'dinas-kominfo' }, 'admin');
    const report = await service.testConnection();
    assert.equal(report.organization?.name, 'dinas-kominfo');
    queueWithdrawals(archive.db, [1]);
    archive.db.prepare("INSERT INTO outbox (record_id, kind, payload, created_at) SELECT record_id, 'publish', payload, '2026-03-01' FROM outbox WHERE record_id = 2 AND kind = 'publish'").run();
    const summary = await service.pushNow();
    assert.equal(summary.published, 1);
    assert.equal(summary.withdrawn, 1);
    assert.equal(server.datasetsForRecord(2).length, 1);
    assert.equal(server.datasetsForRecord(1).length, 0, 'withdrawing a record the portal never had creates nothing there');
    assert.ok(events.some((e) => e.type === 'run-end'));
    assert.ok(asked.length >= 2, 'a new adapter (and token source) for the new settings');

    service.start();
    await service.configure({ intervalMinutes: 5 }, 'admin'); // restarts the loop with the new interval
    await service.stop();
    assert.equal(service.settings().intervalMinutes, 5);
  } finally {
    archive.close();
    await server.close();
  }
});
