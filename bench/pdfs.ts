// The real PDFs the import and extraction figures are measured on: the shared corpus (pdf.js test
// files, valid books, Indonesian scans) and, when apt can fetch it, the 266-page Indonesian Debian
// Reference. Files are copied into one source folder so the baseline and the importer read the
// same bytes. A missing optional file is a note in the results, never a failure.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './stats.ts';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const DEBIAN_REFERENCE = 'usr/share/debian-reference/debian-reference.id.pdf';

export interface PdfSet {
  /** Folder holding exactly the files below (what both sides read). */
  folder: string;
  files: { path: string; name: string; bytes: number; origin: string }[];
  bytes: number;
  notes: string[];
}

/** The Indonesian Debian Reference: from the cache, else `apt-get download` + `dpkg-deb -x`. */
async function debianReference(cacheDir: string, notes: string[]): Promise<string | null> {
  const cached = join(cacheDir, 'debian-reference.id.pdf');
  if (existsSync(cached)) return cached;
  const work = mkdtempSync(join(tmpdir(), 'berkas-bench-deb-'));
  try {
    const download = await run('apt-get', ['download', 'debian-reference-id'], { cwd: work });
    const deb = readdirSync(work).find((name) => name.endsWith('.deb'));
    if (download.code !== 0 || !deb) {
      notes.push(`debian-reference-id skipped: apt-get download failed (${download.stderr.trim().split('\n').pop() ?? `exit ${download.code}`})`);
      return null;
    }
    const unpack = await run('dpkg-deb', ['-x', join(work, deb), join(work, 'out')]);
    const pdf = join(work, 'out', DEBIAN_REFERENCE);
    if (unpack.code !== 0 || !existsSync(pdf)) {
      notes.push(`debian-reference-id skipped: the package did not contain ${DEBIAN_REFERENCE}`);
      return null;
    }
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(pdf, cached);
    return cached;
  } catch (error) {
    notes.push(`debian-reference-id skipped: ${(error as Error).message}`);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Copies the benchmark's PDFs into `folder`; `quick` takes one small valid book only. */
export async function gatherPdfs(options: { folder: string; quick: boolean; cacheDir: string }): Promise<PdfSet> {
  const notes: string[] = [];
  const sources: { path: string; origin: string }[] = [];
  if (options.quick) {
    sources.push({ path: join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), origin: 'corpus/pdfjs' });
  } else {
    for (const sub of ['pdfjs', 'indonesian']) {
      const dir = join(CORPUS, sub);
      for (const name of readdirSync(dir).sort()) {
        if (name.toLowerCase().endsWith('.pdf')) sources.push({ path: join(dir, name), origin: `corpus/${sub}` });
      }
    }
    const reference = await debianReference(options.cacheDir, notes);
    if (reference) sources.push({ path: reference, origin: 'debian-reference-id (apt-get download)' });
  }
  mkdirSync(options.folder, { recursive: true });
  const files: PdfSet['files'] = [];
  for (const source of sources) {
    const name = basename(source.path);
    const path = join(options.folder, name);
    copyFileSync(source.path, path);
    files.push({ path, name, bytes: statSync(path).size, origin: source.origin });
  }
  return { folder: options.folder, files, bytes: files.reduce((n, f) => n + f.bytes, 0), notes };
}
