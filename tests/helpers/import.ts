// Imports files through the backend as the screen does (picked handles, import.start, then
// import.result until done) and answers which record each file became, by file name.
import { basename } from 'node:path';
import type { Backend } from '../../main/host/backend.ts';
import { CLI_SENDER, ok } from './accounts.ts';

export async function importFiles(backend: Backend, paths: string[]): Promise<Map<string, number>> {
  const handles = backend.registerPicks(paths.map((path) => ({ path, kind: 'file' as const })));
  const { jobId } = await ok<{ jobId: string }>(backend.dispatch('import.start', { handles }, CLI_SENDER));
  for (;;) {
    const r = await ok<{ progress: { state: string }; outcomes: { path: string; recordId: number | null; reason: string | null }[] }>(backend.dispatch('import.result', { jobId }, CLI_SENDER));
    if (r.progress.state === 'done') {
      const refused = r.outcomes.find((o) => o.recordId === null);
      if (refused) throw new Error(`${refused.path} was not imported: ${refused.reason}`);
      return new Map(r.outcomes.map((o) => [basename(o.path), o.recordId!]));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The record one file became. */
export async function importFile(backend: Backend, path: string): Promise<number> {
  return (await importFiles(backend, [path])).get(basename(path))!;
}
