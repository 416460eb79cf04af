import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../main/errors.ts';
import { exportCatalogue } from '../../main/portal/catalogue.ts';
import { createPortalService } from '../../main/portal/service.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openPortalArchive, queueWithdrawals, seedRecords } from '../portal/fixtures.ts';
import { EXEMPT, SECRET, UNCATEGORISED } from '../portal/scenario.ts';

interface JsonLd {
  '@context': Record<string, string>;
  '@type': string;
  'dct:publisher': { 'foaf:name': string };
  'dcat:dataset': {
    '@id': string;
    '@type': string;
    'dct:identifier': string;
    'dct:title': { '@value': string };
    'dct:issued'?: { '@value': string; '@type': string };
    'dcat:keyword': { '@value': string }[];
    'dcat:theme'?: { 'skos:notation': string };
    'dcat:distribution': {
      'dcat:downloadURL': { '@id': string };
      'dcat:mediaType': { '@id': string };
      'dcat:byteSize': { '@value': string };
      'spdx:checksum': { 'spdx:algorithm': { '@id': string }; 'spdx:checksumValue': { '@value': string } };
    }[];
  }[];
}

function noToken() {
  return { description: 'none', getToken: async () => null };
}

test('with no portal configured, approved records are published into a DCAT-AP catalogue with their files and an XLSX twin', async () => {
  const root = tempDir();
  const archive = openPortalArchive(join(root, 'arsip'));
  try {
    const records = seedRecords(archive, 30, { secret: SECRET, exempt: EXEMPT, uncategorised: UNCATEGORISED });
    const scheme = archive.db.prepare("INSERT INTO schemes (name, imported_at) VALUES ('Permendagri 83/2022', '2026-01-01')").run().lastInsertRowid;
    archive.db.prepare("INSERT INTO classification_codes (scheme_id, code, sort_key, title, depth) VALUES (?, '000.1.2', '0000.0001.0002', 'Ketatausahaan', 3)").run(scheme);
    const service = createPortalService({ db: archive.db, layout: archive.layout, tokenSource: noToken, actor: 'operator' });
    const summary = await service.pushNow();
    assert.equal(summary.published, 27);
    assert.equal(summary.refused, 3);
    const status = service.status();
    assert.equal(status.target, 'none');
    assert.equal(status.counts.catalogue, 27, 'in the local catalogue only, never called live');
    assert.equal(status.counts.live, 0);

    const out = join(root, 'paket');
    const result = await service.exportCatalogue(out, { now: () => Date.parse('2026-04-01T00:00:00Z') });
    assert.equal(result.datasets, 27);
    assert.deepEqual(result.skipped, []);
    const catalog = JSON.parse(readFileSync(join(out, 'catalog.jsonld'), 'utf8')) as JsonLd;
    assert.equal(catalog['@type'], 'dcat:Catalog');
    assert.equal(catalog['@context'].dcat, 'http://www.w3.org/ns/dcat#');
    assert.equal(catalog['@context'].spdx, 'http://spdx.org/rdf/terms#');
    const published = records.filter((r) => ![...SECRET, ...EXEMPT, ...UNCATEGORISED].includes(r.id));
    assert.deepEqual(catalog['dcat:dataset'].map((d) => d['dct:title']['@value']).sort(), published.map((r) => r.subject).sort());
    for (const d of catalog['dcat:dataset']) {
      assert.equal(d['@type'], 'dcat:Dataset');
      assert.match(d['dct:identifier'], /^berkas-arsip-[0-9a-f]{8}-\d+$/);
      assert.equal(d['dct:issued']!['@type'], 'xsd:date');
      assert.ok(d['dcat:theme']!['skos:notation']);
      assert.ok(d['dcat:keyword'].some((k) => k['@value'] === d['dcat:theme']!['skos:notation']));
      for (const dist of d['dcat:distribution']) {
        const path = dist['dcat:downloadURL']['@id'];
        assert.match(path, /^files\/\d+\/[A-Za-z0-9._-]+$/, 'relative to the bundle');
        const bytes = readFileSync(join(out, path));
        assert.equal(dist['dcat:byteSize']['@value'], String(bytes.length));
        assert.equal(dist['spdx:checksum']['spdx:algorithm']['@id'], 'spdx:checksumAlgorithm_sha256');
        assert.equal(dist['spdx:checksum']['spdx:checksumValue']['@value'], createHash('sha256').update(bytes).digest('hex'));
        assert.equal(dist['dcat:mediaType']['@id'], 'http://www.iana.org/assignments/media-types/application/pdf');
      }
    }
    const text = readFileSync(join(out, 'catalog.jsonld'), 'utf8');
    for (const r of records.filter((x) => [...SECRET, ...EXEMPT, ...UNCATEGORISED].includes(x.id))) {
      assert.ok(!text.includes(r.subject));
      assert.ok(!existsSync(join(out, 'files', String(r.id))));
    }
    const withTitle = catalog['dcat:dataset'].find((d) => d['dcat:theme']!['skos:notation'] === '000.1.2') as unknown as { 'dcat:theme': { 'skos:prefLabel': { '@value': string } } };
    assert.equal(withTitle['dcat:theme']['skos:prefLabel']['@value'], 'Ketatausahaan');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'catalogue.xlsx'));
    const sheet = book.getWorksheet('Katalog')!;
    assert.equal(sheet.rowCount, 1 + 27);
    assert.equal(sheet.getRow(1).getCell(4).value, 'Judul');
    const files = book.getWorksheet('Berkas')!;
    assert.equal(files.rowCount, 1 + result.files);

    // Withdrawn records leave the next export, files and all.
    queueWithdrawals(archive.db, [1, 2]);
    await service.pushNow();
    const again = await service.exportCatalogue(out);
    assert.equal(again.datasets, 25);
    assert.ok(!existsSync(join(out, 'files', '1')));
    assert.ok(!readFileSync(join(out, 'catalog.jsonld'), 'utf8').includes(records[0]!.subject));
  } finally {
    archive.close();
  }
});

