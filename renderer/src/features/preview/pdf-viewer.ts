// The PDF viewer's engine: lays out one placeholder per page (sized from the page's viewport),
// renders canvases and text layers only for the pages near the viewport and releases the others,
// so a 300-page scan costs the memory of a handful of pages. It also renders thumbnails on demand
// (kept as small PNG blobs, not canvases), zooms, rotates, navigates and finds text with
// highlights. It writes what the toolbar shows into the preview's store; React draws the chrome.
// It never keeps document bytes itself, never sends anything anywhere, and forgets the password as
// soon as pdf.js has it.
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy, PageViewport, RenderTask, TextLayer } from 'pdfjs-dist';
import { findInPage, itemRanges, pageText, queryPattern, type Match, type PageText } from './find.ts';
import { assetUrls, loadPdfjs, type Pdfjs } from './pdfjs.ts';
import { nextZoom, type PdfViewStore, type ZoomMode } from './store.ts';

/** PDF points to CSS pixels: zoom 1 shows the page at its printed size. */
const CSS_UNITS = 96 / 72;
const PADDING = 16;
/** Pages rendered beyond the visible ones, on each side. */
const AROUND = 2;
/** At most this many pages hold a canvas at once, however small the zoom. */
const MAX_LIVE_PAGES = 9;
/** Like pdf.js's viewer: a bigger canvas is rendered at a lower resolution instead. */
const MAX_CANVAS_PIXELS = 16_777_216;
export const LOAD_TIMEOUT_MS = 15_000;
const THUMB_WIDTH = 112;
const MAX_THUMB_IMAGES = 80;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;

export interface ViewerLabels {
  /** The canvas's accessible name: "Halaman 5 dari 14". */
  page(page: number, count: number): string;
  thumbnail(page: number): string;
  pageError(page: number, reason: string): string;
  expired(page: number): string;
}

interface Size {
  width: number;
  height: number;
}

interface PageState {
  n: number;
  slot: HTMLDivElement;
  /** CSS pixels at zoom 1 with the page's own rotation; null until the page was loaded. */
  base: Size | null;
  userUnit: number;
  canvas: HTMLCanvasElement | null;
  task: RenderTask | null;
  textDiv: HTMLDivElement | null;
  textLayer: TextLayer | null;
  pendingTextLayer: TextLayer | null;
  /** Items whose text is currently split into highlight spans. */
  hitItems: number[];
  renderedKey: string | null;
  failed: boolean;
  thumb: HTMLButtonElement;
  thumbImg: HTMLImageElement;
  thumbUrl: string | null;
  thumbKey: string | null;
  thumbVisible: boolean;
  thumbFailed: boolean;
}

/** pdf.js's message for the user, without the document's URL (a token is no one's business). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.replace(/\s*while retrieving PDF\s*"[^"]*"/, '').replace(/"?(https?|app):\/\/\S+/g, '…');
}

/** The server no longer knows the document's token (it lives 30 minutes): the range request for
 *  a page pdf.js had not fetched yet is refused. */
function isExpiredLink(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Unexpected server response \((401|403|404|410)\)/.test(message);
}

