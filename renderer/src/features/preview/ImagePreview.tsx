// Image preview (JPEG, PNG, GIF, WebP): the browser decodes the image from the document URL; this
// component only zooms, fits and rotates it. It never copies the pixels anywhere.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../preload/contract.ts';
import { DocumentFacts } from './DocumentFacts.tsx';
import { PreviewIcon } from './icons.tsx';
import { nextZoom } from './store.ts';

const MARGIN = 32;

export function ImagePreview({ document, url }: { document: DocumentInfo; url: string }) {
  const { t } = useTranslation();
  const stageRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [fit, setFit] = useState(true);
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);

  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setBox({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(stage);
    return () => observer.disconnect();
  }, [failed]);

  if (failed) {
    return (
      <section className="pv-panel pv-problem" aria-labelledby="pv-image-problem">
        <h2 id="pv-image-problem">
          <PreviewIcon name="warning" size={22} />
          {t('preview.image.failedTitle')}
        </h2>
        <p role="alert">{t('preview.image.failedBody')}</p>
        <h3>{t('preview.facts.title')}</h3>
        <DocumentFacts document={document} />
      </section>
    );
  }

  const turned = rotation % 180 !== 0;
  const rotatedWidth = natural ? (turned ? natural.height : natural.width) : 0;
  const rotatedHeight = natural ? (turned ? natural.width : natural.height) : 0;
  const fitZoom = natural && box.width > 0 ? Math.max(0.05, Math.min(1, (box.width - MARGIN) / rotatedWidth, (box.height - MARGIN) / rotatedHeight)) : 1;
  const scale = fit ? fitZoom : zoom;

  return (
    <div className="pv-image">
      <div className="pv-toolbar" role="group" aria-label={t('preview.toolbar')}>
        <div className="pv-zoom">
          <button type="button" className="pv-tool" aria-label={t('preview.zoomOut')} title={t('preview.zoomOut')} onClick={() => { setFit(false); setZoom(nextZoom(scale, -1)); }}>
            <PreviewIcon name="zoomOut" />
          </button>
          <output className="pv-zoom-value" aria-label={t('preview.zoomLevel')}>{Math.round(scale * 100)}%</output>
          <button type="button" className="pv-tool" aria-label={t('preview.zoomIn')} title={t('preview.zoomIn')} onClick={() => { setFit(false); setZoom(nextZoom(scale, 1)); }}>
            <PreviewIcon name="zoomIn" />
          </button>
          <button type="button" className="pv-tool pv-tool-text" aria-pressed={fit} aria-label={t('preview.image.fit')} title={t('preview.image.fit')} onClick={() => setFit(true)}>
            <PreviewIcon name="fitPage" />
            <span>{t('preview.image.fit')}</span>
          </button>
          <button type="button" className="pv-tool pv-tool-text" aria-pressed={!fit && zoom === 1} aria-label={t('preview.image.actualSize')} title={t('preview.image.actualSize')} onClick={() => { setFit(false); setZoom(1); }}>
            <span>100%</span>
          </button>
        </div>
        <span className="pv-sep" />
        <button type="button" className="pv-tool" aria-label={t('preview.rotate')} title={t('preview.rotate')} onClick={() => setRotation((rotation + 90) % 360)}>
          <PreviewIcon name="rotate" />
        </button>
        {natural && (
          <span className="pv-image-size">
            {natural.width} × {natural.height} px
          </span>
        )}
      </div>
      <div ref={stageRef} className="pv-image-stage" tabIndex={0} role="region" aria-label={t('preview.pagesRegion', { name: document.originalName })}>
        {!natural && (
          <p className="pv-loading-inline" role="status">
            {t('preview.loading')}
          </p>
        )}
        <div className="pv-image-frame" style={natural ? { width: rotatedWidth * scale, height: rotatedHeight * scale } : undefined}>
          <img
            className={natural ? 'pv-image-img' : 'pv-image-img pv-hidden'}
            src={url}
            alt={t('preview.image.alt', { name: document.originalName })}
            draggable={false}
            style={natural ? { width: natural.width * scale, height: natural.height * scale, transform: `translate(-50%, -50%) rotate(${rotation}deg)` } : undefined}
            onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            onError={() => setFailed(true)}
          />
        </div>
      </div>
    </div>
  );
}