test('a record reclassified after publication, or whose file is missing, is left out of the export with the reason', async () => {
  const root = tempDir();
  const archive = openPortalArchive(join(root, 'arsip'));
  try {
    const records = seedRecords(archive, 6);
    const service = createPortalService({ db: archive.db, layout: archive.layout, tokenSource: noToken });
    await service.pushNow();
    archive.db.prepare("UPDATE records SET public_category = 'dikecualikan' WHERE id = 2").run();
    const doc = records[3]!.documents[0]!.sha256;
    writeFileSync(join(archive.layout.store, doc.slice(0, 2), doc.slice(2, 4), doc), 'rusak');
    const result = await exportCatalogue(archive.db, archive.layout, join(root, 'out'));
    assert.equal(result.datasets, 4);
    assert.deepEqual(
      result.skipped.map((s) => s.recordId),
      [2, 4],
    );
    assert.match(result.skipped[0]!.reason.en, /exempt/);
    assert.match(result.skipped[1]!.reason.en, /damaged/);
    assert.ok(!existsSync(join(root, 'out', 'files', '4')));
  } finally {
    archive.close();
  }
});

test('export refuses a folder whose files/ it did not write', async () => {
  const root = tempDir();
  const archive = openPortalArchive(join(root, 'arsip'));
  try {
    const out = join(root, 'dokumen-saya');
    mkdirSync(join(out, 'files'), { recursive: true });
    writeFileSync(join(out, 'files', 'penting.docx'), 'jangan dihapus');
    await assert.rejects(exportCatalogue(archive.db, archive.layout, out), (e: unknown) => e instanceof AppError && e.code === 'conflict');
    assert.equal(readFileSync(join(out, 'files', 'penting.docx'), 'utf8'), 'jangan dihapus');
  } finally {
    archive.close();
  }
});
