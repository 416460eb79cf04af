// Portal channels (the Sinkronisasi screen) → the portal service, and the in-memory token holder
// the hosts hand the token to. The token lives here only in memory: it is never written to the
// database, the audit log, a log file, an event or an answer; the audit records only that it was
// set or cleared. Where a token is kept for good is the host's business (Electron: main/electron/
// portal-token.ts; browser shell and CLI: BERKAS_PORTAL_TOKEN or an owner-only file).
import { isAbsolute, join } from 'node:path';
import type { Bilingual, PortalProgress, PortalSettingsPatch, PortalTokenInfo, portalChannels } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { AppError, appError } from '../errors.ts';
import type { HandlersFor } from '../kernel/calls.ts';
import { PortalError } from './adapter.ts';
import type { PortalService } from './service.ts';
import type { PortalSettings } from './settings.ts';
import { checkOwnerOnly, defaultTokenSource, envTokenSource, fileTokenSource, redactSecrets, TOKEN_ENV, type TokenSource } from './token.ts';

/** Same rule as the contract's PortalToken: a header value, one line of visible ASCII. */
const TOKEN_SHAPE = /^[\x21-\x7e]{8,4096}$/;

export interface PortalTokenHolder {
  /** Takes the token the host decrypted or the admin typed; null forgets it. Memory only. */
  set(token: string | null): void;
  has(): boolean;
  /** What the pusher asks, in order: the token held here, then BERKAS_PORTAL_TOKEN, then the token file. */
  sourceFor(settings: PortalSettings): TokenSource;
  /** Where the token would come from right now, for the screen. Never the token. */
  describe(settings: PortalSettings): Promise<PortalTokenInfo>;
}

function bilingualOf(error: unknown): Bilingual {
  if (error instanceof AppError) return error.messages;
  if (error instanceof PortalError) return error.messages;
  const text = error instanceof Error ? error.message : String(error);
  return { id: `Kesalahan internal: ${text}`, en: `Internal error: ${text}` };
}

/**
 * inApp: the host can keep a token for the user (Electron); then the screen's token field is the
 * first place named in "no token" messages. Otherwise only the environment and the file are named.
 */
export function createPortalTokenHolder(options: { inApp: boolean; initial?: string | null; env?: NodeJS.ProcessEnv }): PortalTokenHolder {
  const env = options.env ?? process.env;
  let held: string | null = null;
  const holder: PortalTokenHolder = {
    set(token) {
      if (token !== null && !TOKEN_SHAPE.test(token)) {
        throw appError(
          'validation',
          'Token portal tidak sah: harus satu baris karakter ASCII tanpa spasi (minimal 8).',
          'The portal token is malformed: it must be one line of ASCII without spaces (8 characters or more).',
        );
      }
      held = token;
    },
    has: () => held !== null,
    sourceFor(settings) {
      const fallback = defaultTokenSource(settings.tokenFile, env);
      return {
        description: options.inApp ? `Sinkronisasi → Token / ${fallback.description}` : fallback.description,
        async getToken() {
          return held ?? (await fallback.getToken());
        },
      };
    },
    async describe(settings) {
      if (held) return { present: true, source: 'app', problem: null };
      try {
        if (await envTokenSource(env).getToken()) return { present: true, source: 'environment', problem: null };
      } catch (error) {
        return { present: false, source: 'environment', problem: bilingualOf(error) };
      }
      if (settings.tokenFile) {
        try {
          if (await fileTokenSource(settings.tokenFile).getToken()) return { present: true, source: 'file', problem: null };
        } catch (error) {
          return { present: false, source: 'file', problem: bilingualOf(error) };
        }
      }
      return { present: false, source: null, problem: null };
    },
  };
  if (options.initial) holder.set(options.initial);
  return holder;
}

export interface PortalDeps {
  db: Db;
  service: PortalService;
  token: PortalTokenHolder;
  /** Only Electron can keep a token for the user (OS keychain through safeStorage). */
  host: 'electron' | 'browser-shell' | 'server';
  archiveDir: string;
  /** The backend's progress sink (events to the screen, the activity tracker). */
  progress: (event: PortalProgress) => void;
}

function trimOrNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const t = value.trim();
  return t === '' ? null : t;
}

