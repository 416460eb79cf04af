// Picks a classification code: type a code ("600.1") or words ("jalan"), or browse the tree.
// A combobox with a listbox, so it works with the keyboard and a screen reader. Only codes of the
// schemes in force can be chosen: text that names no code marks the input invalid
// (setCustomValidity), so the form around it cannot be sent; Enter never sends the form from here.
// Each code shows where it sits in the tree and the retention the JRA in force gives it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassificationCode, JraRule } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { pick } from '../../i18n/index.ts';

const TEXT = {
  unknown: { id: 'Kode ini tidak ada di skema klasifikasi. Pilih kode dari daftar.', en: 'This code is not in the classification scheme. Pick a code from the list.' },
  noRule: { id: 'belum ada aturan JRA', en: 'no JRA rule yet' },
  under: { id: 'di bawah', en: 'under' },
};

/** "2 th aktif + 3 th inaktif · Musnah" — the retention a code gets, as the JRA writes it. */
export function retentionLabel(rule: JraRule | null | undefined): string {
  if (!rule) return pick(TEXT.noRule);
  const years = pick({ id: `${rule.activeYears} th aktif + ${rule.inactiveYears} th inaktif`, en: `${rule.activeYears} y active + ${rule.inactiveYears} y inactive` });
  return `${years}${rule.trigger ? ` (${rule.trigger})` : ''} · ${rule.dispositionRaw}`;
}

interface Props {
  value: string | null;
  onChange(code: string | null): void;
  label: string;
  allowClear?: boolean;
  id?: string;
}

