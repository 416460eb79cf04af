// Small line icons drawn inline, so they look the same on every PC (no emoji font needed).
const PATHS: Record<string, string> = {
  arsip: 'M3 6h6l2 2h10v11H3z M3 10h18',
  retensi: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M12 7v5l3 3',
  publikasi: 'M4 10v4h3l6 4V6L7 10z M16 9a4 4 0 0 1 0 6',
  sinkronisasi: 'M4 12a8 8 0 0 1 14-5l2 2 M20 5v4h-4 M20 12a8 8 0 0 1-14 5l-2-2 M4 19v-4h4',
  audit: 'M6 3h9l4 4v14H6z M9 11h7 M9 15h7 M9 7h4',
  pengaturan: 'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6 M12 2v3 M12 19v3 M2 12h3 M19 12h3 M5 5l2 2 M17 17l2 2 M5 19l2-2 M17 7l2-2',
  import: 'M12 3v12 M7 10l5 5l5-5 M4 19h16',
  search: 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12 M15 15l5 5',
  close: 'M6 6l12 12 M18 6L6 18',
};

export function Icon({ name, size = 18 }: { name: keyof typeof PATHS | string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}
