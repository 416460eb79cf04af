// A backend holding confidential records, for the clearance tests: real files imported through the
// import channel, text extracted by the real indexer, classes set through records.update.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../main/host/backend.ts';
import { CLI_SENDER, ok } from './accounts.ts';

/** Imports one text file as the logged-in user and waits until its text is in the search index. */
export async function importText(backend: Backend, dir: string, name: string, text: string): Promise<{ recordId: number; documentId: number }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const handles = backend.registerPicks([{ path, kind: 'file' }]);
  const { jobId } = await ok<{ jobId: string }>(backend.dispatch('import.start', { handles }, CLI_SENDER));
  for (;;) {
    const r = await ok<{ progress: { state: string }; outcomes: { recordId: number | null; status: string }[] }>(backend.dispatch('import.result', { jobId }, CLI_SENDER));
    if (r.progress.state === 'done' || r.progress.state === 'failed' || r.progress.state === 'cancelled') {
      const outcome = r.outcomes[0];
      if (!outcome || outcome.status !== 'imported' || outcome.recordId === null) throw new Error(`import of ${name} did not import: ${JSON.stringify(r)}`);
      await backend.indexer.idle();
      const record = await ok<{ documents: { id: number }[] }>(backend.dispatch('records.get', { id: outcome.recordId }, CLI_SENDER));
      return { recordId: outcome.recordId, documentId: record.documents[0]!.id };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Imports a record and gives it a subject, description and security class (as the logged-in user). */
export async function confidentialRecord(
  backend: Backend,
  dir: string,
  fields: { name: string; text: string; subject: string; description?: string; securityClass: 'biasa' | 'terbatas' | 'rahasia' | 'sangat-rahasia'; letterNumber?: string },
): Promise<{ recordId: number; documentId: number }> {
  const ids = await importText(backend, dir, fields.name, fields.text);
  await ok(
    backend.dispatch(
      'records.update',
      {
        id: ids.recordId,
        fields: { subject: fields.subject, description: fields.description ?? null, securityClass: fields.securityClass, letterNumber: fields.letterNumber ?? null },
      },
      CLI_SENDER,
    ),
  );
  return ids;
}
