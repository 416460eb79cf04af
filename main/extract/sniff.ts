// Decides what kind of file the importer was handed, from its first bytes, so extraction never
// trusts a file name alone (citizens' uploads and scanner output are often misnamed). Pure: reads
// no files itself except in sniffFile, and never throws on odd input.
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/** How many leading bytes the importer should read and pass to sniffMime. */
export const SNIFF_BYTES = 4096;

/** pdf.js accepts a %PDF- header after this much leading junk (mail gateways and scanners add it). */
const PDF_JUNK_LIMIT = 1024;

const TEXT_HINTS = new Set(['.txt', '.csv', '.md', '.tsv', '.text']);

/** Office formats are recognised only by extension, after their container's magic is confirmed. */
const ZIP_OFFICE: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
};
const OLE_OFFICE: Record<string, string> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const PDF = ascii('%PDF-');

function findPdfHeader(bytes: Uint8Array): boolean {
  const last = Math.min(PDF_JUNK_LIMIT, bytes.length - PDF.length);
  for (let i = 0; i <= last; i++) if (startsWith(bytes, PDF, i)) return true;
  return false;
}

function imageType(b: Uint8Array): string | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // Classic TIFF (42) and BigTIFF (43), both byte orders.
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return 'image/tiff';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/**
 * True when the bytes read as text: no NUL, few control characters, and valid UTF-8 (a multibyte
 * character cut off by the end of the head buffer is allowed). With a text extension, legacy
 * single-byte encodings (Windows-1252 exports from older office software) are accepted too.
 */
function looksLikeText(b: Uint8Array, hinted: boolean): boolean {
  if (hinted && (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff]))) return true; // UTF-16 with BOM
  let controls = 0;
  for (const byte of b) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  }
  if (controls > Math.max(2, b.length / 100)) return false;
  return hinted || validUtf8Prefix(b);
}

function validUtf8Prefix(b: Uint8Array): boolean {
  // Drop at most one incomplete trailing sequence, then require strict UTF-8 for the rest.
  let end = b.length;
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const byte = b[b.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end = b.length - back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** The MIME type of a file from its first bytes (pass at least SNIFF_BYTES of them) and its name. */
export function sniffMime(headBytes: Uint8Array, fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  if (findPdfHeader(headBytes)) return 'application/pdf';
  const image = imageType(headBytes);
  if (image) return image;
  const zip = startsWith(headBytes, [0x50, 0x4b, 0x03, 0x04]);
  const ole = startsWith(headBytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (zip && ZIP_OFFICE[ext]) return ZIP_OFFICE[ext];
  if (ole && OLE_OFFICE[ext]) return OLE_OFFICE[ext];
  if (headBytes.length === 0) return TEXT_HINTS.has(ext) ? 'text/plain' : 'application/octet-stream';
  if (!zip && !ole && looksLikeText(headBytes, TEXT_HINTS.has(ext))) return 'text/plain';
  return 'application/octet-stream';
}

/** Reads the head of a file and sniffs it. Throws the fs error if the file cannot be opened. */
export async function sniffFile(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return sniffMime(buffer.subarray(0, bytesRead), path);
  } finally {
    await handle.close();
  }
}
