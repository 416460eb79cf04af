// The document viewer over the list, for the record that is open: the page a search hit named,
// with the searched words marked. Escape or the close button returns to the list.
import { useEffect, useState } from 'react';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { DocumentPreview } from '../preview/DocumentPreview.tsx';
import { useArchive } from './store.ts';

export default function PreviewPanel() {
  const { preview, detailId } = useArchive();
  const [document, setDocument] = useState<DocumentInfo | null>(null);

  useEffect(() => {
    if (!preview || !detailId) return;
    let live = true;
    void call('records.get', { id: detailId }).then((record) => {
      if (live) setDocument(record.documents.find((d) => d.id === preview.documentId) ?? null);
    });
    return () => {
      live = false;
    };
  }, [preview, detailId]);

  if (!preview || !document) return null;
  return (
    <div className="preview-overlay" role="region" aria-label={document.originalName}>
      <DocumentPreview key={`${document.id}-${preview.page ?? 0}-${preview.findText ?? ''}`} document={document} initialPage={preview.page} findText={preview.findText} onClose={() => useArchive.getState().showPreview(null)} />
    </div>
  );
}
