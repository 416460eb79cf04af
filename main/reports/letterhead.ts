// The department's letterhead (kop surat) as the generated documents print it: the text fields in
// the settings table under 'letterhead', the logo (PNG or JPEG, at most LOGO_MAX_BYTES, checked by
// decoding it) under 'letterhead-logo', so it travels with the archive and its backups. Until
// someone fills it in every field is empty and the screen says so: nothing is printed in another
// office's name, and no example text is ever stored as if it were real.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { Letterhead, type LetterheadView } from '../../preload/contract/retention.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting, writeSetting } from '../db/settings.ts';
import { appError } from '../errors.ts';

export const LETTERHEAD_KEY = 'letterhead';
export const LOGO_KEY = 'letterhead-logo';
export const LOGO_MAX_BYTES = 256 * 1024;

export const EMPTY_LETTERHEAD: Letterhead = { instansi: '', unit: '', alamat: '', kontak: '', kota: '', kepala: '', nip: '', jabatan: '' };

export interface LogoImage {
  mime: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** The letterhead as a document prints it: the fields and the logo's bytes. */
export type PrintLetterhead = Letterhead & { logo?: LogoImage | null };

interface StoredLogo {
  mime: LogoImage['mime'];
  base64: string;
  width: number;
  height: number;
  name: string;
  sha256: string;
}

function storedLogo(db: Db): StoredLogo | null {
  const value = readSetting(db, LOGO_KEY) as StoredLogo | null | undefined;
  return value && typeof value.base64 === 'string' && (value.mime === 'image/png' || value.mime === 'image/jpeg') ? value : null;
}

export function readLetterhead(db: Db): LetterheadView {
  const logo = storedLogo(db);
  const logoView = logo && { mime: logo.mime, dataUrl: `data:${logo.mime};base64,${logo.base64}`, width: logo.width, height: logo.height, name: logo.name };
  const stored = readSetting(db, LETTERHEAD_KEY);
  const parsed = stored === undefined ? null : Letterhead.partial().safeParse(stored);
  const letterhead = parsed?.success ? { ...EMPTY_LETTERHEAD, ...parsed.data } : EMPTY_LETTERHEAD;
  return { letterhead, isDefault: !letterhead.instansi && !letterhead.unit, logo: logoView ?? null };
}

export function printLetterhead(db: Db): PrintLetterhead {
  const logo = storedLogo(db);
  return { ...readLetterhead(db).letterhead, logo: logo && { mime: logo.mime, bytes: Buffer.from(logo.base64, 'base64'), width: logo.width, height: logo.height } };
}

export function saveLetterhead(db: Db, letterhead: Letterhead, actor: string): LetterheadView {
  const clean = Letterhead.parse(Object.fromEntries(Object.entries(letterhead).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])));
  db.transaction(() => {
    const before = readSetting(db, LETTERHEAD_KEY) ?? null;
    writeSetting(db, LETTERHEAD_KEY, clean);
    appendAudit(db, { actor, action: 'settings.letterhead', entity: 'settings', entityId: LETTERHEAD_KEY, before, after: clean });
  })();
  return readLetterhead(db);
}

function refuse(id: string, en: string): never {
  throw appError('validation', id, en);
}

/** Checks that `bytes` are a PNG or JPEG pdf-lib can draw, and says how big it is. */
export async function decodeLogo(bytes: Uint8Array, name: string): Promise<LogoImage> {
  if (bytes.length === 0) refuse(`Berkas "${name}" kosong. Pilih gambar logo PNG atau JPEG.`, `"${name}" is empty. Choose a PNG or JPEG logo.`);
  if (bytes.length > LOGO_MAX_BYTES) {
    refuse(
      `Logo "${name}" terlalu besar (${Math.ceil(bytes.length / 1024)} KB; paling besar ${LOGO_MAX_BYTES / 1024} KB). Perkecil gambarnya, mis. lebar 400 piksel.`,
      `The logo "${name}" is too large (${Math.ceil(bytes.length / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB). Make the image smaller, e.g. 400 pixels wide.`,
    );
  }
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) refuse(`"${name}" bukan gambar PNG atau JPEG. Simpan logo sebagai PNG atau JPEG, lalu pilih lagi.`, `"${name}" is not a PNG or JPEG image. Save the logo as PNG or JPEG and choose it again.`);
  try {
    const doc = await PDFDocument.create();
    const image = png ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
    if (image.width < 1 || image.height < 1) throw new Error('empty image');
    return { mime: png ? 'image/png' : 'image/jpeg', bytes, width: image.width, height: image.height };
  } catch {
    return refuse(`Gambar "${name}" rusak atau tidak dapat dibaca. Simpan ulang logonya sebagai PNG atau JPEG.`, `The image "${name}" is damaged or cannot be read. Save the logo again as PNG or JPEG.`);
  }
}

/** Stores the logo read from `path` (a file the user picked) after checking it. */
export async function setLetterheadLogo(db: Db, path: string, name: string, actor: string): Promise<LetterheadView> {
  const size = (await stat(path)).size;
  if (size > LOGO_MAX_BYTES) await decodeLogo(new Uint8Array(size), name);
  const logo = await decodeLogo(new Uint8Array(await readFile(path)), name);
  const sha256 = createHash('sha256').update(logo.bytes).digest('hex');
  const stored: StoredLogo = { mime: logo.mime, base64: Buffer.from(logo.bytes).toString('base64'), width: logo.width, height: logo.height, name, sha256 };
  db.transaction(() => {
    const before = storedLogo(db);
    writeSetting(db, LOGO_KEY, stored);
    appendAudit(db, {
      actor,
      action: 'settings.letterhead-logo',
      entity: 'settings',
      entityId: LOGO_KEY,
      before: before && { name: before.name, sha256: before.sha256 },
      after: { name, mime: logo.mime, size: logo.bytes.length, width: logo.width, height: logo.height, sha256 },
    });
  })();
  return readLetterhead(db);
}

export function clearLetterheadLogo(db: Db, actor: string): LetterheadView {
  db.transaction(() => {
    const before = storedLogo(db);
    if (!before) return;
    writeSetting(db, LOGO_KEY, null);
    appendAudit(db, { actor, action: 'settings.letterhead-logo', entity: 'settings', entityId: LOGO_KEY, before: { name: before.name, sha256: before.sha256 }, after: null });
  })();
  return readLetterhead(db);
}
