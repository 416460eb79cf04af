// The portal_settings row: where the pusher sends, how withdrawals work, the fail-safe threshold.
// Owns that table only. It must never accept or store a token: a patch carrying anything
// token-like is refused before it reaches SQL.
import type { Db } from '../db/connection.ts';
import { appendAudit } from '../audit/log.ts';
import { appError } from '../errors.ts';
import { slug, type WithdrawMode } from './adapter.ts';
import { clearPortalTrouble } from './outbox.ts';
import { sql } from '../db/statements.ts';

export interface PortalSettings {
  target: 'none' | 'ckan';
  url: string | null;
  organization: string | null;
  intervalMinutes: number;
  privateOnArrival: boolean;
  withdrawMode: WithdrawMode;
  withdrawFailSafePercent: number;
  withdrawFailSafeMin: number;
  maxResourceMb: number;
  tokenHeader: string;
  tokenFile: string | null;
  archiveKey: string;
  updatedAt: string;
}

export type PortalSettingsPatch = Partial<Omit<PortalSettings, 'archiveKey' | 'updatedAt'>>;

interface Row {
  target: 'none' | 'ckan';
  url: string | null;
  organization: string | null;
  interval_minutes: number;
  private_on_arrival: number;
  withdraw_mode: WithdrawMode;
  withdraw_fail_safe_percent: number;
  withdraw_fail_safe_min: number;
  max_resource_mb: number;
  token_header: string;
  token_file: string | null;
  archive_key: string;
  updated_at: string;
}

export function getPortalSettings(db: Db): PortalSettings {
  const row = sql(db, 'SELECT * FROM portal_settings WHERE id = 1').get() as Row;
  return {
    target: row.target,
    url: row.url,
    organization: row.organization,
    intervalMinutes: row.interval_minutes,
    privateOnArrival: row.private_on_arrival === 1,
    withdrawMode: row.withdraw_mode,
    withdrawFailSafePercent: row.withdraw_fail_safe_percent,
    withdrawFailSafeMin: row.withdraw_fail_safe_min,
    maxResourceMb: row.max_resource_mb,
    tokenHeader: row.token_header,
    tokenFile: row.token_file,
    archiveKey: row.archive_key,
    updatedAt: row.updated_at,
  };
}

const ALLOWED = new Set<keyof PortalSettingsPatch>([
  'target',
  'url',
  'organization',
  'intervalMinutes',
  'privateOnArrival',
  'withdrawMode',
  'withdrawFailSafePercent',
  'withdrawFailSafeMin',
  'maxResourceMb',
  'tokenHeader',
  'tokenFile',
]);

