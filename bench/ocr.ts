// OCR against the `tesseract` command (Debian's tesseract-ocr-ind, OMP_THREAD_LIMIT=1) on the same
// page images, in the same run (issue 15):
//  - speed: pages per minute of the app's OCR pool with one worker against the command, page by
//    page (target ≥ 0.5× per worker);
//  - accuracy with ground truth by construction: known Indonesian text typeset here, rendered at 300
//    and 200 dpi, clean and "scanned" (a slight skew and speckle noise); word recall against the
//    known text (target ≥ 95 % at 300 dpi clean, and within 2 points of the command's recall);
//  - the phone scan of the shared corpus (no ground truth): how much the two agree, and how sure
//    the app is.
// Pages are PNGs written here; both sides read the same files. Run alone: node bench/ocr.ts
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { OcrPool } from '../main/ocr/pool.ts';
import { nowMs, round } from './stats.ts';

const run = promisify(execFile);

/** Known text: a clerk's kind of prose (written for this benchmark), cut into pages. */
const PAGES = [
  `Pejabat Pengelola Informasi dan Dokumentasi wajib menyediakan informasi publik yang akurat, benar, dan tidak menyesatkan. Setiap badan publik menetapkan daftar informasi publik yang wajib disediakan dan diumumkan secara berkala, serta informasi yang dikecualikan berdasarkan uji konsekuensi. Permohonan informasi diajukan secara tertulis atau melalui laman resmi, dan pemohon menerima tanda bukti penerimaan permohonan.`,
  `Arsip dinamis disimpan menurut jadwal retensi arsip yang berlaku. Setelah masa simpan aktif berakhir, arsip dipindahkan ke unit kearsipan sebagai arsip inaktif. Arsip yang telah habis masa retensinya dan tidak memiliki nilai guna dapat dimusnahkan dengan persetujuan pimpinan, sedangkan arsip yang bernilai permanen diserahkan kepada lembaga kearsipan daerah.`,
  `Rapat koordinasi penyusunan rencana kerja dan anggaran dilaksanakan pada hari Senin di ruang rapat Sekretariat Dinas Komunikasi dan Informatika. Rapat dipimpin oleh Kepala Dinas dan dihadiri para kepala bidang. Notulen rapat disampaikan kepada seluruh peserta paling lambat tiga hari kerja setelah rapat selesai.`,
  `Laporan realisasi kegiatan pemeliharaan jalan kabupaten menunjukkan bahwa pekerjaan perbaikan jembatan gantung di Kecamatan Sukamaju telah selesai seratus persen. Pengadaan material dilakukan melalui katalog elektronik, dan serah terima pekerjaan dituangkan dalam berita acara yang ditandatangani oleh pejabat pembuat komitmen.`,
];

export interface OcrPageFigure {
  page: number;
  dpi: number;
  noisy: boolean;
  ours: { ms: number; recall: number; confidence: number };
  command: { ms: number; recall: number } | null;
}

export interface OcrSection {
  pages: number;
  /** Pages per minute, summed over every page (one worker; the command with OMP_THREAD_LIMIT=1). */
  speed: { oursPagesPerMinute: number; commandPagesPerMinute: number | null; ratio: number | null; target: { minRatio: number; pass: boolean | null } };
  /** Mean word recall (0–100) per resolution and condition. */
  recall: { key: string; ours: number; command: number | null }[];
  target: { cleanRecall300: number; pass: boolean; withinPointsOfCommand: number; passVsCommand: boolean | null };
  perPage: OcrPageFigure[];
  /** The shared corpus's phone scan, page 1 at 300 dpi: no ground truth, so agreement. */
  phoneScan: { words: number; commandWords: number | null; agreement: number | null; confidence: number } | null;
  notes: string[];
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of the known words the OCR text holds (as a multiset: a word twice must be read twice). */
export function wordRecall(truth: string, read: string): number {
  const have = new Map<string, number>();
  for (const w of fold(read)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = fold(truth);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return want.length ? (found / want.length) * 100 : 0;
}

/** A page as a scanner would give it: dark text on white at `dpi`; `noisy` adds what an office
 *  scanner does to a photocopy: a 1.2° skew, greyish paper, ink that is not quite black, 1.5 % speckles
 *  and a slight blur (drawn small and scaled up). */
export function pagePng(text: string, dpi: number, noisy: boolean, seed: number): Buffer {
  const width = Math.round(8.27 * dpi); // A4 width
  const height = Math.round(4.2 * dpi);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = noisy ? '#e9e7e1' : '#fff';
  g.fillRect(0, 0, width, height);
  if (noisy) {
    g.translate(width / 2, height / 2);
    g.rotate((1.2 * Math.PI) / 180);
    g.translate(-width / 2, -height / 2);
  }
  const size = Math.round((11 / 72) * dpi); // 11 pt
  g.fillStyle = noisy ? '#3a3a3a' : '#111';
  g.font = `${size}px serif`;
  const margin = Math.round(dpi);
  let line = '';
  let y = margin;
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (g.measureText(next).width > width - 2 * margin) {
      g.fillText(line, margin, y);
      y += size * 1.5;
      line = word;
    } else line = next;
  }
  if (line) g.fillText(line, margin, y);
  if (noisy) {
    const image = g.getImageData(0, 0, width, height);
    let s = seed >>> 0;
    const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < image.data.length; i += 4) {
      const r = rand();
      const v = r < 0.0075 ? 40 : r > 0.9925 ? 255 : -1;
      if (v >= 0) image.data[i] = image.data[i + 1] = image.data[i + 2] = v;
    }
    g.putImageData(image, 0, 0);
    // The blur of a cheap scanner: down to 70 % and back up.
    const small = createCanvas(Math.round(width * 0.7), Math.round(height * 0.7));
    small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
    const out = createCanvas(width, height);
    out.getContext('2d').drawImage(small, 0, 0, width, height);
    return out.toBuffer('image/png');
  }
  return canvas.toBuffer('image/png');
}