export const TOKEN_ELSEWHERE: Bilingual = {
  id: `Di Berkas versi peramban dan di CLI, token portal tidak disimpan lewat layar ini. Setel variabel lingkungan ${TOKEN_ENV} sebelum Berkas dijalankan, atau simpan token di sebuah berkas yang hanya dapat dibaca pemiliknya (chmod 600) dan isi jalurnya di kolom "Berkas token".`,
  en: `In the browser shell and the CLI the portal token is not saved from this screen. Set the ${TOKEN_ENV} environment variable before starting Berkas, or put the token in a file only its owner can read (chmod 600) and enter its path under "Token file".`,
};

export function portalHandlers(deps: PortalDeps): HandlersFor<typeof portalChannels> {
  const { db, service, token } = deps;

  const view = async (settings: PortalSettings) => ({ ...settings, token: await token.describe(settings) });

  /** Every secret the pusher could be using, to scrub from what the portal echoes back. */
  async function secrets(): Promise<string[]> {
    try {
      const value = await token.sourceFor(service.settings()).getToken();
      return value ? [value] : [];
    } catch {
      return [];
    }
  }

  return {
    'portal.settings': () => view(service.settings()),

    'portal.saveSettings': async (input, ctx) => {
      const patch: PortalSettingsPatch = { ...input };
      if (input.url !== undefined) patch.url = trimOrNull(input.url) ?? null;
      if (input.organization !== undefined) patch.organization = trimOrNull(input.organization) ?? null;
      if (input.tokenFile !== undefined) {
        const file = trimOrNull(input.tokenFile) ?? null;
        if (file !== null) {
          if (!isAbsolute(file)) {
            throw appError('validation', `Jalur berkas token harus lengkap (mis. /home/ppid/.berkas-token), bukan "${file}".`, `The token file path must be absolute (e.g. /home/ppid/.berkas-token), not "${file}".`);
          }
          checkOwnerOnly(file); // a group-readable token file is refused now, not at 2 a.m. in the scheduled push
        }
        patch.tokenFile = file;
      }
      return view(await service.configure(patch, ctx.actor));
    },

    'portal.saveToken': ({ token: value }, ctx) => {
      if (deps.host !== 'electron') throw new AppError('validation', TOKEN_ELSEWHERE);
      token.set(value);
      db.transaction(() => {
        appendAudit(db, { actor: ctx.actor, action: 'portal.token', entity: 'portal', entityId: 'token', after: { token: value === null ? 'cleared' : 'set' } });
      })();
      if (value !== null) service.poke();
      // The Electron main process upgrades this to 'secure-storage' once the keychain holds it.
      return { stored: value === null ? 'cleared' : 'session-only' };
    },

    'portal.testConnection': async () => {
      try {
        const report = await service.testConnection();
        return { ok: true as const, ...report };
      } catch (error) {
        if (!(error instanceof PortalError) && !(error instanceof AppError)) throw error;
        const known = await secrets();
        const scrub = (s: string) => redactSecrets(s, known);
        const message = bilingualOf(error);
        return {
          ok: false as const,
          message: { id: scrub(message.id), en: scrub(message.en) },
          status: error instanceof PortalError ? (error.status ?? null) : null,
          portalSaid: error instanceof PortalError && error.portalMessage ? scrub(error.portalMessage) : null,
        };
      }
    },

    'portal.pushNow': async ({ wait, overrideRetryAfter }) => {
      // The loop's own runs report errors as events; a run started here must too, or the
      // activity tracker would think a push is still going.
      const run = service.pushNow({ ignoreBackoff: true, overrideRetryAfter: overrideRetryAfter === true }).catch((error: unknown) => {
        deps.progress({ type: 'error', message: bilingualOf(error) });
        throw error;
      });
      if (wait) return { summary: await run };
      run.catch(() => undefined);
      return { summary: null };
    },

    'portal.status': ({ states, recordIds, limit, offset }) =>
      service.status({ ...(states ? { states } : {}), ...(recordIds ? { recordIds } : {}), limit: limit ?? 100, offset: offset ?? 0 }),

    'portal.confirmWithdrawals': (_input, ctx) => {
      const result = service.confirmWithdrawals(ctx.actor);
      if (result.confirmed > 0) service.poke();
      return result;
    },

    'portal.retryParked': ({ recordIds }, ctx) => {
      const result = service.retryParked(recordIds, ctx.actor);
      if (result.requeued > 0) service.poke();
      return result;
    },

    'portal.queueApproved': (_input, ctx) => service.queueApproved(ctx.actor),

    // One fixed folder: the export is incremental (unchanged files are not copied again).
    'portal.exportCatalogue': () => service.exportCatalogue(join(deps.archiveDir, 'ekspor', 'katalog-dcat')),
  };
}
