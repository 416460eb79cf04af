import { useEffect } from 'react';
import { AboutPanel } from '../features/about/AboutPanel.tsx';
import { ArchivePage } from '../features/archive/ArchivePage.tsx';
import { AreaIntro } from '../features/areas/AreaPlaceholder.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useFrame } from './store.ts';

export function App() {
  const { area, theme, aboutOpen } = useFrame();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="frame">
      <Sidebar />
      <main className="content" id="content">
        {area === 'arsip' ? <ArchivePage /> : <AreaIntro area={area} />}
      </main>
      {aboutOpen && <AboutPanel />}
    </div>
  );
}
