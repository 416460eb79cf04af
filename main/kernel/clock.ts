// The app's one notion of "today": the calendar day the machine's wall clock shows in its own time
// zone (exemption limits, retention due dates and register stamps are days as the user lives
// them, not UTC days). Pure; it must never import an area.
const pad = (n: number) => String(n).padStart(2, '0');

/** Today as YYYY-MM-DD in the machine's zone. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