export function ClassificationPicker({ value, onChange, label, allowClear = true, id }: Props) {
  const { t } = useTranslation();
  const generated = useId();
  const inputId = id ?? `${generated}-input`;
  const listId = `${generated}-list`;
  const [text, setText] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ClassificationCode[]>([]);
  const [active, setActive] = useState(0);
  const [parent, setParent] = useState<string | null>(null);
  const [title, setTitle] = useState<{ code: string; title: string | null } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [rules, setRules] = useState<Map<string, JraRule | null>>(new Map());
  const [unknown, setUnknown] = useState(false);

  // The text follows the value when the value changes from outside (derived state, not an effect).
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setText(value ?? '');
  }

  useEffect(() => {
    if (!value) return;
    let live = true;
    void call('scheme.search', { query: value, limit: 1 }).then((r) => live && setTitle({ code: value, title: r[0]?.code === value ? r[0].title : null }));
    return () => {
      live = false;
    };
  }, [value]);
  const codeTitle = value && title?.code === value ? title.title : null;
  // A value that came from outside (the letter-number reader) but names no code of the scheme.
  const valueUnknown = !!value && title?.code === value && title.title === null;
  const invalid = unknown || valueUnknown;
  useEffect(() => {
    input.current?.setCustomValidity(invalid ? pick(TEXT.unknown) : '');
  }, [invalid]);

  // Retention for the codes on screen, asked once per code.
  useEffect(() => {
    const wanted = [...new Set([...options.map((o) => o.code), ...(value ? [value] : [])])].filter((c) => !rules.has(c));
    if (wanted.length === 0) return;
    let live = true;
    void call('retention.jra.forCodes', { codes: wanted.slice(0, 200) }).then(
      (found) => live && setRules((m) => new Map([...m, ...found.map((f) => [f.code, f.rule] as const)])),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [options, value, rules]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const query = text.trim();
    const request = query && query !== value ? call('scheme.search', { query, limit: 40 }) : call('scheme.children', { parent });
    void request.then((r) => {
      if (live) {
        setOptions(r);
        setActive(0);
      }
    });
    return () => {
      live = false;
    };
  }, [text, open, parent, value]);

  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const choose = (code: ClassificationCode) => {
    onChange(code.code);
    setText(code.code);
    setUnknown(false);
    setOpen(false);
    // The chosen code stays selected, so typing next replaces it rather than gluing onto it.
    window.requestAnimationFrame(() => {
      if (document.activeElement === input.current) input.current?.select();
    });
  };
  const clear = () => {
    setText('');
    setUnknown(false);
    setParent(null);
    if (value) onChange(null);
    input.current?.focus();
  };
  // Leaving the field: text that is exactly a listed code is taken; other text is no code.
  const settle = () => {
    const typed = text.trim();
    if (typed === (value ?? '')) return setUnknown(false);
    if (typed === '') {
      setUnknown(false);
      if (allowClear) onChange(null);
      return;
    }
    const exact = options.find((o) => o.code === typed);
    if (exact) choose(exact);
    else setUnknown(true);
  };

  return (
    <div className="picker" ref={box}>
      <label htmlFor={inputId}>{label}</label>
      <div className="picker-row">
        <input
          ref={input}
          id={inputId}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
          value={text}
          placeholder={t('picker.placeholder')}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${generated}-error` : undefined}
          onFocus={(e) => {
            // Typing replaces the code shown instead of gluing onto it ("000.1.1000.1.6").
            e.currentTarget.select();
            setOpen(true);
          }}
          onBlur={() => window.setTimeout(settle, 0)}
          onChange={(e) => {
            setText(e.target.value);
            setUnknown(false);
            setParent(null);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              setOpen(true);
              setActive((a) => Math.min(options.length - 1, a + 1));
              e.preventDefault();
            } else if (e.key === 'ArrowUp') {
              setActive((a) => Math.max(0, a - 1));
              e.preventDefault();
            } else if (e.key === 'ArrowRight' && options[active]?.hasChildren) {
              setParent(options[active]!.code);
              setText('');
              e.preventDefault();
            } else if (e.key === 'Enter') {
              // Enter picks the highlighted code; with nothing to pick it does nothing (never submits).
              e.preventDefault();
              if (open && options[active]) choose(options[active]!);
              else settle();
            } else if (e.key === 'Escape') setOpen(false);
          }}
        />
        {allowClear && (value || text) && (
          <button type="button" className="secondary small" onMouseDown={(e) => e.preventDefault()} onClick={clear} aria-label={t('picker.clear')}>
            ×
          </button>
        )}
      </div>
      {invalid && (
        <div className="field-error" id={`${generated}-error`} role="alert">
          {pick(TEXT.unknown)}
        </div>
      )}
      {codeTitle && !open && (
        <div className="picker-title">
          {codeTitle}
          {rules.has(value!) && <span className="picker-retention"> · {retentionLabel(rules.get(value!))}</span>}
        </div>
      )}
      {open && (
        <div className="picker-pop">
          {parent && (
            <button type="button" className="picker-up" onClick={() => setParent(parent.includes('.') ? parent.slice(0, parent.lastIndexOf('.')) : null)}>
              ← {parent}
            </button>
          )}
          <ul id={listId} role="listbox" aria-label={label}>
            {options.length === 0 && <li className="picker-empty">{t('picker.none')}</li>}
            {options.map((o, i) => (
              <li
                key={`${o.scheme}-${o.code}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                style={{ paddingLeft: `${8 + Math.min(o.depth, 5) * 10}px` }}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(o);
                }}
              >
                <span className="picker-option-main">
                  <span className="code">{o.code}</span> <span>{o.title}</span>
                  {o.scheme !== 'Permendagri 83/2022' && <span className="picker-scheme">{o.scheme}</span>}
                </span>
                <span className="picker-option-meta">
                  {o.parent && !parent && (
                    <span>
                      {pick(TEXT.under)} {o.parent} ·{' '}
                    </span>
                  )}
                  {rules.has(o.code) ? retentionLabel(rules.get(o.code)) : ''}
                </span>
                {o.hasChildren && (
                  <button
                    type="button"
                    className="picker-open"
                    aria-label={t('picker.children', { code: o.code })}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      setParent(o.code);
                      setText('');
                    }}
                  >
                    ›
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
