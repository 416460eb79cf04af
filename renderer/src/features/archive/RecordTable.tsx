// The records list: a virtualized table over the whole archive. Only the rows in view (plus a
// margin) exist in the DOM, and rows are fetched from the main process a page at a time, so a
// million records scroll as smoothly as a hundred.
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordRow } from '../../../../preload/contract.ts';
import { formatDateCompact, formatDateTime, formatNumber } from '../../app/format.ts';
import { PAGE_SIZE, useArchive, type ColumnKey, type SortKey } from './store.ts';
import { useScaledRows } from './scaled-rows.ts';


const ROW_HEIGHT = 36;

const SORTABLE: Partial<Record<ColumnKey, SortKey>> = {
  letterDate: 'letterDate',
  subject: 'subject',
  classificationCode: 'classificationCode',
  createdAt: 'createdAt',
};

const WIDTHS: Record<ColumnKey, string> = {
  letterNumber: 'minmax(110px, 1.2fr)',
  letterDate: '105px',
  subject: 'minmax(170px, 3fr)',
  classificationCode: '140px',
  status: '80px',
  securityClass: '110px',
  medium: '100px',
  extractStatus: '135px',
  createdAt: '140px',
};

/** Narrowest each column may get (px); Perihal is kept at least SUBJECT_ROOM wide. */
const MIN: Record<ColumnKey, number> = { letterNumber: 110, letterDate: 105, subject: 170, classificationCode: 140, status: 80, securityClass: 110, medium: 100, extractStatus: 135, createdAt: 140 };
const SUBJECT_ROOM = 300;
/** Dropped first when the list is narrow (the detail pane open, a small screen); the rest stay. */
const DROP_ORDER: readonly ColumnKey[] = ['createdAt', 'medium', 'securityClass', 'extractStatus', 'status', 'letterNumber'];

/**
 * The chosen columns that fit the list's width with Perihal still readable: with the detail pane
 * open at 1366 px the subject would otherwise shrink to ~20 characters (issue 14.7).
 */
export function fittingColumns(columns: readonly ColumnKey[], width: number): ColumnKey[] {
  let shown = [...columns];
  const need = (cols: readonly ColumnKey[]) => cols.reduce((sum, c) => sum + (c === 'subject' ? SUBJECT_ROOM : MIN[c]), 0);
  for (const drop of DROP_ORDER) {
    if (width <= 0 || need(shown) <= width) break;
    if (shown.includes(drop) && shown.length > 1) shown = shown.filter((c) => c !== drop);
  }
  return shown;
}

function Cell({ column, row }: { column: ColumnKey; row: RecordRow }) {
  const { t } = useTranslation();
  switch (column) {
    case 'letterNumber':
      return <>{row.letterNumber ?? '—'}</>;
    case 'letterDate':
      return <>{formatDateCompact(row.letterDate)}</>;
    case 'subject':
      return <>{row.subject}</>;
    case 'classificationCode':
      return row.classificationCode ? <span className="code">{row.classificationCode}</span> : <span className="badge badge-warn">{t('arsip.unfiled')}</span>;
    case 'status':
      return <>{t(`arsip.status.${row.status}`)}</>;
    case 'securityClass':
      return <span className={`badge badge-sec-${row.securityClass}`}>{t(`arsip.security.${row.securityClass}`)}</span>;
    case 'medium':
      return <>{t(`arsip.medium.${row.medium}`)}</>;
    case 'extractStatus':
      return row.extractStatus ? <span className={`badge badge-text-${row.extractStatus}`}>{t(`arsip.text.${row.extractStatus}`)}</span> : <>—</>;
    case 'createdAt':
      return <>{formatDateTime(row.createdAt)}</>;
  }
}

export function RecordTable() {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const { total, columns: chosen, sort, direction, selected, focusIndex, version, pages } = useArchive();
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const columns = fittingColumns(chosen, width);
  const count = total ?? 0;
  const rows = useScaledRows({ count, rowHeight: ROW_HEIGHT, scroller, overscan: 12 });
  const items = rows.items;
  const template = columns.map((c) => WIDTHS[c]).join(' ');

  useEffect(() => {
    useArchive.getState().ensurePage(0);
  }, [version]);

  // Fetch the pages that the visible rows fall on.
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (count === 0) return;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) useArchive.getState().ensurePage(p);
  }, [first, last, count, version]);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [version]);

  const onRowClick = (index: number, event: MouseEvent) => {
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only';
    useArchive.getState().select(index, mode);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const state = useArchive.getState();
    const move = (to: number) => {
      const index = Math.max(0, Math.min(count - 1, to));
      state.select(index, event.shiftKey ? 'range' : 'only');
      rows.scrollToIndex(index);
      event.preventDefault();
    };
    if (event.key === 'ArrowDown' || event.key === 'j') move(state.focusIndex + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(state.focusIndex - 1);
    else if (event.key === 'PageDown') move(state.focusIndex + 15);
    else if (event.key === 'PageUp') move(state.focusIndex - 15);
    else if (event.key === 'Home' && event.ctrlKey) move(0);
    else if (event.key === 'End' && event.ctrlKey) move(count - 1);
    else if (event.key === ' ') {
      state.select(state.focusIndex, 'toggle');
      event.preventDefault();
    }
  };

  return (
 <div ref={frame} className="table" role="grid" aria-rowcount={count + 1} aria-label={t('arsip.tableLabel')} aria-multiselectable="true">
      <div className="table-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => {
          const sortKey = SORTABLE[c];
          const active = sortKey === sort;
          return (
            <div key={c} role="columnheader" aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined} className="th">
              {sortKey ? (
                <button type="button" className="th-button" onClick={() => useArchive.getState().setSort(sortKey)} data-sort={sortKey}>
                  {t(`arsip.column.${c}`)}
                  <span aria-hidden="true">{active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              ) : (
                t(`arsip.column.${c}`)
              )}
            </div>
          );
        })}
      </div>
      <div ref={scroller} className="table-body" tabIndex={0} onKeyDown={onKeyDown} data-testid="records-scroller">
        <div style={{ height: rows.height, position: 'relative' }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE_SIZE))?.[item.index % PAGE_SIZE];
            const isSelected = row ? selected.has(row.id) : false;
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={`tr${isSelected ? ' selected' : ''}${item.index === focusIndex ? ' focused' : ''}${item.index % 2 ? ' odd' : ''}`}
                style={{ transform: `translateY(${item.top}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}
                onClick={(e) => onRowClick(item.index, e)}
                data-record-id={row?.id}
              >
                {row ? (
                  columns.map((c) => (
                    <div key={c} role="gridcell" className={`td td-${c}`} title={c === 'subject' ? row.subject : undefined}>
                      <Cell column={c} row={row} />
                    </div>
                  ))
                ) : (
                  <div role="gridcell" className="td skeleton" />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="table-foot" aria-live="polite">
        {total === null ? t('arsip.loading') : t('arsip.count', { count: total, formatted: formatNumber(total) })}
        {selected.size > 1 && <span className="selection-count">{t('arsip.selected', { count: selected.size, formatted: formatNumber(selected.size) })}</span>}
      </div>
    </div>
  );
}