function invalid(id: string, en: string, details?: unknown): never {
  throw appError('validation', id, en, details);
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts a portal may be reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Checks a whole settings value; returns it normalised (URL without trailing slash). */
export function validateSettings(s: PortalSettings): PortalSettings {
  const out = { ...s };
  if (out.url !== null) {
    let url: URL;
    try {
      url = new URL(out.url.trim());
    } catch {
      return invalid(`Alamat portal "${out.url}" tidak sah.`, `The portal URL "${out.url}" is not valid.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid('Alamat portal harus diawali https://.', 'The portal URL must start with https://.');
    // Plain http would carry the API token and every record in clear text across the network;
    // only a portal on this very machine (a test portal, a local proxy) may be reached that way.
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      invalid(
        `Alamat portal "${out.url}" memakai http:// tanpa enkripsi: token API dan isi arsip akan terkirim terbuka. Pakai alamat https:// portal tersebut (http:// hanya untuk portal di komputer ini, mis. http://127.0.0.1).`,
        `The portal URL "${out.url}" uses unencrypted http://: the API token and the records would travel in clear text. Use the portal's https:// address (http:// is allowed only for a portal on this computer, e.g. http://127.0.0.1).`,
      );
    }
    if (url.username || url.password) {
      invalid('Alamat portal tidak boleh memuat nama pengguna atau sandi.', 'The portal URL must not carry a user name or password.');
    }
    if (url.search) invalid('Alamat portal tidak boleh memuat parameter (?…).', 'The portal URL must not carry query parameters (?…).');
    out.url = url.toString().replace(/\/+$/, '').replace(/\/api\/3(\/action)?$/, '');
  }
  if (out.organization !== null) {
    const org = out.organization.trim();
    if (!org || slug(org) !== org) {
      invalid(
        `Nama organisasi "${out.organization}" harus berupa slug CKAN (huruf kecil, angka, - dan _).`,
        `The organization "${out.organization}" must be a CKAN slug (lowercase letters, digits, - and _).`,
      );
    }
    out.organization = org;
  }
  if (out.target === 'ckan' && (!out.url || !out.organization)) {
    invalid('Portal CKAN butuh alamat dan organisasi.', 'A CKAN portal needs a URL and an organization.');
  }
  const intRange = (v: number, lo: number, hi: number, name: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) invalid(`${name} harus bilangan bulat ${lo}–${hi}.`, `${name} must be a whole number ${lo}–${hi}.`);
  };
  intRange(out.intervalMinutes, 1, 1440, 'interval');
  intRange(out.withdrawFailSafePercent, 0, 100, 'withdrawFailSafePercent');
  intRange(out.withdrawFailSafeMin, 1, 1_000_000, 'withdrawFailSafeMin');
  intRange(out.maxResourceMb, 1, 100_000, 'maxResourceMb');
  if (out.withdrawMode !== 'private' && out.withdrawMode !== 'delete') invalid('Mode penarikan: private atau delete.', 'Withdraw mode: private or delete.');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(out.tokenHeader)) invalid('Nama header token tidak sah.', 'The token header name is not valid.');
  return out;
}

/** Applies a patch, audits it, returns the new settings. */
export function setPortalSettings(db: Db, patch: PortalSettingsPatch, actor: string, at = new Date().toISOString()): PortalSettings {
  for (const key of Object.keys(patch)) {
    if (/token$/i.test(key) || /secret|password|apikey|api_key/i.test(key)) {
      invalid(
        'Token portal tidak pernah disimpan di basis data. Pakai BERKAS_PORTAL_TOKEN, berkas token milik Anda (chmod 600), atau penyimpanan aman aplikasi.',
        'The portal token is never stored in the database. Use BERKAS_PORTAL_TOKEN, an owner-only token file (chmod 600), or the app’s secure storage.',
      );
    }
    if (!ALLOWED.has(key as keyof PortalSettingsPatch)) invalid(`Pengaturan portal tidak dikenal: ${key}.`, `Unknown portal setting: ${key}.`);
  }
  return db.transaction(() => {
    const before = getPortalSettings(db);
    const next = validateSettings({ ...before, ...patch, updatedAt: at });
    sql(db, 
      `UPDATE portal_settings SET target = @target, url = @url, organization = @organization,
         interval_minutes = @intervalMinutes, private_on_arrival = @privateOnArrival, withdraw_mode = @withdrawMode,
         withdraw_fail_safe_percent = @withdrawFailSafePercent, withdraw_fail_safe_min = @withdrawFailSafeMin,
         max_resource_mb = @maxResourceMb, token_header = @tokenHeader, token_file = @tokenFile, updated_at = @updatedAt
       WHERE id = 1`,
    ).run({ ...next, privateOnArrival: next.privateOnArrival ? 1 : 0 });
    // A new destination starts with a clean slate: an old portal's trouble is not this one's.
    if (before.url !== next.url || before.target !== next.target || before.organization !== next.organization) {
      clearPortalTrouble(db);
    }
    const { updatedAt: _b, ...beforeAudit } = before;
    const { updatedAt: _n, ...afterAudit } = next;
    appendAudit(db, { actor, action: 'portal.configure', entity: 'portal', entityId: 'settings', before: beforeAudit, after: afterAudit, at });
    return next;
  })();
}
