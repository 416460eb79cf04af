// What a new archive starts with: the sample classification scheme shipped in resources/, so staff
// can file records on day one. An admin replaces or extends it with the region's own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../kernel/version.ts';
import type { Archive } from './open.ts';
import { hasSchemes, importSchemeFile } from './schemes.ts';

export function defaultSchemeFile(): string | null {
  const candidates = [join(appRoot(), 'resources', 'klasifikasi-sample.csv'), join((process as { resourcesPath?: string }).resourcesPath ?? '', 'klasifikasi-sample.csv')];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Loads the default scheme into an archive that has none. */
export async function ensureDefaultScheme(archive: Archive, actor: string): Promise<boolean> {
  if (hasSchemes(archive.db)) return false;
  const file = defaultSchemeFile();
  if (!file) return false;
  await importSchemeFile(archive.db, file, { actor });
  return true;
}
