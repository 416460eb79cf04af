// The Publikasi screen: proposals waiting for a second person's decision, what is live, the
// public-information classification of records, the DIP and DIK with their exports, and the
// notice that the DIP needs updating (after a classification change or a lapsed exemption).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { formatDateTime } from '../../app/format.ts';
import { pick } from '../../i18n/index.ts';
import { useRoles } from '../login/store.ts';
import { BerkalaPanel } from './Berkala.tsx';
import { ClassificationPanel } from './Classification.tsx';
import { HistoryPanel, LivePanel } from './Decisions.tsx';
import { ProposalsPanel } from './Proposals.tsx';
import { DikPanel, DipPanel } from './Registers.tsx';
import { TABS, listenForPublicationChanges, usePublication } from './store.ts';
import './publication.css';
import './i18n.ts';

export function PublicationPage() {
  const { t } = useTranslation();
  const { tab, setTab, message, clearMessage, loadNotices } = usePublication();
  useEffect(() => {
    void loadNotices();
    return listenForPublicationChanges();
  }, [loadNotices]);
  return (
    <div className="page pub-page">
      <header className="page-header">
        <h1>{t('nav.publikasi')}</h1>
      </header>
      <DipNotice />
      <BerkalaNotice />
      <nav className="pub-tabs" role="tablist" aria-label={t('nav.publikasi')}>
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'pub-tab active' : 'pub-tab'} onClick={() => setTab(name)}>
            {t(`publikasi.tabs.${name}`)}
          </button>
        ))}
      </nav>
      {message && (
        <div className={message.ok ? 'pub-message ok' : 'pub-message error'} role={message.ok ? 'status' : 'alert'}>
          <span>{pick(message.text)}</span>
          <button type="button" className="secondary small" onClick={clearMessage}>
            {t('publikasi.dismiss')}
          </button>
        </div>
      )}
      <div className="pub-body" role="tabpanel">
        {tab === 'usulan' ? (
          <ProposalsPanel />
        ) : tab === 'terbit' ? (
          <LivePanel />
        ) : tab === 'klasifikasi' ? (
          <ClassificationPanel />
        ) : tab === 'berkala' ? (
          <BerkalaPanel />
        ) : tab === 'dip' ? (
          <DipPanel />
        ) : tab === 'dik' ? (
          <DikPanel />
        ) : (
          <HistoryPanel />
        )}
      </div>
    </div>
  );
}

/** The banner other screens (the dashboard) can show too: the DIP has changes to send. */
export function DipNotice() {
  const { t } = useTranslation();
  const { notices, attempt } = usePublication();
  const supervisor = useRoles().includes('supervisor');
  const [open, setOpen] = useState(false);
  if (!notices || notices.changes.length === 0) return null;
  return (
    <div className="pub-notice" role="status" data-testid="dip-notice">
      <div className="pub-notice-line">
        <strong>{t('publikasi.notices.title')}</strong>
        <span>{t('publikasi.notices.body', { count: notices.changes.length })}</span>
        {notices.lapsed > 0 && <span>{t('publikasi.notices.lapsed', { count: notices.lapsed })}</span>}
        <span className="spacer" />
        <button type="button" className="link-inline" onClick={() => setOpen(!open)}>
          {open ? t('publikasi.notices.hide') : t('publikasi.notices.show')}
        </button>
        {supervisor && (
          <button type="button" className="secondary small" onClick={() => void attempt(() => call('publication.acknowledgeNotices', { ids: notices.changes.map((c) => c.id) }))}>
            {t('publikasi.notices.done')}
          </button>
        )}
      </div>
      {open && (
        <ul className="pub-notice-list">
          {notices.changes.map((c) => (
            <li key={c.id}>
              <span className="badge">{t(`publikasi.notices.reason.${c.reason}`)}</span> {c.subject}
              {c.detail && <span className="hint"> — {c.detail}</span>} <span className="hint">({formatDateTime(c.createdAt)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Berkala items not refreshed for six months (UU 14/2008 Pasal 9): the reminder on this screen. */
export function BerkalaNotice() {
  const { t } = useTranslation();
  const { notices, setTab } = usePublication();
  if (!notices || notices.berkalaDue === 0) return null;
  return (
    <div className="pub-notice" role="status" data-testid="berkala-notice">
      <div className="pub-notice-line">
        <strong>{t('publikasi.berkala.noticeTitle')}</strong>
        <span>{t('publikasi.berkala.dueCount', { count: notices.berkalaDue })}</span>
        <span className="spacer" />
        <button type="button" className="link-inline" onClick={() => setTab('berkala')}>
          {t('publikasi.berkala.show')}
        </button>
      </div>
    </div>
  );
}
