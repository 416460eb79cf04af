// The preview toolbar's line icons, drawn inline like the app frame's (no icon font, no emoji).
const PATHS = {
  thumbnails: 'M4 4h6v7H4z M4 14h6v6H4z M13 5h7 M13 9h7 M13 15h7 M13 19h5',
  up: 'M6 15l6-6l6 6',
  down: 'M6 9l6 6l6-6',
  zoomIn: 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12 M15 15l5 5 M7 10h6 M10 7v6',
  zoomOut: 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12 M15 15l5 5 M7 10h6',
  fitWidth: 'M4 5v14 M20 5v14 M7 12h10 M10 9l-3 3l3 3 M14 9l3 3l-3 3',
  fitPage: 'M6 3h12v18H6z M9 8h6 M9 12h6 M9 16h4',
  rotate: 'M20 11a8 8 0 1 0-2.3 5.7 M20 4v7h-7',
  search: 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12 M15 15l5 5',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M12 11v6 M12 7.5v.5',
  close: 'M6 6l12 12 M18 6L6 18',
  external: 'M14 4h6v6 M20 4l-9 9 M18 14v6H4V6h6',
  lock: 'M6 11h12v10H6z M9 11V8a3 3 0 0 1 6 0v3',
  warning: 'M12 3l10 18H2z M12 10v5 M12 18v.5',
} as const;

export type IconName = keyof typeof PATHS;

export function PreviewIcon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