function isCancellation(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'RenderingCancelledException' || name === 'AbortException';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function baseSize(page: PDFPageProxy): Size {
  const viewport = page.getViewport({ scale: CSS_UNITS });
  return { width: viewport.width, height: viewport.height };
}

export class PdfViewer {
  readonly #container: HTMLElement;
  readonly #strip: HTMLElement;
  readonly #store: PdfViewStore;
  #labels: ViewerLabels;
  #pdfjs: Pdfjs | null = null;
  #task: PDFDocumentLoadingTask | null = null;
  #doc: PDFDocumentProxy | null = null;
  #pages: PageState[] = [];
  #defaultBase: Size = { width: 612 * CSS_UNITS, height: 792 * CSS_UNITS };
  #windowFrom = 0;
  #windowTo = -1;
  /** A page the user navigated to stays "current" until the view is scrolled away from it. */
  #pinned: { page: number; scrollTop: number } | null = null;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #pumping = false;
  #destroyed = false;
  #passwordUpdate: ((password: string) => void) | null = null;
  readonly #resizeObserver: ResizeObserver;
  readonly #thumbObserver: IntersectionObserver;
  #thumbImages = 0;
  // find
  readonly #texts = new Map<number, PageText>();
  readonly #matches = new Map<number, Match[]>();
  #findGeneration = 0;
  #selected: { page: number; index: number } | null = null;
  #revealOnRender = false;

  constructor(options: { container: HTMLElement; strip: HTMLElement; store: PdfViewStore; labels: ViewerLabels }) {
    this.#container = options.container;
    this.#strip = options.strip;
    this.#store = options.store;
    this.#labels = options.labels;
    this.#container.addEventListener('scroll', this.#onScroll, { passive: true });
    this.#container.addEventListener('wheel', this.#onWheel, { passive: false });
    this.#resizeObserver = new ResizeObserver((entries) => {
      if (!this.#pages.length) return;
      if (entries.some((entry) => entry.target === this.#strip)) this.#revealThumb();
      if (!entries.some((entry) => entry.target === this.#container)) return;
      if (this.#store.getState().zoomMode === 'custom') this.#schedule();
      else this.#applyLayout();
    });
    this.#resizeObserver.observe(this.#container);
    // The strip is hidden until the document is open, and can be toggled: show the current page then.
    this.#resizeObserver.observe(this.#strip);
    this.#thumbObserver = new IntersectionObserver(this.#onThumbsSeen, { root: this.#strip, rootMargin: '300px 0px' });
  }

  // ---- loading ----------------------------------------------------------------------------

  async open(url: string, options: { initialPage?: number; findText?: string } = {}): Promise<void> {
    this.#armTimeout();
    let pdfjs: Pdfjs;
    try {
      pdfjs = await loadPdfjs();
    } catch (error) {
      this.#fail(reasonOf(error));
      return;
    }
    if (this.#destroyed || this.#timedOut) return;
    this.#pdfjs = pdfjs;
    const task = pdfjs.getDocument({
      url,
      ...assetUrls(),
      disableAutoFetch: true,
      disableStream: true,
      rangeChunkSize: 262_144,
      // Rendering on the main thread into our own canvases: worker rendering transfers the canvas
      // away, which would stop us from releasing and re-using it as pages scroll by.
      disableWorkerRendering: true,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
    this.#task = task;
    task.onPassword = (update: (password: string) => void, reason: number) => {
      // The user's typing time does not count against the load timeout.
      this.#disarmTimeout();
      this.#passwordUpdate = update;
      this.#store.setState({ phase: 'password', passwordWrong: reason === pdfjs.PasswordResponses.INCORRECT_PASSWORD });
    };
    try {
      const doc = await task.promise;
      if (this.#destroyed || this.#timedOut) return;
      // A document whose first page cannot be read is broken as far as the user can tell.
      const first = await doc.getPage(1);
      if (this.#destroyed || this.#timedOut) return;
      this.#disarmTimeout();
      this.#doc = doc;
      this.#defaultBase = baseSize(first);
      this.#build(doc.numPages);
      this.#pages[0]!.base = this.#defaultBase;
      this.#pages[0]!.userUnit = first.userUnit;
      this.#store.setState({ phase: 'ready', pageCount: doc.numPages, currentPage: 1, passwordWrong: false, reason: null });
      this.#applyLayout(false);
      const start = clamp(Math.round(options.initialPage ?? 1), 1, doc.numPages);
      this.goToPage(start);
      if (options.findText?.trim()) this.find(options.findText, start);
    } catch (error) {
      if (this.#destroyed || this.#timedOut) return;
      this.#disarmTimeout();
      this.#fail(reasonOf(error));
    }
  }

  submitPassword(password: string): void {
    const update = this.#passwordUpdate;
    if (!update) return;
    this.#passwordUpdate = null;
    this.#store.setState({ phase: 'loading' });
    this.#armTimeout();
    update(password);
  }

  #armTimeout(): void {
    this.#disarmTimeout();
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#store.setState({ phase: 'timeout' });
      void this.#task?.destroy();
    }, LOAD_TIMEOUT_MS);
  }

  #disarmTimeout(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fail(reason: string): void {
    this.#store.setState({ phase: 'broken', reason });
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#findGeneration++;
    this.#disarmTimeout();
    cancelAnimationFrame(this.#frame);
    this.#container.removeEventListener('scroll', this.#onScroll);
    this.#container.removeEventListener('wheel', this.#onWheel);
    this.#strip.removeEventListener('keydown', this.#onStripKey);
    this.#resizeObserver.disconnect();
    this.#thumbObserver.disconnect();
    for (const page of this.#pages) {
      this.#release(page);
      if (page.thumbUrl) URL.revokeObjectURL(page.thumbUrl);
    }
    this.#pages = [];
    this.#container.replaceChildren();
    this.#strip.replaceChildren();
    this.#passwordUpdate = null;
    const task = this.#task;
    this.#task = null;
    this.#doc = null;
    // Closing while pdf.js is still talking to its worker rejects its pending calls ("Worker was
    // terminated"); the viewer is gone, so nobody is waiting for them.
    await task?.destroy().catch(() => undefined);
  }

  setLabels(labels: ViewerLabels): void {
    this.#labels = labels;
    const count = this.#pages.length;
    for (const page of this.#pages) {
      page.canvas?.setAttribute('aria-label', labels.page(page.n, count));
      page.thumb.setAttribute('aria-label', labels.thumbnail(page.n));
    }
  }

  // ---- layout -----------------------------------------------------------------------------

  #build(count: number): void {
    const pagesEl = document.createElement('div');
    pagesEl.className = 'pv-pages';
    const thumbsEl = document.createDocumentFragment();
    for (let n = 1; n <= count; n++) {
      const slot = document.createElement('div');
      slot.className = 'pv-page';
      slot.dataset.page = String(n);
      const number = document.createElement('span');
      number.className = 'pv-page-number';
      number.setAttribute('aria-hidden', 'true');
      number.textContent = String(n);
      slot.append(number);
      pagesEl.append(slot);

      const thumb = document.createElement('button');
      thumb.type = 'button';
      thumb.className = 'pv-thumb';
      thumb.dataset.page = String(n);
      // The store says page 1 until the viewer navigates; #update moves these markers from there.
      thumb.tabIndex = n === 1 ? 0 : -1;
      if (n === 1) thumb.setAttribute('aria-current', 'page');
      thumb.setAttribute('aria-label', this.#labels.thumbnail(n));
      const img = document.createElement('img');
      img.className = 'pv-thumb-img';
      img.alt = '';
      img.draggable = false;
      const caption = document.createElement('span');
      caption.className = 'pv-thumb-number';
      caption.setAttribute('aria-hidden', 'true');
      caption.textContent = String(n);
      thumb.append(img, caption);
      thumb.addEventListener('click', () => this.goToPage(n));
      thumbsEl.append(thumb);

      this.#pages.push({
        n,
        slot,
        base: null,
        userUnit: 1,
        canvas: null,
        task: null,
        textDiv: null,
        textLayer: null,
        pendingTextLayer: null,
        hitItems: [],
        renderedKey: null,
        failed: false,
        thumb,
        thumbImg: img,
        thumbUrl: null,
        thumbKey: null,
        thumbVisible: false,
        thumbFailed: false,
      });
    }
    this.#container.replaceChildren(pagesEl);
    this.#strip.replaceChildren(thumbsEl);
    this.#strip.addEventListener('keydown', this.#onStripKey);
    for (const page of this.#pages) this.#thumbObserver.observe(page.thumb);
  }

  #rotated(page: PageState): Size {
    const base = page.base ?? this.#defaultBase;
    return this.#store.getState().rotation % 180 === 0 ? base : { width: base.height, height: base.width };
  }

  #fitZoom(mode: Exclude<ZoomMode, 'custom'>): number {
    const page = this.#pages[this.#store.getState().currentPage - 1] ?? this.#pages[0]!;
    const size = this.#rotated(page);
    const fitWidth = (this.#container.clientWidth - 2 * PADDING) / size.width;
    if (mode === 'fit-width') return clamp(fitWidth, MIN_ZOOM, MAX_ZOOM);
    return clamp(Math.min(fitWidth, (this.#container.clientHeight - 2 * PADDING) / size.height), MIN_ZOOM, MAX_ZOOM);
  }

  #key(): string {
    const { zoom, rotation } = this.#store.getState();
    return `${zoom.toFixed(4)}|${rotation}`;
  }

  #sizeSlot(page: PageState, zoom: number): void {
    const size = this.#rotated(page);
    page.slot.style.width = `${Math.floor(size.width * zoom)}px`;
    page.slot.style.height = `${Math.floor(size.height * zoom)}px`;
    page.slot.style.setProperty('--total-scale-factor', String(zoom * CSS_UNITS * page.userUnit));
    page.thumbImg.style.height = `${Math.round((THUMB_WIDTH * size.height) / size.width)}px`;
  }

  /** Sizes every placeholder for the zoom and rotation, keeping the same spot of the current page in view. */
  #applyLayout(keepAnchor = true): void {
    if (!this.#pages.length) return;
    const state = this.#store.getState();
    const anchor = keepAnchor ? this.#anchor() : null;
    const zoom = state.zoomMode === 'custom' ? state.zoom : this.#fitZoom(state.zoomMode);
    if (zoom !== state.zoom) this.#store.setState({ zoom });
    for (const page of this.#pages) this.#sizeSlot(page, zoom);
    if (anchor) {
      const slot = this.#pages[anchor.page - 1]!.slot;
      this.#container.scrollTop = slot.offsetTop + anchor.fraction * slot.offsetHeight;
      if (this.#pinned?.page === anchor.page) this.#pin(anchor.page);
    }
    this.#update();
  }

  #anchor(): { page: number; fraction: number } | null {
    const page = this.#pages[this.#store.getState().currentPage - 1];
    if (!page) return null;
    const slot = page.slot;
    return { page: page.n, fraction: slot.offsetHeight ? (this.#container.scrollTop - slot.offsetTop) / slot.offsetHeight : 0 };
  }

  // ---- navigation -------------------------------------------------------------------------

  goToPage(n: number): void {
    const page = this.#pages[clamp(Math.round(n), 1, this.#pages.length) - 1];
    if (!page) return;
    this.#container.scrollTop = page.slot.offsetTop - PADDING / 2;
    this.#pin(page.n);
    this.#update();
  }

  nextPage(step: 1 | -1): void {
    this.goToPage(this.#store.getState().currentPage + step);
  }

  setZoomMode(mode: Exclude<ZoomMode, 'custom'>): void {
    this.#store.setState({ zoomMode: mode });
    this.#applyLayout();
  }

  zoomBy(direction: 1 | -1): void {
    const zoom = clamp(nextZoom(this.#store.getState().zoom, direction), MIN_ZOOM, MAX_ZOOM);
    this.setZoom(zoom);
  }

  setZoom(zoom: number): void {
    this.#store.setState({ zoomMode: 'custom', zoom: clamp(zoom, MIN_ZOOM, MAX_ZOOM) });
    this.#applyLayout();
  }

  rotate(): void {
    this.#store.setState({ rotation: (this.#store.getState().rotation + 90) % 360 });
    this.#applyLayout();
  }

  #pin(page: number): void {
    this.#pinned = { page, scrollTop: this.#container.scrollTop };
  }

  readonly #onScroll = (): void => this.#schedule();

  readonly #onWheel = (event: WheelEvent): void => {
    if (!event.ctrlKey || !this.#pages.length) return;
    event.preventDefault();
    this.zoomBy(event.deltaY < 0 ? 1 : -1);
  };

  readonly #onStripKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement | null;
    const n = Number(target?.dataset.page);
    if (!n) return;
    let next: number;
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = n + 1;
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = n - 1;
    else if (event.key === 'Home') next = 1;
    else if (event.key === 'End') next = this.#pages.length;
    else return;
    event.preventDefault();
    const page = this.#pages[clamp(next, 1, this.#pages.length) - 1]!;
    page.thumb.focus();
    this.goToPage(page.n);
  };

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#update();
    });
  }

  #bottom(i: number): number {
    const slot = this.#pages[i]!.slot;
    return slot.offsetTop + slot.offsetHeight;
  }

  /** Works out the visible pages and the current one, releases far pages and starts rendering. */
  #update(): void {
    if (this.#destroyed || !this.#pages.length) return;
    const count = this.#pages.length;
    const top = this.#container.scrollTop;
    const height = this.#container.clientHeight;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#bottom(mid) <= top) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    let last = first;
    while (last + 1 < count && this.#pages[last + 1]!.slot.offsetTop < top + height) last++;

    let current: number;
    if (this.#pinned && Math.abs(this.#pinned.scrollTop - top) < 2) {
      current = this.#pinned.page;
    } else {
      this.#pinned = null;
      const probe = top + height / 3;
      let i = first;
      while (i < last && this.#bottom(i) <= probe) i++;
      current = i + 1;
    }

    let from = Math.max(0, first - AROUND);
    let to = Math.min(count - 1, last + AROUND);
    if (to - from + 1 > MAX_LIVE_PAGES) {
      from = clamp(current - 1 - Math.floor(MAX_LIVE_PAGES / 2), 0, Math.max(0, count - MAX_LIVE_PAGES));
      to = Math.min(count - 1, from + MAX_LIVE_PAGES - 1);
    }
    this.#windowFrom = from;
    this.#windowTo = to;
    for (const page of this.#pages) {
      if ((page.n - 1 < from || page.n - 1 > to) && (page.canvas || page.task || page.textDiv || page.pendingTextLayer || page.failed)) {
        this.#release(page);
      }
    }

    const previous = this.#store.getState().currentPage;
    if (current !== previous) {
      this.#store.setState({ currentPage: current });
      this.#markThumb(previous, current);
    }
    void this.#pump();
  }

  #inWindow(page: PageState): boolean {
    return page.n - 1 >= this.#windowFrom && page.n - 1 <= this.#windowTo;
  }

  #markThumb(previous: number, current: number): void {
    const old = this.#pages[previous - 1];
    if (old) {
      old.thumb.removeAttribute('aria-current');
      old.thumb.tabIndex = -1;
    }
    const now = this.#pages[current - 1];
    if (!now) return;
    now.thumb.setAttribute('aria-current', 'page');
    now.thumb.tabIndex = 0;
    this.#revealThumb();
  }

  /** Scrolls the strip (only the strip: scrollIntoView would move its ancestors too) so the
   *  current page's thumbnail is in view. */
  #revealThumb(): void {
    const strip = this.#strip;
    const thumb = this.#pages[this.#store.getState().currentPage - 1]?.thumb;
    if (!thumb || strip.clientHeight === 0) return;
    const top = thumb.getBoundingClientRect().top - strip.getBoundingClientRect().top + strip.scrollTop;
    if (top < strip.scrollTop) strip.scrollTop = top - 8;
    else if (top + thumb.offsetHeight > strip.scrollTop + strip.clientHeight) strip.scrollTop = top + thumb.offsetHeight - strip.clientHeight + 8;
  }

  #release(page: PageState): void {
    page.task?.cancel();
    page.task = null;
    if (page.canvas) {
      // Zero-sizing frees the bitmap now rather than whenever the collector runs.
      page.canvas.width = 0;
      page.canvas.height = 0;
      page.canvas.remove();
      page.canvas = null;
    }
    page.pendingTextLayer?.cancel();
    page.pendingTextLayer = null;
    page.textLayer = null;
    page.textDiv?.remove();
    page.textDiv = null;
    page.hitItems = [];
    page.renderedKey = null;
    page.failed = false;
    page.slot.querySelector('.pv-page-error')?.remove();
    page.slot.classList.remove('pv-rendered');
    // Drops the page's parsed drawing instructions; only for pages pdf.js has actually loaded.
    const doc = this.#doc;
    if (doc && page.base && !page.thumbVisible) void doc.getPage(page.n).then((proxy) => proxy.cleanup(), () => undefined);
  }

  // ---- rendering --------------------------------------------------------------------------

  async #pump(): Promise<void> {
    if (this.#pumping || !this.#doc) return;
    this.#pumping = true;
    try {
      while (!this.#destroyed) {
        const page = this.#nextPage();
        if (page) {
          await this.#renderPage(page);
          continue;
        }
        const thumb = this.#nextThumb();
        if (thumb) {
          await this.#renderThumb(thumb);
          continue;
        }
        break;
      }
    } finally {
      this.#pumping = false;
    }
  }

  #nearest(candidates: PageState[]): PageState | null {
    const current = this.#store.getState().currentPage;
    let best: PageState | null = null;
    for (const page of candidates) if (!best || Math.abs(page.n - current) < Math.abs(best.n - current)) best = page;
    return best;
  }

  #nextPage(): PageState | null {
    const key = this.#key();
    const candidates: PageState[] = [];
    for (let i = this.#windowFrom; i <= this.#windowTo; i++) {
      const page = this.#pages[i];
      if (page && !page.failed && page.renderedKey !== key) candidates.push(page);
    }
    return this.#nearest(candidates);
  }

  #nextThumb(): PageState | null {
    const key = String(this.#store.getState().rotation);
    return this.#nearest(this.#pages.filter((page) => page.thumbVisible && !page.thumbFailed && page.thumbKey !== key));
  }

  async #renderPage(page: PageState): Promise<void> {
    const doc = this.#doc!;
    const key = this.#key();
    try {
      const proxy = await doc.getPage(page.n);
      if (this.#destroyed || !this.#inWindow(page)) return;
      if (!page.base) {
        page.base = baseSize(proxy);
        page.userUnit = proxy.userUnit;
        this.#resizeKeepingView(page);
      }
      if (key !== this.#key()) return;
      const { zoom, rotation } = this.#store.getState();
      const viewport = proxy.getViewport({ scale: zoom * CSS_UNITS, rotation: (proxy.rotate + rotation) % 360 });
      const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, viewport.width * viewport.height)));
      const canvas = document.createElement('canvas');
      canvas.className = 'pv-canvas';
      canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
      canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', this.#labels.page(page.n, this.#pages.length));
      const task = proxy.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      page.task = task;
      try {
        await task.promise;
      } catch (error) {
        canvas.width = 0;
        canvas.height = 0;
        throw error;
      } finally {
        if (page.task === task) page.task = null;
      }
      if (this.#destroyed || !this.#inWindow(page) || key !== this.#key()) {
        canvas.width = 0;
        canvas.height = 0;
        return;
      }
      if (page.canvas) {
        page.canvas.width = 0;
        page.canvas.height = 0;
        page.canvas.replaceWith(canvas);
      } else {
        page.slot.prepend(canvas);
      }
      page.canvas = canvas;
      page.renderedKey = key;
      page.slot.classList.add('pv-rendered');
      page.slot.style.setProperty('--total-scale-factor', String(viewport.scale * viewport.userUnit));
      await this.#renderTextLayer(page, proxy, viewport);
    } catch (error) {
      if (isCancellation(error) || this.#destroyed) return;
      page.failed = true;
      const expired = isExpiredLink(error);
      if (expired) this.#store.setState({ linkExpired: true });
      page.slot.querySelector('.pv-page-error')?.remove();
      const message = document.createElement('p');
      message.className = 'pv-page-error';
      message.setAttribute('role', 'alert');
      message.textContent = expired ? this.#labels.expired(page.n) : this.#labels.pageError(page.n, reasonOf(error));
      page.slot.append(message);
    }
  }

  /** A page that turned out bigger or smaller than the first one: resize its placeholder without
   *  moving what the user is looking at. */
  #resizeKeepingView(page: PageState): void {
    const before = page.slot.offsetHeight;
    const above = page.slot.offsetTop < this.#container.scrollTop;
    this.#sizeSlot(page, this.#store.getState().zoom);
    const delta = page.slot.offsetHeight - before;
    if (above && delta !== 0) {
      this.#container.scrollTop += delta;
      if (this.#pinned) this.#pin(this.#pinned.page);
    }
  }

  async #renderTextLayer(page: PageState, proxy: PDFPageProxy, viewport: PageViewport): Promise<void> {
    const div = document.createElement('div');
    div.className = 'pv-text-layer';
    page.pendingTextLayer?.cancel();
    const layer = new this.#pdfjs!.TextLayer({ textContentSource: proxy.streamTextContent(), container: div, viewport });
    page.pendingTextLayer = layer;
    try {
      await layer.render();
    } catch {
      // No text layer (cancelled, or a page whose text cannot be read): the page still shows.
      return;
    } finally {
      if (page.pendingTextLayer === layer) page.pendingTextLayer = null;
    }
    if (this.#destroyed || !page.canvas || !this.#inWindow(page)) return;
    page.textDiv?.remove();
    page.slot.append(div);
    page.textDiv = div;
    page.textLayer = layer;
    page.hitItems = [];
    this.#highlight(page);
  }

  async #renderThumb(page: PageState): Promise<void> {
    const key = String(this.#store.getState().rotation);
    try {
      const proxy = await this.#doc!.getPage(page.n);
      if (this.#destroyed) return;
      const rotation = (proxy.rotate + this.#store.getState().rotation) % 360;
      const unit = proxy.getViewport({ scale: 1, rotation });
      const ratio = Math.min(2, window.devicePixelRatio || 1);
      const viewport = proxy.getViewport({ scale: (THUMB_WIDTH * ratio) / unit.width, rotation });
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.ceil(viewport.width));
      canvas.height = Math.max(1, Math.ceil(viewport.height));
      try {
        await proxy.render({ canvas, viewport }).promise;
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (!blob || this.#destroyed) return;
        if (page.thumbUrl) URL.revokeObjectURL(page.thumbUrl);
        else this.#thumbImages++;
        page.thumbUrl = URL.createObjectURL(blob);
        page.thumbImg.src = page.thumbUrl;
        page.thumbKey = key;
      } finally {
        canvas.width = 0;
        canvas.height = 0;
      }
      if (!this.#inWindow(page)) proxy.cleanup();
      this.#evictThumbs();
    } catch (error) {
      if (!isCancellation(error)) page.thumbFailed = true;
    }
  }

  /** Keeps at most MAX_THUMB_IMAGES thumbnails, dropping those farthest from the current page. */
  #evictThumbs(): void {
    if (this.#thumbImages <= MAX_THUMB_IMAGES) return;
    const current = this.#store.getState().currentPage;
    const held = this.#pages.filter((page) => page.thumbUrl && !page.thumbVisible).sort((a, b) => Math.abs(b.n - current) - Math.abs(a.n - current));
    for (const page of held) {
      if (this.#thumbImages <= MAX_THUMB_IMAGES) break;
      URL.revokeObjectURL(page.thumbUrl!);
      page.thumbUrl = null;
      page.thumbKey = null;
      page.thumbImg.removeAttribute('src');
      this.#thumbImages--;
    }
  }

  readonly #onThumbsSeen = (entries: IntersectionObserverEntry[]): void => {
    for (const entry of entries) {
      const page = this.#pages[Number((entry.target as HTMLElement).dataset.page) - 1];
      if (page) page.thumbVisible = entry.isIntersecting;
    }
    void this.#pump();
  };

  // ---- find -------------------------------------------------------------------------------

  /** Finds every occurrence in the document, starting at `fromPage` (default: the current page),
   *  selects the first one from there on and shows it. */
  find(query: string, fromPage?: number): void {
    const generation = ++this.#findGeneration;
    this.#matches.clear();
    this.#selected = null;
    this.#revealOnRender = false;
    for (const page of this.#pages) this.#highlight(page);
    const pattern = queryPattern(query);
    this.#store.setState({ findQuery: query, findTotal: 0, findIndex: -1, findSearching: pattern !== null && this.#doc !== null });
    if (!pattern || !this.#doc) return;
    void this.#search(generation, pattern, fromPage ?? this.#store.getState().currentPage);
  }

  async #search(generation: number, pattern: RegExp, fromPage: number): Promise<void> {
    const doc = this.#doc!;
    const count = this.#pages.length;
    let total = 0;
    for (let k = 0; k < count; k++) {
      const n = ((fromPage - 1 + k) % count) + 1;
      let text = this.#texts.get(n);
      if (!text) {
        try {
          const proxy = await doc.getPage(n);
          const content = await proxy.getTextContent();
          text = pageText(content.items as { str?: string; hasEOL?: boolean }[]);
        } catch {
          text = pageText([]);
        }
        this.#texts.set(n, text);
      }
      if (generation !== this.#findGeneration) return;
      const matches = findInPage(text, pattern);
      this.#matches.set(n, matches);
      total += matches.length;
      const page = this.#pages[n - 1]!;
      if (!this.#selected && matches.length) {
        this.#selected = { page: n, index: 0 };
        this.#highlight(page);
        this.#reveal();
      } else {
        this.#highlight(page);
      }
      this.#store.setState({ findTotal: total });
    }
    this.#store.setState({ findSearching: false, findIndex: this.#globalIndex() });
  }

  #globalIndex(): number {
    const selected = this.#selected;
    if (!selected) return -1;
    let index = selected.index;
    for (let n = 1; n < selected.page; n++) index += this.#matches.get(n)?.length ?? 0;
    return index;
  }

  findStep(direction: 1 | -1): void {
    const selected = this.#selected;
    if (!selected) return;
    const count = this.#pages.length;
    let { page, index } = selected;
    index += direction;
    if (index < 0 || index >= (this.#matches.get(page)?.length ?? 0)) {
      for (let k = 1; k <= count; k++) {
        const n = ((page - 1 + direction * k + count * 2) % count) + 1;
        const found = this.#matches.get(n)?.length ?? 0;
        if (found) {
          page = n;
          index = direction > 0 ? 0 : found - 1;
          break;
        }
      }
      if (index < 0 || index >= (this.#matches.get(page)?.length ?? 0)) return;
    }
    const old = this.#pages[selected.page - 1]!;
    this.#selected = { page, index };
    this.#highlight(old);
    this.#highlight(this.#pages[page - 1]!);
    if (!this.#store.getState().findSearching) this.#store.setState({ findIndex: this.#globalIndex() });
    this.#reveal();
  }

  #reveal(): void {
    const selected = this.#selected;
    if (!selected) return;
    const page = this.#pages[selected.page - 1]!;
    if (page.textDiv && this.#scrollToHit(page)) return;
    this.#revealOnRender = true;
    this.goToPage(page.n);
  }

  #scrollToHit(page: PageState): boolean {
    const hit = page.textDiv?.querySelector<HTMLElement>('.pv-hit.pv-selected');
    if (!hit) return false;
    const box = this.#container.getBoundingClientRect();
    const rect = hit.getBoundingClientRect();
    this.#container.scrollTop = Math.max(0, this.#container.scrollTop + rect.top - box.top - this.#container.clientHeight / 3);
    if (rect.left < box.left || rect.right > box.right) this.#container.scrollLeft += rect.left - box.left - this.#container.clientWidth / 3;
    this.#pin(page.n);
    this.#update();
    return true;
  }

  /** Wraps this page's matches in highlight spans (and unwraps the previous ones). */
  #highlight(page: PageState): void {
    const layer = page.textLayer;
    if (!layer || !page.textDiv) return;
    const divs = layer.textDivs;
    const strings = layer.textContentItemsStr;
    for (const i of page.hitItems) {
      const div = divs[i];
      if (div) div.textContent = strings[i] ?? '';
    }
    page.hitItems = [];
    const matches = this.#matches.get(page.n);
    const text = this.#texts.get(page.n);
    if (!matches?.length || !text || text.lengths.length !== strings.length) return;
    const selected = this.#selected?.page === page.n ? this.#selected.index : -1;
    const byItem = new Map<number, { from: number; to: number; match: number }[]>();
    for (const range of itemRanges(text, matches)) {
      const list = byItem.get(range.item) ?? [];
      list.push(range);
      byItem.set(range.item, list);
    }
    for (const [item, ranges] of byItem) {
      const div = divs[item];
      const str = strings[item];
      if (!div || str === undefined) continue;
      div.textContent = '';
      let position = 0;
      for (const range of ranges) {
        if (range.from > position) div.append(str.slice(position, range.from));
        const span = document.createElement('span');
        span.className = range.match === selected ? 'pv-hit pv-selected' : 'pv-hit';
        span.dataset.match = String(range.match);
        span.textContent = str.slice(range.from, range.to);
        div.append(span);
        position = range.to;
      }
      if (position < str.length) div.append(str.slice(position));
      page.hitItems.push(item);
    }
    if (this.#revealOnRender && selected >= 0) {
      this.#revealOnRender = false;
      this.#scrollToHit(page);
    }
  }
}
