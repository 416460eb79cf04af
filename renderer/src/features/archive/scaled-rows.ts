// The rows of a fixed-height list that fall in its scroller's view, for lists taller than a
// browser can lay out. Chromium clamps an element at ~33.5 million px, so 36 px rows stop at
// ~930,000 records and the last ones of a million-record archive could not be reached. Above
// MAX_LAYOUT_PX the list is laid out compressed: the scrollbar spans MAX_LAYOUT_PX, a scroll
// position stands for a proportionally further row, and the rows in view are drawn at their
// true spacing around it. @tanstack/react-virtual (used before) takes a scroll position to be a
// content position throughout (max offsets, scroll read-backs), so with fixed heights the range
// is computed here instead: with one row height it is a few lines of arithmetic.
import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Below every Chromium limit with room to spare. */
export const MAX_LAYOUT_PX = 15_000_000;

export interface RowSlot {
  index: number;
  /** The row's top inside the spacer, in px. */
  top: number;
}

/** Content px per scrollbar px: 1 until the list is taller than MAX_LAYOUT_PX. Maps the
 *  scrollbar's full range onto the content's, so the last row is reached at the bottom. */
export function layoutFactor(contentPx: number, viewportPx: number, maxLayoutPx = MAX_LAYOUT_PX): number {
  const layout = Math.min(contentPx, maxLayoutPx);
  if (contentPx <= layout || layout <= viewportPx) return 1;
  return (contentPx - viewportPx) / (layout - viewportPx);
}

export function useScaledRows(options: { count: number; rowHeight: number; scroller: RefObject<HTMLElement | null>; overscan?: number }) {
  const { count, rowHeight, scroller } = options;
  const overscan = options.overscan ?? 12;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => setScrollTop(el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    // A ResizeObserver reports the element's size once when observing starts, then on changes.
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scroller]);

  const content = count * rowHeight;
  const height = Math.min(content, MAX_LAYOUT_PX);
  const factor = layoutFactor(content, viewport);
  const offset = Math.min(scrollTop * factor, Math.max(0, content - viewport));
  const items: RowSlot[] = [];
  if (count > 0) {
    const first = Math.max(0, Math.floor(offset / rowHeight) - overscan);
    const last = Math.min(count - 1, Math.ceil((offset + viewport) / rowHeight) + overscan);
    for (let index = first; index <= last; index++) items.push({ index, top: scrollTop + index * rowHeight - offset });
  }

  /** Scrolls the least that brings row `index` fully into view. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const v = el.clientHeight;
      const f = layoutFactor(count * rowHeight, v);
      const current = el.scrollTop * f;
      const start = index * rowHeight;
      let target = current;
      if (start < current) target = start;
      else if (start + rowHeight > current + v) target = start + rowHeight - v;
      if (target !== current) el.scrollTo({ top: target / f });
    },
    [count, rowHeight, scroller],
  );

  return { items, height, scrollToIndex };
}
