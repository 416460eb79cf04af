// Areas whose screens arrive with later work show what they are for and what to do first.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState.tsx';
import type { Area } from '../../app/store.ts';

export function AreaIntro({ area }: { area: Exclude<Area, 'arsip'> }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t(`nav.${area}`)}</h1>
      </header>
      <EmptyState title={t(`empty.${area}Title`)} body={t(`empty.${area}Body`)} />
    </div>
  );
}
