// The retention dashboard: counts per queue as cards a clerk reads at a glance, records falling due
// in each of the next 12 months, and the archive by status and by top-level classification code.
// Plain SVG and CSS bars: nothing to download, nothing to animate.
import { useTranslation } from 'react-i18next';
import type { RetentionDashboard } from '../../../../preload/contract.ts';
import { i18next } from '../../i18n/index.ts';
import { formatDay, formatCount } from './format.ts';
import { useRetention, type Tab } from './store.ts';
import './i18n.ts';

const ACTIONS = ['transfer', 'destroy', 'handover', 'reappraise'] as const;

function Card(props: { label: string; value: number; sub?: string; tone?: 'danger' | 'warning' | 'ok' | 'info'; onClick?: () => void; testId: string }) {
  return (
    <button type="button" className={`rt-card ${props.tone ? `rt-tone-${props.tone}` : ''}`} onClick={props.onClick} data-testid={props.testId}>
      <span className="rt-card-value">{formatCount(props.value)}</span>
      <span className="rt-card-label">{props.label}</span>
      {props.sub && <span className="rt-card-sub">{props.sub}</span>}
    </button>
  );
}

function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const name = new Date(Date.UTC(y, m - 1, 1)).toLocaleString(i18next.language === 'en' ? 'en-GB' : 'id-ID', { month: 'short', timeZone: 'UTC' });
  return `${name} ${String(y).slice(2)}`;
}

/** A round step for the axis: 1, 2 or 5 times a power of ten, never below 1. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const unit = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return Math.max(1, unit * power);
}

function MonthChart({ data }: { data: RetentionDashboard['perMonth'] }) {
  const { t } = useTranslation();
  const totals = data.map((m) => ACTIONS.reduce((n, a) => n + m[a], 0));
  const step = niceStep(Math.max(1, ...totals) / 4);
  const max = Math.ceil(Math.max(1, ...totals) / step) * step;
  const width = 720;
  const height = 200;
  const pad = { top: 16, bottom: 34, left: 36, right: 8 };
  const slot = (width - pad.left - pad.right) / data.length;
  const scale = (v: number) => (v / max) * (height - pad.top - pad.bottom);
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  if (totals.every((n) => n === 0)) return <p className="rt-empty">{t('retensi.dash.nothingComing')}</p>;
  return (
    <figure className="rt-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('retensi.dash.perMonthAria', { total: totals.reduce((a, b) => a + b, 0) })}>
        {ticks.map((v) => {
          const y = height - pad.bottom - scale(v);
          return (
            <g key={v}>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} className="rt-grid" />
              <text x={pad.left - 6} y={y + 4} textAnchor="end" className="rt-axis">
                {v}
              </text>
            </g>
          );
        })}
        {data.map((m, i) => {
          let y = height - pad.bottom;
          const x = pad.left + i * slot + slot * 0.18;
          return (
            <g key={m.month}>
              {ACTIONS.map((a) => {
                const h = scale(m[a]);
                y -= h;
                return h > 0 ? (
                  <rect key={a} x={x} y={y} width={slot * 0.64} height={h} className={`rt-bar-${a}`}>
                    <title>{`${monthLabel(m.month)}: ${t(`retensi.action.${a}`)} ${m[a]}`}</title>
                  </rect>
                ) : null;
              })}
              {totals[i]! > 0 && (
                <text x={x + slot * 0.32} y={y - 4} textAnchor="middle" className="rt-axis">
                  {totals[i]}
                </text>
              )}
              <text x={x + slot * 0.32} y={height - pad.bottom + 16} textAnchor="middle" className="rt-axis">
                {monthLabel(m.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="rt-legend">
        {ACTIONS.map((a) => (
          <span key={a}>
            <i className={`rt-swatch rt-bar-${a}`} />
            {t(`retensi.action.${a}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function HBars({ rows, label }: { rows: { key: string; label: string; count: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="rt-hbars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key}>
          <span className="rt-hbar-label">{r.label}</span>
          <span className="rt-hbar-track">
            <span className="rt-hbar-fill" style={{ width: `${(r.count / max) * 100}%` }} />
          </span>
          <span className="rt-hbar-value">{formatCount(r.count)}</span>
        </li>
      ))}
    </ul>
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  const { dashboard: d, setTab } = useRetention();
  if (!d) return null;
  const go = (tab: Tab) => () => setTab(tab);
  const records = (n: number) => t('retensi.dash.records', { count: n });
  const openCases = d.openCases.transfer + d.openCases.destruction + d.openCases.handover;
  return (
    <div className="rt-dashboard">
      <p className="rt-muted">
        {d.version
          ? t('retensi.dash.version', { name: d.version.name, id: d.version.id, date: formatDay(d.version.appliedAt) })
          : t('retensi.dash.noVersion')}{' '}
        {t('retensi.dash.asOf', { date: formatDay(d.asOf) })}
      </p>
      <section aria-label={t('retensi.dash.cardsAria')} className="rt-cards">
        <Card testId="card-transfer" label={t('retensi.dash.cardTransfer')} value={d.due.transfer} sub={records(d.dueRecords.transfer)} tone="info" onClick={go('antrean')} />
        <Card testId="card-destroy" label={t('retensi.dash.cardDestroy')} value={d.due.destroy} sub={records(d.dueRecords.destroy)} tone="danger" onClick={go('antrean')} />
        <Card testId="card-handover" label={t('retensi.dash.cardHandover')} value={d.due.handover} sub={records(d.dueRecords.handover)} tone="ok" onClick={go('antrean')} />
        <Card testId="card-reappraise" label={t('retensi.dash.cardReappraise')} value={d.due.reappraise} sub={records(d.dueRecords.reappraise)} tone="warning" onClick={go('antrean')} />
        <Card testId="card-hold" label={t('retensi.dash.cardHold')} value={d.activeHolds} sub={records(d.heldRecords)} onClick={go('penahanan')} />
        <Card testId="card-norule" label={t('retensi.dash.cardNoRule')} value={d.noRule} sub={d.awaitingEvent ? t('retensi.dash.awaitingEvent', { count: d.awaitingEvent }) : t('retensi.dash.files')} onClick={go('antrean')} />
        <Card testId="card-cases" label={t('retensi.dash.cardCases')} value={openCases} sub={t('retensi.dash.casesSub', { d: d.openCases.destruction, t: d.openCases.transfer, h: d.openCases.handover })} onClick={go('pemusnahan')} />
        <Card testId="card-unfiled" label={t('retensi.dash.cardUnfiled')} value={d.unfiledRecords} sub={t('retensi.dash.unfiledSub')} />
      </section>
      <section className="rt-panel">
        <h2>{t('retensi.dash.perMonth')}</h2>
        <p className="rt-muted rt-small">{t('retensi.dash.perMonthHint')}</p>
        <MonthChart data={d.perMonth} />
      </section>
      <div className="rt-two">
        <section className="rt-panel">
          <h2>{t('retensi.dash.byStatus')}</h2>
          <HBars label={t('retensi.dash.byStatus')} rows={d.byStatus.map((s) => ({ key: s.status, label: t(`retensi.status.${s.status}`, { defaultValue: s.status }), count: s.count }))} />
        </section>
        <section className="rt-panel">
          <h2>{t('retensi.dash.byCode')}</h2>
          <HBars label={t('retensi.dash.byCode')} rows={d.byCode.map((c) => ({ key: c.code ?? '-', label: c.code ?? t('retensi.dash.noCode'), count: c.count }))} />
        </section>
      </div>
    </div>
  );
}
