// What OCR is doing, as main reports it: the latest progress of each document and the queue.
// Screens read it beside what records.get returned, so a status moves while the record is open.
import { create } from 'zustand';
import type { OcrProgress, OcrQueue } from '../../../../preload/contract.ts';
import { call, subscribe } from '../../api.ts';

interface OcrState {
  byDocument: Record<number, OcrProgress>;
  queue: OcrQueue | null;
  refreshQueue(): Promise<void>;
}

export const useOcr = create<OcrState>((set) => ({
  byDocument: {},
  queue: null,
  refreshQueue: async () => set({ queue: await call('ocr.queue', {}) }),
}));

/** Wires main's OCR events into the store; call once at start-up. */
export function listenForOcr(): () => void {
  void useOcr.getState().refreshQueue().catch(() => undefined);
  return subscribe('ocr.progress', (progress) => {
    useOcr.setState((s) => ({ byDocument: { ...s.byDocument, [progress.documentId]: progress }, queue: progress.queue }));
  });
}
