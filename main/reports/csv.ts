// The one CSV cell writer for every export (audit trail, DIP/DIK, handover list). Quotes what
// needs quoting, and neutralises a text cell that a spreadsheet would run as a formula — one that
// starts with = + - @, a tab or a carriage return (=HYPERLINK(…) in a subject or a user name typed
// at the login screen) — by prefixing an apostrophe, the OWASP "CSV injection" rule. Numbers are
// written as they are. Never drops or shortens a value.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n\t]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
