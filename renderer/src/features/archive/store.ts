// State of the Arsip screen: what the list shows (filter, sort, search), the rows fetched so far
// (by page, from the main process — never the whole archive), the selection, the open record.
import { create } from 'zustand';
import type { ChannelOutput, RecordFilter, RecordRow, SearchHit } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';

export const PAGE_SIZE = 100;
export type SortKey = 'letterDate' | 'subject' | 'classificationCode' | 'createdAt' | 'id';
export type ColumnKey = 'letterNumber' | 'letterDate' | 'subject' | 'classificationCode' | 'status' | 'securityClass' | 'medium' | 'extractStatus' | 'createdAt';
export const ALL_COLUMNS: ColumnKey[] = ['letterNumber', 'letterDate', 'subject', 'classificationCode', 'status', 'securityClass', 'medium', 'extractStatus', 'createdAt'];
const DEFAULT_COLUMNS: ColumnKey[] = ['letterNumber', 'letterDate', 'subject', 'classificationCode', 'status', 'extractStatus'];
const COLUMNS_KEY = 'berkas.columns';

function savedColumns(): ColumnKey[] {
  try {
    const value = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(value) && value.every((c) => ALL_COLUMNS.includes(c as ColumnKey)) && value.includes('subject')) return value as ColumnKey[];
  } catch {
    /* fall through to the defaults */
  }
  return DEFAULT_COLUMNS;
}

type SearchResult = ChannelOutput<'search.query'>;

interface ArchiveState {
  filter: RecordFilter;
  sort: SortKey;
  direction: 'asc' | 'desc';
  /** Bumped whenever the list must be fetched again (filter, sort, edits, imports). */
  version: number;
  total: number | null;
  pages: Map<number, RecordRow[]>;
  loading: Set<number>;
  error: string | null;

  query: string;
  search: SearchResult | null;
  searching: boolean;

  selected: Set<number>;
  anchor: number | null;
  focusIndex: number;
  detailId: number | null;
  preview: { documentId: number; page?: number; findText?: string } | null;
  columns: ColumnKey[];

  setFilter(filter: RecordFilter): void;
  /** The file a scanned label named: the list shows its records, the filter bar its title. */
  fileLabel: string | null;
  showFile(file: { id: number; title: string; fileNumber: string | null }): void;
  setSort(sort: SortKey): void;
  refresh(): void;
  /** Re-reads the pages already shown, in place (no jump to the top): for background changes. */
  reloadShown(): void;
  /** Bumped when the open record changed in the background, so the detail pane re-reads it. */
  detailVersion: number;
  ensurePage(page: number): void;
  rowAt(index: number): RecordRow | undefined;
  runSearch(query: string): Promise<void>;
  select(index: number, mode: 'only' | 'toggle' | 'range'): void;
  selectIds(ids: number[]): void;
  clearSelection(): void;
  open(id: number | null): void;
  showPreview(preview: ArchiveState['preview']): void;
  setColumns(columns: ColumnKey[]): void;
}

export const useArchive = create<ArchiveState>((set, get) => ({
  filter: {},
  sort: 'createdAt',
  direction: 'desc',
  version: 0,
  total: null,
  pages: new Map(),
  loading: new Set(),
  error: null,
  query: '',
  search: null,
  searching: false,
  selected: new Set(),
  anchor: null,
  focusIndex: 0,
  detailId: null,
  preview: null,
  columns: savedColumns(),

  fileLabel: null,
  showFile(file) {
    set({ fileLabel: file.fileNumber ? `${file.fileNumber} · ${file.title}` : file.title });
    get().setFilter({ fileId: file.id });
  },
  setFilter(filter) {
    set({ filter, selected: new Set(), anchor: null, focusIndex: 0, ...(filter.fileId === undefined ? { fileLabel: null } : {}) });
    get().refresh();
    if (get().query) void get().runSearch(get().query);
  },
  setSort(sort) {
    const { sort: current, direction } = get();
    set({ sort, direction: current === sort ? (direction === 'asc' ? 'desc' : 'asc') : sort === 'subject' || sort === 'classificationCode' ? 'asc' : 'desc' });
    get().refresh();
  },
  refresh() {
    set({ version: get().version + 1, pages: new Map(), loading: new Set(), error: null });
    get().ensurePage(0);
  },
  reloadShown() {
    const { version, pages, filter, sort, direction } = get();
    for (const page of pages.keys()) {
      call('records.list', { filter, sort, direction, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          if (get().version !== version) return;
          const next = new Map(get().pages);
          next.set(page, result.rows);
          set({ pages: next, total: result.total });
        },
        () => undefined,
      );
    }
    set({ detailVersion: get().detailVersion + 1 });
  },
  detailVersion: 0,
  ensurePage(page) {
    const state = get();
    if (state.pages.has(page) || state.loading.has(page)) return;
    const version = state.version;
    set({ loading: new Set(state.loading).add(page) });
    call('records.list', { filter: state.filter, sort: state.sort, direction: state.direction, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((result) => {
        if (get().version !== version) return; // a newer query replaced this one
        const pages = new Map(get().pages);
        pages.set(page, result.rows);
        const loading = new Set(get().loading);
        loading.delete(page);
        set({ pages, loading, total: result.total });
      })
      .catch((error: unknown) => {
        if (get().version !== version) return;
        const loading = new Set(get().loading);
        loading.delete(page);
        set({ loading, error: error instanceof Error ? error.message : String(error) });
      });
  },
  rowAt(index) {
    return get().pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  },
  async runSearch(query) {
    set({ query });
    if (!query.trim()) {
      set({ search: null, searching: false });
      return;
    }
    set({ searching: true });
    try {
      const result = await call('search.query', { query, filter: get().filter, offset: 0, limit: 100 });
      if (get().query === query) set({ search: result, searching: false });
    } catch (error) {
      if (get().query === query) set({ searching: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
  select(index, mode) {
    const { selected, anchor } = get();
    const row = get().rowAt(index);
    // A jump (Ctrl+End, PageDown) can land on a row whose page is still on its way: the focus
    // moves there now; what is selected waits for a click or key on the loaded row.
    if (!row) {
      set({ focusIndex: index });
      return;
    }
    if (mode === 'only') {
      set({ selected: new Set([row.id]), anchor: index, focusIndex: index, detailId: row.id });
    } else if (mode === 'toggle') {
      const next = new Set(selected);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      set({ selected: next, anchor: index, focusIndex: index });
    } else {
      const from = Math.min(anchor ?? index, index);
      const to = Math.max(anchor ?? index, index);
      const next = new Set<number>();
      for (let i = from; i <= to; i++) {
        const r = get().rowAt(i);
        if (r) next.add(r.id);
      }
      set({ selected: next, focusIndex: index });
    }
  },
  selectIds(ids) {
    set({ selected: new Set(ids) });
  },
  clearSelection() {
    set({ selected: new Set(), anchor: null });
  },
  open(id) {
    set({ detailId: id, preview: null });
  },
  showPreview(preview) {
    set({ preview });
  },
  setColumns(columns) {
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
    set({ columns });
  },
}));

export type { SearchHit };
