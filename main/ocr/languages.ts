// Where the OCR engine's trained data lives: only in the installed @tesseract.js-data packages,
// never a download. This module resolves and checks those paths; it never fetches, caches or
// writes anything, and refuses a language Berkas does not ship.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** The languages Berkas ships trained data for, Indonesian first. */
export const OCR_LANGUAGES = ['ind', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/**
 * The LSTM "best_int" models: the integer-quantised best models, as accurate as 'best' at a
 * fraction of its time, and the ones tesseract.js itself picks for the LSTM engine.
 */
const MODEL_DIR = '4.0.0_best_int';

const resolveModule = createRequire(import.meta.url);

export function isOcrLanguage(value: string): value is OcrLanguage {
  return (OCR_LANGUAGES as readonly string[]).includes(value);
}

/** The folder holding `<lang>.traineddata.gz` for one language, inside node_modules. */
export function languageDir(lang: OcrLanguage): string {
  const root = dirname(resolveModule.resolve(`@tesseract.js-data/${lang}/package.json`));
  const dir = join(root, MODEL_DIR);
  if (!dir.split(sep).includes('node_modules')) throw new Error(`OCR data for ${lang} resolved outside node_modules: ${dir}`);
  if (!existsSync(join(dir, `${lang}.traineddata.gz`))) throw new Error(`OCR data for ${lang} missing at ${dir}`);
  return dir;
}

/**
 * tesseract.js takes one langPath for all languages of a worker, so a worker serves languages
 * that share a folder layout: each language gets its own worker folder key. Returns the path for
 * a single language; callers combining languages pass the same parent layout (see ocr-worker).
 */
export function languagePaths(langs: readonly OcrLanguage[]): Record<OcrLanguage, string> {
  const out = {} as Record<OcrLanguage, string>;
  for (const lang of langs) out[lang] = languageDir(lang);
  return out;
}
