// The archive's OCR settings (settings table, key 'ocr'): on or off, the languages, and whether
// OCR runs right after import or only in idle time. Written with an audit entry; a stored value
// that no longer parses falls back to the defaults rather than stopping OCR.
import { OcrSettings } from '../../preload/contract/ocr.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting, writeSetting } from '../db/settings.ts';

const KEY = 'ocr';
export const DEFAULT_OCR_SETTINGS: OcrSettings = { enabled: true, languages: ['ind', 'eng'], when: 'import' };

export function ocrSettings(db: Db): OcrSettings {
  const stored = readSetting(db, KEY);
  if (stored === undefined) return DEFAULT_OCR_SETTINGS;
  try {
    const parsed = OcrSettings.safeParse(stored);
    return parsed.success ? parsed.data : DEFAULT_OCR_SETTINGS;
  } catch {
    return DEFAULT_OCR_SETTINGS;
  }
}

export function setOcrSettings(db: Db, actor: string, next: OcrSettings): OcrSettings {
  const value: OcrSettings = { ...next, languages: [...new Set(next.languages)] };
  db.transaction(() => {
    const before = ocrSettings(db);
    writeSetting(db, KEY, value);
    appendAudit(db, { actor, action: 'settings.ocr', entity: 'settings', entityId: KEY, before, after: value });
  })();
  return value;
}
