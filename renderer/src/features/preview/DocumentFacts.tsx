// What Berkas knows about a document without opening it: name, type, size, import date, pages and
// the state of its searchable text. Shown beside every preview and instead of one that cannot be
// drawn, so a clerk always learns something useful. Reads only the DocumentInfo it is given.
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../preload/contract.ts';

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
};

function typeName(mime: string, plainText: string): string {
  const name = mime.startsWith('text/') ? plainText : TYPE_NAMES[mime];
  return name ? `${name} (${mime})` : mime;
}

export function formatSize(bytes: number, locale: string): string {
  const number = (n: number, digits: number) => n.toLocaleString(locale, { maximumFractionDigits: digits });
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${number(value, value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function DocumentFacts({ document, compact = false }: { document: DocumentInfo; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  return (
    <dl className={compact ? 'pv-facts pv-facts-compact' : 'pv-facts'} data-testid="preview-facts">
      <dt>{t('preview.facts.name')}</dt>
      <dd className="pv-facts-name">{document.originalName}</dd>
      <dt>{t('preview.facts.type')}</dt>
      <dd>{typeName(document.mime, t('preview.facts.plainText'))}</dd>
      <dt>{t('preview.facts.size')}</dt>
      <dd>{formatSize(document.size, locale)}</dd>
      <dt>{t('preview.facts.imported')}</dt>
      <dd>{formatDateTime(document.importedAt, locale)}</dd>
      {document.pages !== null && (
        <>
          <dt>{t('preview.facts.pages')}</dt>
          <dd>{document.pages.toLocaleString(locale)}</dd>
        </>
      )}
      <dt>{t('preview.facts.text')}</dt>
      <dd>
        <span className={`pv-text-status pv-text-${document.extractStatus}`}>{t(`preview.textStatus.${document.extractStatus}`)}</span>
        {document.extractDetail && <span className="pv-facts-detail"> — {document.extractDetail}</span>}
      </dd>
    </dl>
  );
}
