// The harvest route: a DCAT-AP catalogue (JSON-LD) of every published record plus its files,
// and the same as an XLSX for manual upload, in one folder a harvesting portal or a person can
// take. "Published" means a live receipt in portal_receipts (pushed to CKAN, or — with no portal
// configured — accepted into the catalogue by the pusher), with the metadata exactly as approved
// (the payload of the publish item behind the receipt). It re-checks every record and every file
// before copying: nothing secret, exempt or withdrawn ends up in the bundle, and a withdrawal is
// simply its absence from the next export. Never writes outside outDir.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bilingual } from '../../preload/contract.ts';
import type { ArchiveLayout } from '../archive/layout.ts';
import { documentBySha } from '../archive/queries.ts';
import { codeTitle } from '../archive/schemes.ts';
import { objectPath } from '../archive/store.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { xlsxWorkbook, type SheetSpec } from '../reports/xlsx.ts';
import { PublishPayload } from './payload.ts';
import { outboxPayload } from './outbox.ts';
import { liveReceipts } from './receipts.ts';
import { checkPublishable } from './safety.ts';
import { getPortalSettings } from './settings.ts';

export const CATALOG_FILE = 'catalog.jsonld';
export const XLSX_FILE = 'catalogue.xlsx';
export const FILES_DIR = 'files';

export interface CatalogueOptions {
  title?: string;
  publisher?: string;
  now?: () => number;
}

export interface CatalogueResult {
  dir: string;
  catalog: string;
  xlsx: string;
  datasets: number;
  files: number;
  bytes: number;
  /** Live receipts left out, and why (a record reclassified since, a file missing from the store). */
  skipped: { recordId: number; reason: Bilingual }[];
}

interface FileEntry {
  recordId: number;
  name: string;
  path: string; // relative to the bundle, forward slashes
  mime: string;
  size: number;
  sha256: string;
}

interface DatasetEntry {
  recordId: number;
  name: string;
  title: string;
  notes: string;
  classificationCode: string | null;
  classificationTitle: string | null;
  date: string | null;
  unit: string | null;
  category: string;
  portalUrl: string | null;
  pushedAt: string;
  files: FileEntry[];
}

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** A file name that is safe on every OS and in a URL; never the user's raw name as a path. */
function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(-120);
  return cleaned || 'berkas';
}

const lang = (value: string) => ({ '@value': value, '@language': 'id' });

