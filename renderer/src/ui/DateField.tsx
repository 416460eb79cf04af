// One date input for every form: the clerk types the date the way it is written on the letter
// (day first), or picks it from the calendar. Chromium's <input type="date"> shows the OS locale's
// order (mm/dd/yyyy on many PCs), which reads 12/01/2026 as 12 January; this field never does.
// An unreadable entry keeps the text, says what to write, and marks the input invalid
// (setCustomValidity), so a form cannot be sent with it.
import { useEffect, useRef, useState } from 'react';
import { pick } from '../i18n/index.ts';
import { parseTypedDate, toTypedDate, type DateParse } from './dates.ts';

const MESSAGES = {
  format: { id: 'Tulis tanggal sebagai HH/BB/TTTT, misalnya 01/12/2026.', en: 'Write the date as DD/MM/YYYY, for example 01/12/2026.' },
  formatPartial: {
    id: 'Tulis tanggal sebagai HH/BB/TTTT, BB/TTTT atau TTTT (bila hanya tahun yang diketahui).',
    en: 'Write the date as DD/MM/YYYY, MM/YYYY or YYYY (when only the year is known).',
  },
  invalid: { id: 'Tanggal itu tidak ada di kalender.', en: 'That date does not exist in the calendar.' },
  partial: { id: 'Isi tanggal lengkap: hari, bulan dan tahun.', en: 'Give the full date: day, month and year.' },
  calendar: { id: 'Pilih dari kalender', en: 'Pick from the calendar' },
};

export function dateMessage(result: DateParse, partial: boolean): string | null {
  if (result.ok) return null;
  if (result.reason === 'format') return pick(partial ? MESSAGES.formatPartial : MESSAGES.format);
  return pick(MESSAGES[result.reason]);
}

interface Props {
  id: string;
  value: string | null | undefined;
  /** Called with the ISO value (or null when emptied) whenever the text reads as a date. */
  onChange(value: string | null): void;
  /** Allow YYYY-MM and YYYY when only part of the date is known. */
  partial?: boolean;
  required?: boolean;
  /** An error from the form (e.g. "in the future"), shown when the text itself is fine. */
  error?: string;
  'aria-label'?: string;
  className?: string;
}

export function DateField({ id, value, onChange, partial = false, required, error, className, ...aria }: Props) {
  const [text, setText] = useState(toTypedDate(value));
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const calendar = useRef<HTMLInputElement>(null);

  // A value set from outside (the letter-number reader, a reset) replaces the text, unless the
  // text already means that value. Adjusted while rendering, as React advises for derived state.
  const [seen, setSeen] = useState(value ?? null);
  if ((value ?? null) !== seen) {
    setSeen(value ?? null);
    const current = parseTypedDate(text, { partial });
    if (!current.ok || current.value !== (value ?? null)) {
      setText(toTypedDate(value));
      setProblem(null);
    }
  }

  useEffect(() => {
    input.current?.setCustomValidity(problem ?? '');
  }, [problem]);

  const typed = (next: string) => {
    setText(next);
    const result = parseTypedDate(next, { partial });
    if (result.ok) {
      setProblem(null);
      if (result.value !== (value ?? null)) onChange(result.value);
    }
  };
  // Complaints wait until the user leaves the field: half-typed dates are not errors.
  const settle = () => setProblem(dateMessage(parseTypedDate(text, { partial }), partial));

  const shown = problem ?? error ?? null;
  const errorId = `${id}-error`;
  return (
    <span className={`date-field${shown ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <input
        ref={input}
        id={id}
        inputMode="numeric"
        autoComplete="off"
        placeholder={pick({ id: 'HH/BB/TTTT', en: 'DD/MM/YYYY' })}
        value={text}
        required={required}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? errorId : undefined}
        onChange={(e) => typed(e.target.value)}
        onBlur={settle}
        {...aria}
      />
      <button
        type="button"
        className="date-field-calendar"
        title={pick(MESSAGES.calendar)}
        aria-label={pick(MESSAGES.calendar)}
        onClick={() => {
          const el = calendar.current;
          if (!el) return;
          el.value = value && value.length === 10 ? value : '';
          try {
            el.showPicker();
          } catch {
            el.focus();
          }
        }}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5" />
        </svg>
      </button>
      {/* The OS calendar only as a picker: its own text, in the OS order, is never shown. */}
      <input
        ref={calendar}
        type="date"
        className="date-field-native"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          if (!e.target.value) return;
          setText(toTypedDate(e.target.value));
          setProblem(null);
          onChange(e.target.value);
        }}
      />
      {shown && (
        <span className="field-error" id={errorId} role="alert">
          {shown}
        </span>
      )}
    </span>
  );
}
