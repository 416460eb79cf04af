import { useEffect } from 'react';
import { AboutPanel } from '../features/about/AboutPanel.tsx';
import { ArchivePage } from '../features/archive/ArchivePage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { SessionGate } from '../features/login/SessionGate.tsx';
import { PublicationPage } from '../features/publication/PublicationPage.tsx';
import { AreaIntro } from '../features/areas/AreaPlaceholder.tsx';
import { PreviewRoute, usePreviewRoute } from '../features/preview/PreviewRoute.tsx';
import { RetentionPage } from '../features/retention/RetentionPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { SyncPage } from '../features/sync/SyncPage.tsx';
import { listenForImports } from '../features/archive/importStore.ts';
import { listenForOcr } from '../features/ocr/store.ts';
import { listenForDropFolders } from '../features/dropfolder/store.ts';
import { useImport } from '../features/archive/importStore.ts';
import { useArchive } from '../features/archive/store.ts';
import { reportPresence } from './presence.ts';
import { Sidebar } from './Sidebar.tsx';
import { Toasts } from './Toasts.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import { areasFor, useFrame } from './store.ts';
import { useSession } from '../features/login/store.ts';

// Nothing shows before login (first run: the admin setup); see features/login.
export function App() {
  return (
    <SessionGate>
      <AppFrame />
    </SessionGate>
  );
}

function AppFrame() {
  const { theme, aboutOpen } = useFrame();
  const roles = useSession((s) => s.status?.session?.user.roles) ?? [];
  // An area the user's roles cannot use is never shown, even if the previous user left it open.
  const wanted = useFrame((s) => s.area);
  const area = areasFor(roles).includes(wanted) ? wanted : 'arsip';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Import progress keeps arriving while the user is in another area.
  useEffect(() => listenForImports(), []);
  useEffect(() => listenForOcr(), []);
  // What a drop folder takes in shows in the import panel as it arrives (and in its history).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = listenForDropFolders((entry) => {
      useImport.getState().showDrops();
      // a new record: the list and its count take it in place, at most once a second
      if (entry.status === 'imported') timer ??= setTimeout(() => ((timer = null), useArchive.getState().reloadShown()), 1000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  // Background work (OCR in idle-time mode, the extraction pool) yields while someone types or clicks.
  useEffect(() => reportPresence(), []);
  // #/preview/<documentId>: one document, full window (support and tests).
  const preview = usePreviewRoute();
  if (preview) return <PreviewRoute target={preview} />;
  return (
    <div className="frame">
      <Sidebar />
      <main className="content" id="content">
        <UpdateBanner />
        {area === 'arsip' ? <ArchivePage /> : area === 'retensi' ? <RetentionPage /> : area === 'pengaturan' ? <SettingsPage /> : area === 'publikasi' ? <PublicationPage /> : area === 'audit' ? <AuditPage /> : area === 'sinkronisasi' ? <SyncPage /> : <AreaIntro area={area} />}
      </main>
      {aboutOpen && <AboutPanel />}
      <Toasts />
    </div>
  );
}