async function command(png: string, dpi: number): Promise<{ text: string; ms: number }> {
  const start = nowMs();
  const { stdout } = await run('tesseract', [png, '-', '-l', 'ind', '--dpi', String(dpi)], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * 2 ** 20 });
  return { text: stdout, ms: nowMs() - start };
}

export async function benchOcr(options: { quick?: boolean; phoneScan?: string } = {}): Promise<OcrSection> {
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'berkas-bench-ocr-'));
  const haveCommand = await run('tesseract', ['--list-langs']).then((r) => /\bind\b/.test(r.stdout), () => false);
  if (!haveCommand) notes.push('OCR: the `tesseract` command with Indonesian data is not installed (Debian: tesseract-ocr-ind); no baseline.');
  const pool = new OcrPool({ size: 1 });
  const perPage: OcrPageFigure[] = [];
  try {
    const texts = options.quick ? PAGES.slice(0, 1) : PAGES;
    const conditions = options.quick ? [{ dpi: 300, noisy: false }] : [{ dpi: 300, noisy: false }, { dpi: 300, noisy: true }, { dpi: 200, noisy: false }, { dpi: 200, noisy: true }];
    // Warm the worker (language data, wasm) outside the timing, as the app's pool stays warm.
    const warm = join(dir, 'warm.png');
    writeFileSync(warm, pagePng('Pemanasan mesin OCR.', 200, false, 1));
    await pool.recognise({ file: warm, mime: 'image/png', page: 1, dpi: 200, languages: ['ind'] });
    for (const { dpi, noisy } of conditions) {
      for (const [i, text] of texts.entries()) {
        const png = join(dir, `hal-${i + 1}-${dpi}${noisy ? '-noise' : ''}.png`);
        writeFileSync(png, pagePng(text, dpi, noisy, i + 7));
        const start = nowMs();
        const ours = await pool.recognise({ file: png, mime: 'image/png', page: 1, dpi, languages: ['ind'] });
        const oursMs = nowMs() - start;
        const cmd = haveCommand ? await command(png, dpi) : null;
        perPage.push({
          page: i + 1,
          dpi,
          noisy,
          ours: { ms: round(oursMs, 0), recall: round(wordRecall(text, ours.text), 1), confidence: round(ours.confidence, 1) },
          command: cmd ? { ms: round(cmd.ms, 0), recall: round(wordRecall(text, cmd.text), 1) } : null,
        });
      }
    }

    let phoneScan: OcrSection['phoneScan'] = null;
    if (options.phoneScan && existsSync(options.phoneScan) && !options.quick) {
      const base = join(dir, 'phone');
      await run('pdftoppm', ['-r', '300', '-f', '1', '-l', '1', '-png', '-singlefile', options.phoneScan, base]);
      const ours = await pool.recognise({ file: `${base}.png`, mime: 'image/png', page: 1, dpi: 300, languages: ['ind'] });
      const cmd = haveCommand ? await command(`${base}.png`, 300) : null;
      phoneScan = {
        words: fold(ours.text).length,
        commandWords: cmd ? fold(cmd.text).length : null,
        agreement: cmd ? round(wordRecall(cmd.text, ours.text), 1) : null,
        confidence: round(ours.confidence, 1),
      };
    }

    const minutes = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / 60_000;
    const oursPpm = perPage.length / minutes(perPage.map((p) => p.ours.ms));
    const cmdPpm = haveCommand ? perPage.length / minutes(perPage.map((p) => p.command!.ms)) : null;
    const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), 1);
    const keys = [...new Set(perPage.map((p) => `${p.dpi} dpi ${p.noisy ? 'scanned' : 'clean'}`))];
    const recall = keys.map((key) => {
      const pages = perPage.filter((p) => `${p.dpi} dpi ${p.noisy ? 'scanned' : 'clean'}` === key);
      return { key, ours: mean(pages.map((p) => p.ours.recall)), command: haveCommand ? mean(pages.map((p) => p.command!.recall)) : null };
    });
    const clean300 = recall.find((r) => r.key === '300 dpi clean')!;
    const ratio = cmdPpm ? round(oursPpm / cmdPpm, 2) : null;
    return {
      pages: perPage.length,
      speed: { oursPagesPerMinute: round(oursPpm, 1), commandPagesPerMinute: cmdPpm ? round(cmdPpm, 1) : null, ratio, target: { minRatio: 0.5, pass: ratio === null ? null : ratio >= 0.5 } },
      recall,
      target: {
        cleanRecall300: 95,
        pass: clean300.ours >= 95,
        withinPointsOfCommand: 2,
        passVsCommand: clean300.command === null ? null : clean300.ours >= clean300.command - 2,
      },
      perPage,
      phoneScan,
      notes,
    };
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchOcr({ phoneScan: process.argv[2] }), null, 2));
}
