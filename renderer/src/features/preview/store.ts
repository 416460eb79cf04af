// The state of one PDF preview: what the toolbar, find bar and dialogs show. One store per open
// preview (two previews side by side must not share a page number); the viewer controller writes
// it, React components read it. Holds no document bytes, no canvases and never the password.
import { createStore } from 'zustand/vanilla';

export type ZoomMode = 'fit-width' | 'fit-page' | 'custom';
export type Phase = 'loading' | 'password' | 'ready' | 'broken' | 'timeout';

export interface PdfViewState {
  phase: Phase;
  /** The password prompt is back because the last password was wrong. */
  passwordWrong: boolean;
  /** pdf.js's own words when the document cannot be opened. */
  reason: string | null;
  pageCount: number;
  currentPage: number;
  zoomMode: ZoomMode;
  /** 1 = the page at its printed size. */
  zoom: number;
  /** The user's rotation on top of the page's own, in degrees: 0, 90, 180, 270. */
  rotation: number;
  findQuery: string;
  findTotal: number;
  /** Index of the selected match in document order, -1 when none. */
  findIndex: number;
  findSearching: boolean;
  /** The document's short-lived link stopped working (the backend's token expired): reopen it. */
  linkExpired: boolean;
}

export function createPdfViewStore() {
  return createStore<PdfViewState>()(() => ({
    phase: 'loading',
    passwordWrong: false,
    reason: null,
    pageCount: 0,
    currentPage: 1,
    zoomMode: 'fit-width',
    zoom: 1,
    rotation: 0,
    findQuery: '',
    findTotal: 0,
    findIndex: -1,
    findSearching: false,
    linkExpired: false,
  }));
}

export type PdfViewStore = ReturnType<typeof createPdfViewStore>;

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;

export function nextZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 0.001) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 0.001) ?? ZOOM_STEPS[0]!;
}
