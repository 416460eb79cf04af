// Picks a classification code: type a code ("600.1") or words ("jalan"), or browse the tree.
// A combobox with a listbox, so it works with the keyboard and a screen reader.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassificationCode } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';

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
    setOpen(false);
  };

  return (
    <div className="picker" ref={box}>
      <label htmlFor={inputId}>{label}</label>
      <div className="picker-row">
        <input
          id={inputId}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
          value={text}
          placeholder={t('picker.placeholder')}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setText(e.target.value);
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
            } else if (e.key === 'Enter' && open && options[active]) {
              choose(options[active]!);
              e.preventDefault();
            } else if (e.key === 'Escape') setOpen(false);
          }}
        />
        {allowClear && value && (
          <button type="button" className="secondary small" onClick={() => onChange(null)} aria-label={t('picker.clear')}>
            ×
          </button>
        )}
      </div>
      {codeTitle && !open && <div className="picker-title">{codeTitle}</div>}
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
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(o);
                }}
              >
                <span className="code">{o.code}</span> <span>{o.title}</span>
                {o.scheme !== 'Permendagri 83/2022' && <span className="picker-scheme">{o.scheme}</span>}
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
