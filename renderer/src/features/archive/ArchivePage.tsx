// Arsip: where staff live all day — find, import, file, read. Keyboard first: '/' or Ctrl+F
// searches, Ctrl+I imports, J/K or arrows move through records, Enter opens the preview.
import { lazy, Suspense, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, host } from '../../api.ts';
import { EmptyState } from '../../app/EmptyState.tsx';
import { Icon } from '../../app/icons.tsx';
import { BulkEditDialog } from './BulkEditDialog.tsx';
import { DetailPane } from './DetailPane.tsx';
import { FilesDialog } from './FilesDialog.tsx';
import { FilterBar } from './FilterBar.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { useImport } from './importStore.ts';
import { RecordForm } from './RecordForm.tsx';
import { RecordTable } from './RecordTable.tsx';
import { SearchResults } from './SearchResults.tsx';
import { useArchive } from './store.ts';

const PreviewPanel = lazy(() => import('./PreviewPanel.tsx'));

export function ArchivePage() {
  const { t } = useTranslation();
  const { total, filter, query, selected, preview } = useArchive();
  const [text, setText] = useState(query);
  const [creating, setCreating] = useState(false);
  const [bulk, setBulk] = useState<number[] | null>(null);
  const [filesOpen, setFilesOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const startImport = async (kind: 'files' | 'folder') => {
    const native = await useImport.getState().pick(kind);
    if (!native) (kind === 'folder' ? folderInput : fileInput).current?.click();
  };
  // Debounced search as the user types.
  useEffect(() => {
    const timer = setTimeout(() => void useArchive.getState().runSearch(text), 250);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
      if (document.querySelector('dialog[open]')) return;
      if ((e.key === '/' && !typing) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f')) {
        searchBox.current?.focus();
        searchBox.current?.select();
        e.preventDefault();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'i') {
        void startImport('files');
        e.preventDefault();
      } else if (e.key === 'Escape' && useArchive.getState().preview) {
        useArchive.getState().showPreview(null);
      } else if (e.key === 'Enter' && !typing && target.closest('.table-body')) {
        const id = useArchive.getState().detailId;
        if (id) void call('records.get', { id }).then((r) => r.documents[0] && useArchive.getState().showPreview({ documentId: r.documents[0].id }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);



  // A hand scanner types a folder label's QR (the file number, or BERKAS-<id>) and Enter: when
  // that names a file, show its records instead of searching for the text.
  const lookUpLabel = async (typed: string) => {
    const code = typed.trim();
    if (!code || !/[/]|^BERKAS-\d+$/i.test(code)) return;
    try {
      const file = await call('files.lookup', { code });
      setText('');
      useArchive.getState().showFile(file);
    } catch {
      // Not a label: the text stays a search.
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void useImport.getState().startFromFiles([...event.dataTransfer.files]);
  };

  const selectAll = async () => {
    const { filter: f, sort, direction } = useArchive.getState();
    const { ids } = await call('records.ids', { filter: f, sort, direction, limit: 10_000 });
    useArchive.getState().selectIds(ids);
  };

  const empty = total === 0 && Object.keys(filter).length === 0 && !query;

  return (
    <div
      className={`page archive${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="page-header">
        <h1>{t('nav.arsip')}</h1>
        <div className="search-box" role="search">
          <Icon name="search" />
          <input
            ref={searchBox}
            type="search"
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setText('');
              else if (e.key === 'Enter') void lookUpLabel(text);
            }}
          />
        </div>
        <button type="button" className="primary" onClick={() => void startImport('files')} title="Ctrl+I">
          <Icon name="import" /> {t('import.files')}
        </button>
        <button type="button" className="secondary" onClick={() => void startImport('folder')}>
          {t('import.folder')}
        </button>
        <button type="button" className="secondary" onClick={() => setCreating(true)}>
          {t('arsip.new')}
        </button>
        <button type="button" className="secondary" onClick={() => setFilesOpen(true)}>
          {t('files.title')}
        </button>
        <input ref={fileInput} type="file" multiple hidden data-testid="import-files-input" onChange={(e) => void useImport.getState().startFromFiles([...(e.target.files ?? [])]).then(() => (e.target.value = ''))} />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          data-testid="import-folder-input"
          {...({ webkitdirectory: '' } as Record<string, string>)}
          onChange={(e) => void useImport.getState().startFromFiles([...(e.target.files ?? [])]).then(() => (e.target.value = ''))}
        />
      </header>
      <FilterBar />
      <div className="archive-body">
        <div className="archive-main">
          {empty ? (
            <EmptyState title={t('empty.arsipTitle')} body={t('empty.arsipBody')}>
              <button type="button" className="primary" onClick={() => void startImport('files')}>
                {t('import.files')}
              </button>
              {host() === 'browser-shell' && <p className="hint">{t('import.shellHint')}</p>}
            </EmptyState>
          ) : query.trim() ? (
            <SearchResults />
          ) : (
            <>
              {/* One row of fixed height holds the selection tools: a click never pushes the list down,
                  and bulk editing is offered only once more than one record is chosen (issue 14.7). */}
              <div className="list-tools">
                {selected.size > 1 && (
                  <div className="selection-bar" role="region" aria-label={t('arsip.selectionLabel')}>
                    <span>{t('arsip.selected', { count: selected.size, formatted: selected.size.toLocaleString() })}</span>
                    <button type="button" className="primary small" onClick={() => setBulk([...selected])}>
                      {t('bulk.open')}
                    </button>
                    <button type="button" className="secondary small" onClick={() => useArchive.getState().clearSelection()}>
                      {t('arsip.clearSelection')}
                    </button>
                  </div>
                )}
                <button type="button" className="link-inline" onClick={() => void selectAll()}>
                  {t('arsip.selectAll')}
                </button>
              </div>
              <RecordTable />
            </>
          )}
          {/* Docked under the list, not over it: the last rows and the counter stay readable. */}
          <ImportPanel />
        </div>
        <DetailPane />
      </div>
      {preview && (
        <Suspense fallback={null}>
          <PreviewPanel />
        </Suspense>
      )}
      {dragging && <div className="drop-hint">{t('import.drop')}</div>}
      {creating && (
        <RecordForm
          record={null}
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            useArchive.getState().refresh();
            useArchive.getState().open(saved.id);
          }}
        />
      )}
      {bulk && (
        <BulkEditDialog
          ids={bulk}
          onClose={() => setBulk(null)}
          onDone={() => {
            setBulk(null);
            useArchive.getState().refresh();
          }}
        />
      )}
      {filesOpen && <FilesDialog onClose={() => setFilesOpen(false)} />}
    </div>
  );
}
