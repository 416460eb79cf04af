// Opening a generated PDF (served from the archive through documents.url) or saving a copy to a
// folder the user names (retention.savePdf), for printing and signing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { useRetention } from './store.ts';
import './i18n.ts';

export function DocButtons({ documentId, name }: { documentId: number; name: string }) {
  const { t } = useTranslation();
  const { run } = useRetention();
  const [saving, setSaving] = useState(false);
  const [folder, setFolder] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const open = async () => {
    const result = await run(() => call('documents.url', { documentId }), { reload: false });
    if (result) window.open(result.url, '_blank', 'noopener');
  };
  return (
    <div className="rt-doc">
      <span className="rt-doc-name" title={name}>
        {name}
      </span>
      <button type="button" className="secondary" onClick={() => void open()}>
        {t('retensi.doc.open')}
      </button>
      <button type="button" className="secondary" onClick={() => setSaving(!saving)} aria-expanded={saving}>
        {t('retensi.doc.save')}
      </button>
      {saving && (
        <form
          className="rt-doc-save"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => call('retention.savePdf', { documentId, folder }), { reload: false }).then((r) => {
              if (r) {
                setSaved(r.path);
                setSaving(false);
              }
            });
          }}
        >
          <label>
            {t('retensi.doc.folder')}
            <input value={folder} onChange={(e) => setFolder(e.target.value)} required placeholder={t('retensi.doc.folderPlaceholder')} />
          </label>
          <button type="submit" className="primary">
            {t('retensi.doc.saveHere')}
          </button>
        </form>
      )}
      {saved && (
        <span className="rt-small rt-ok" role="status">
          {t('retensi.doc.savedTo', { path: saved })}
        </span>
      )}
    </div>
  );
}
