import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState.tsx';

export function ArchivePage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.arsip')}</h1>
      </header>
      <EmptyState title={t('empty.arsipTitle')} body={t('empty.arsipBody')} />
    </div>
  );
}