export async function exportCatalogue(db: Db, layout: ArchiveLayout, outDir: string, options: CatalogueOptions = {}): Promise<CatalogueResult> {
  const settings = getPortalSettings(db);
  const now = new Date((options.now ?? Date.now)()).toISOString();
  const publisher = options.publisher ?? settings.organization ?? 'PPID';
  const title = options.title ?? `Katalog informasi publik ${publisher}`;

  mkdirSync(outDir, { recursive: true });
  const previous = existsSync(join(outDir, CATALOG_FILE));
  if (!previous && existsSync(join(outDir, FILES_DIR)) && readdirSync(join(outDir, FILES_DIR)).length > 0) {
    throw appError(
      'conflict',
      `Folder ${outDir} sudah berisi folder "${FILES_DIR}" yang bukan hasil ekspor katalog Berkas. Pilih folder kosong.`,
      `${outDir} already has a "${FILES_DIR}" folder that is not a Berkas catalogue export. Choose an empty folder.`,
    );
  }
  // Everything is built beside the old export and swapped in at the end: a failure halfway
  // leaves the previous catalogue whole, and files of withdrawn records do not linger.
  const work = join(outDir, `.katalog-${randomBytes(6).toString('hex')}`);
  mkdirSync(join(work, FILES_DIR), { recursive: true });
  try {
    const skipped: CatalogueResult['skipped'] = [];
    const datasets: DatasetEntry[] = [];
    let bytes = 0;

    for (const receipt of liveReceipts(db)) {
      const check = checkPublishable(db, receipt.recordId, receipt.outboxId);
      if (!check.ok) {
        skipped.push({ recordId: receipt.recordId, reason: check.reason });
        continue;
      }
      const payloadText = outboxPayload(db, receipt.outboxId);
      const parsed = payloadText !== undefined ? PublishPayload.safeParse(JSON.parse(payloadText)) : null;
      if (!parsed?.success) {
        skipped.push({
          recordId: receipt.recordId,
          reason: { id: `Data publikasi arsip ${receipt.recordId} tidak terbaca.`, en: `The publish data of record ${receipt.recordId} cannot be read.` },
        });
        continue;
      }
      const payload = parsed.data;
      const files: FileEntry[] = [];
      const used = new Set<string>();
      let problem: Bilingual | null = null;
      for (const doc of payload.documents) {
        const found = documentBySha(db, doc.sha256);
        if (!found || found.record_id !== receipt.recordId || found.content_removed_at) {
          problem = {
            id: `Dokumen ${doc.name} tidak lagi tersedia untuk arsip ${receipt.recordId}.`,
            en: `Document ${doc.name} is no longer available for record ${receipt.recordId}.`,
          };
          break;
        }
        let content: Buffer;
        try {
          content = await readFile(objectPath(layout, doc.sha256));
        } catch {
          problem = { id: `Berkas ${doc.name} hilang dari penyimpanan arsip.`, en: `The file of ${doc.name} is missing from the archive store.` };
          break;
        }
        if (createHash('sha256').update(content).digest('hex') !== doc.sha256) {
          problem = { id: `Berkas ${doc.name} rusak (SHA-256 tidak cocok).`, en: `The file of ${doc.name} is damaged (SHA-256 mismatch).` };
          break;
        }
        let name = safeFileName(doc.name);
        for (let n = 2; used.has(name); n++) name = `${n}-${safeFileName(doc.name)}`;
        used.add(name);
        files.push({ recordId: receipt.recordId, name: doc.name, path: `${FILES_DIR}/${receipt.recordId}/${name}`, mime: doc.mime, size: content.length, sha256: doc.sha256 });
        mkdirSync(join(work, FILES_DIR, String(receipt.recordId)), { recursive: true });
        writeFileSync(join(work, FILES_DIR, String(receipt.recordId), name), content);
      }
      if (problem) {
        rmSync(join(work, FILES_DIR, String(receipt.recordId)), { recursive: true, force: true });
        skipped.push({ recordId: receipt.recordId, reason: problem });
        continue;
      }
      bytes += files.reduce((n, f) => n + f.size, 0);
      const classificationTitle = payload.classificationCode ? codeTitle(db, payload.classificationCode) : null;
      datasets.push({
        recordId: receipt.recordId,
        name: receipt.datasetName,
        title: payload.title,
        notes: payload.notes,
        classificationCode: payload.classificationCode,
        classificationTitle,
        date: payload.date,
        unit: payload.unit,
        category: payload.category,
        portalUrl: receipt.target === 'ckan' && !receipt.private ? receipt.datasetUrl : null,
        pushedAt: receipt.pushedAt,
        files,
      });
    }

    const base = `urn:berkas:${settings.archiveKey}`;
    const catalog = {
      '@context': CONTEXT,
      '@id': `${base}:catalog`,
      '@type': 'dcat:Catalog',
      'dct:title': lang(title),
      'dct:description': lang(`Daftar informasi publik yang telah disetujui untuk dipublikasikan oleh ${publisher}.`),
      'dct:publisher': { '@id': `${base}:publisher`, '@type': 'foaf:Agent', 'foaf:name': publisher },
      'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/IND' },
      'dct:modified': { '@value': now, '@type': 'xsd:dateTime' },
      'dcat:dataset': datasets.map((d) => dcatDataset(d, base)),
    };
    writeFileSync(join(work, CATALOG_FILE), `${JSON.stringify(catalog, null, 2)}\n`);
    writeFileSync(join(work, XLSX_FILE), await workbook(datasets, title, now));

    for (const name of [FILES_DIR, CATALOG_FILE, XLSX_FILE]) rmSync(join(outDir, name), { recursive: true, force: true });
    for (const name of [FILES_DIR, CATALOG_FILE, XLSX_FILE]) renameSync(join(work, name), join(outDir, name));
    return {
      dir: outDir,
      catalog: join(outDir, CATALOG_FILE),
      xlsx: join(outDir, XLSX_FILE),
      datasets: datasets.length,
      files: datasets.reduce((n, d) => n + d.files.length, 0),
      bytes,
      skipped,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function dcatDataset(d: DatasetEntry, base: string) {
  const iri = `${base}:record:${d.recordId}`;
  const keywords = [d.classificationCode, d.category, d.unit].filter((k): k is string => Boolean(k)).map(lang);
  return {
    '@id': iri,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.name,
    'dct:title': lang(d.title),
    'dct:description': lang(d.notes || d.title),
    ...(d.date ? { 'dct:issued': { '@value': d.date, '@type': 'xsd:date' } } : {}),
    'dct:modified': { '@value': d.pushedAt, '@type': 'xsd:dateTime' },
    'dct:publisher': { '@id': `${base}:publisher` },
    'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    'dcat:keyword': keywords,
    ...(d.classificationCode
      ? {
          'dcat:theme': {
            '@id': `urn:berkas:klasifikasi:${encodeURIComponent(d.classificationCode)}`,
            '@type': 'skos:Concept',
            'skos:notation': d.classificationCode,
            'skos:prefLabel': lang(d.classificationTitle ?? d.classificationCode),
          },
        }
      : {}),
    ...(d.portalUrl ? { 'dcat:landingPage': { '@id': d.portalUrl } } : {}),
    'dcat:distribution': d.files.map((f) => ({
      '@id': `${iri}:file:${f.sha256}`,
      '@type': 'dcat:Distribution',
      'dct:title': lang(f.name),
      'dcat:accessURL': { '@id': f.path },
      'dcat:downloadURL': { '@id': f.path },
      'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${f.mime}` },
      'dcat:byteSize': { '@value': String(f.size), '@type': 'xsd:nonNegativeInteger' },
      'spdx:checksum': {
        '@type': 'spdx:Checksum',
        'spdx:algorithm': { '@id': 'spdx:checksumAlgorithm_sha256' },
        'spdx:checksumValue': { '@value': f.sha256, '@type': 'xsd:hexBinary' },
      },
    })),
  };
}

function workbook(datasets: DatasetEntry[], title: string, now: string): Promise<Buffer> {
  const catalogue: SheetSpec = {
    name: 'Katalog',
    freezeHeader: true,
    columns: [
      { header: 'No', width: 6 },
      { header: 'ID arsip', width: 10 },
      { header: 'Nama dataset', width: 36 },
      { header: 'Judul', width: 50 },
      { header: 'Uraian', width: 50 },
      { header: 'Kode klasifikasi', width: 18 },
      { header: 'Tanggal', width: 12 },
      { header: 'Unit pengolah', width: 24 },
      { header: 'Kategori', width: 14 },
      { header: 'Jumlah berkas', width: 14 },
      { header: 'Halaman portal', width: 40 },
      { header: 'Dikirim', width: 24 },
    ],
    rows: datasets.map((d, i) => [i + 1, d.recordId, d.name, d.title, d.notes, d.classificationCode ?? '', d.date ?? '', d.unit ?? '', d.category, d.files.length, d.portalUrl ?? '', d.pushedAt]),
  };
  const files: SheetSpec = {
    name: 'Berkas',
    freezeHeader: true,
    columns: [
      { header: 'ID arsip', width: 10 },
      { header: 'Nama berkas', width: 40 },
      { header: 'Lokasi dalam paket', width: 48 },
      { header: 'Jenis (MIME)', width: 20 },
      { header: 'Ukuran (byte)', width: 14 },
      { header: 'SHA-256', width: 68 },
    ],
    rows: datasets.flatMap((d) => d.files.map((f) => [f.recordId, f.name, f.path, f.mime, f.size, f.sha256])),
  };
  return xlsxWorkbook([catalogue, files], { created: new Date(now), title });
}
