// Messages between the OCR pool (host) and ocr-worker. Types only: both sides import it, so it must
// never pull in pdf.js, canvas, tesseract or anything with side effects.
import type { OcrLanguage } from './languages.ts';

/**
 * One recognised word: its text, confidence 0..100, and three corners in PDF points of the page
 * (bottom-left, bottom-right, top-left), which fix its box under any page rotation.
 */
export type OcrWord = [text: string, confidence: number, blx: number, bly: number, brx: number, bry: number, tlx: number, tly: number];

export interface OcrPageResult {
  page: number;
  text: string;
  /** Mean word confidence 0..100 (0 when no word was found). */
  confidence: number;
  words: OcrWord[];
  /** The page in PDF points, the space the word corners are in. */
  width: number;
  height: number;
  dpi: number;
  /** Milliseconds spent rendering and recognising, for the benchmark and the log. */
  renderMs: number;
  recogniseMs: number;
}

/** A page laid into the searchable preview PDF: the words to lay invisibly over it. */
export interface RenditionPage {
  page: number;
  width: number;
  height: number;
  words: OcrWord[];
}

/** Host → worker. */
export type OcrRequest =
  | { type: 'page'; id: number; file: string; mime: string; page: number; dpi: number; languages: OcrLanguage[] }
  | { type: 'rendition'; id: number; file: string; mime: string; target: string; pages: RenditionPage[] }
  /** The document kept open between pages can go (its last page is done). No answer. */
  | { type: 'release' };

/** Worker → host. Every answer carries the request's id so a late one can be ignored. */
export type OcrMessage =
  | { type: 'ready' }
  /** The engine is loaded and the page's own work starts: the page's time limit counts from here. */
  | { type: 'begin'; id: number }
  | { type: 'page'; id: number; result: OcrPageResult }
  | { type: 'rendition'; id: number; pages: number }
  | { type: 'error'; id: number; reason: string };
