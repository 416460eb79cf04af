// Update decisions, kept apart from Electron so they run under plain Node in tests: what the IT
// policy allows (feed, channel, pin, downgrade), when a download may start, when an install may
// start, and the few states a user sees. The Electron glue (main/electron/updater.ts) only builds
// the real AppUpdater and forwards the states. It never imports electron-updater: the shapes it
// needs of the updater are declared below, and main/electron/updater.ts (the only importer of
// electron-updater) hands the real AppUpdater in, which fits them.
import type { Bilingual } from '../../preload/contract.ts';
import { appError } from '../errors.ts';
import type { PolicyLoad, UpdatePolicy } from './update-policy.ts';

// ── the part of electron-updater's AppUpdater this module drives (structural, so the real one fits) ──

export interface UpdateInfo {
  readonly version: string;
}

export interface ProgressInfo {
  readonly percent: number;
}

export interface UpdateCheckResult {
  readonly isUpdateAvailable: boolean;
  readonly updateInfo: UpdateInfo;
}

export interface AppUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  readonly currentVersion: { readonly version: string };
  // A method, so electron-updater's narrower parameter type (its own UpdateInfo) still fits.
  isUpdateSupported(info: UpdateInfo): boolean | Promise<boolean>;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  on(event: 'download-progress', listener: (info: ProgressInfo) => void): unknown;
  checkForUpdates(): Promise<UpdateCheckResult | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export type UpdateStatus =
  | { state: 'idle'; message: Bilingual; latest?: string; checkedAt?: string }
  | { state: 'checking'; message: Bilingual }
  | { state: 'available'; version: string; message: Bilingual }
  | { state: 'downloading'; version: string; percent: number; message: Bilingual }
  | { state: 'ready'; version: string; message: Bilingual }
  | { state: 'error'; message: Bilingual; code?: string }
  | { state: 'disabled'; message: Bilingual };

export type UpdateState = UpdateStatus['state'];

export const status = {
  idle: (latest?: string, checkedAt?: string, note?: Bilingual): UpdateStatus => ({
    state: 'idle',
    message: note ?? (latest ? { id: `Berkas sudah versi terbaru (${latest}).`, en: `Berkas is up to date (${latest}).` } : { id: 'Belum diperiksa.', en: 'Not checked yet.' }),
    ...(latest ? { latest } : {}),
    ...(checkedAt ? { checkedAt } : {}),
  }),
  checking: (): UpdateStatus => ({ state: 'checking', message: { id: 'Memeriksa pembaruan…', en: 'Checking for updates…' } }),
  available: (version: string): UpdateStatus => ({
    state: 'available',
    version,
    message: { id: `Pembaruan tersedia: versi ${version}.`, en: `Update available: version ${version}.` },
  }),
  downloading: (version: string, percent: number): UpdateStatus => {
    const p = Math.max(0, Math.min(100, Math.floor(percent)));
    return { state: 'downloading', version, percent: p, message: { id: `Mengunduh… ${p}%`, en: `Downloading… ${p}%` } };
  },
  ready: (version: string): UpdateStatus => ({
    state: 'ready',
    version,
    message: { id: `Siap — mulai ulang untuk memasang versi ${version}.`, en: `Ready — restart to install version ${version}.` },
  }),
  error: (message: Bilingual, code?: string): UpdateStatus => ({ state: 'error', message, ...(code ? { code } : {}) }),
  disabled: (message: Bilingual): UpdateStatus => ({ state: 'disabled', message }),
};

/** What the rest of the app is doing; an install would kill it mid-way. */
export interface Activity {
  busy: boolean;
  /** e.g. 'impor 120 berkas' — shown to the user as the reason to wait. */
  reason?: string;
}

export interface UpdaterOptions {
  /** The feed URL baked into the build (resources/app-update.yml), if any. */
  bakedFeedUrl?: string | null;
  /** Updates are off for a reason outside the policy (e.g. a development run); shown as 'disabled'. */
  disabledReason?: Bilingual;
  onStatus?: (status: UpdateStatus) => void;
  /** The busy guard: imports, destruction runs and portal pushes report here. */
  activity?: () => Activity;
  /** Runs before the installer takes over: close the database cleanly (WAL checkpoint). */
  beforeInstall?: () => Promise<void>;
  now?: () => Date;
}

export interface UpdateController {
  /** Null when updates may run; otherwise why not (shown as the 'disabled' state). */
  readonly disabledReason: Bilingual | null;
  readonly policyWarnings: readonly string[];
  status(): UpdateStatus;
  /** Asks the feed; downloads only an update the policy allows (pin, downgrade). Never throws. */
  checkAndMaybeDownload(options?: { download?: boolean }): Promise<UpdateStatus>;
  canInstallNow(): { ok: true } | { ok: false; reason: Bilingual };
  /** Quits and runs the downloaded installer; refuses (AppError) while busy or when nothing is ready. */
  installNow(): Promise<void>;
  /** Periodic checks (policy checkIntervalHours, default 6 h); returns the stop function. */
  schedule(options?: { firstDelayMs?: number }): () => void;
}

export const DEFAULT_CHECK_INTERVAL_HOURS = 6;
const PLACEHOLDER_HOST = /\.invalid$/i;

function normalizeVersion(version: string): string {
  return version.trim().replace(/^v/i, '');
}

function compareVersions(a: string, b: string): number {
  // Enough for x.y.z[-pre]; electron-updater does the full semver comparison itself.
  const [coreA = '', preA] = normalizeVersion(a).split('-', 2);
  const [coreB = '', preB] = normalizeVersion(b).split('-', 2);
  const pa = coreA.split('.').map(Number);
  const pb = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

// The build ships a .invalid placeholder until IT sets a real server; treat it as "none".
function isPlaceholder(url: string): boolean {
  try {
    return PLACEHOLDER_HOST.test(new URL(url).hostname);
  } catch {
    return true;
  }
}

/** The update part of the policy as it applies, or why updates are off. */
export function effectiveUpdatePolicy(load: PolicyLoad, bakedFeedUrl?: string | null): { policy: UpdatePolicy; feedUrl: string } | { disabled: Bilingual } {
  if (load.kind === 'invalid') return { disabled: load.error.messages };
  const policy: UpdatePolicy = load.kind === 'ok' ? load.policy.updates : { enabled: true };
  if (!policy.enabled) return { disabled: { id: 'Pembaruan otomatis dimatikan oleh kebijakan TI.', en: 'Automatic updates are turned off by the IT policy.' } };
  const feedUrl = policy.url ?? bakedFeedUrl ?? null;
  if (!feedUrl || isPlaceholder(feedUrl)) {
    return {
      disabled: {
        id: 'Belum ada server pembaruan: TI perlu mengisi updates.url di berkas kebijakan (lihat docs/for-it.md).',
        en: 'No update server is configured: IT needs to set updates.url in the policy file (see docs/for-it.md).',
      },
    };
  }
  return { policy, feedUrl };
}

function explain(error: unknown, feedUrl: string | null): UpdateStatus {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ERR_CHECKSUM_MISMATCH':
      return status.error(
        { id: 'Berkas pembaruan yang diunduh tidak cocok dengan checksum di server, jadi ditolak. Beri tahu TI: berkas di server pembaruan mungkin rusak atau diganti.', en: 'The downloaded update does not match the checksum published on the server, so it was rejected. Tell IT: the file on the update server may be damaged or replaced.' },
        code,
      );
    case 'ERR_UPDATER_INVALID_SIGNATURE':
      return status.error(
        { id: 'Pembaruan tidak ditandatangani oleh penerbit Berkas, jadi ditolak. Beri tahu TI.', en: 'The update is not signed by the Berkas publisher, so it was rejected. Tell IT.' },
        code,
      );
    case 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND':
    case 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND':
      return status.error(
        { id: `Server pembaruan ${feedUrl ?? ''} tidak menyediakan latest.yml untuk sistem ini. Beri tahu TI.`, en: `The update server ${feedUrl ?? ''} has no latest.yml for this system. Tell IT.` },
        code,
      );
    default:
      return status.error(
        { id: `Tidak dapat memeriksa pembaruan di ${feedUrl ?? 'server'}: ${text}. Coba lagi nanti atau beri tahu TI.`, en: `Cannot check for updates at ${feedUrl ?? 'the server'}: ${text}. Try again later or tell IT.` },
        typeof code === 'string' ? code : undefined,
      );
  }
}

/**
 * Applies the policy to an AppUpdater and returns the controller the hosts use. Safe defaults
 * first: nothing downloads or installs on its own, and no downgrade unless the policy says so.
 */
export function configureUpdater(updater: AppUpdater, load: PolicyLoad, options: UpdaterOptions = {}): UpdateController {
  const now = options.now ?? (() => new Date());
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;

  const effective = options.disabledReason ? { disabled: options.disabledReason } : effectiveUpdatePolicy(load, options.bakedFeedUrl);
  const disabledReason = 'disabled' in effective ? effective.disabled : null;
  const policy = 'disabled' in effective ? null : effective.policy;
  const feedUrl = 'disabled' in effective ? null : effective.feedUrl;
  const pin = policy?.pinnedVersion ? normalizeVersion(policy.pinnedVersion) : null;
  const allowDowngrade = policy?.allowDowngrade === true;

  if (policy) {
    if (policy.url) {
      updater.setFeedURL({ provider: 'generic', url: policy.url, channel: policy.channel ?? 'latest' });
    } else if (policy.channel) {
      updater.channel = policy.channel;
    }
    // Setting a channel quietly turns allowDowngrade on inside electron-updater; only the policy may.
    updater.allowDowngrade = allowDowngrade;
    if (pin) {
      // Pinning works inside electron-updater's own decision, so a non-pinned version is never even
      // "available" and cannot be downloaded by any path.
      const supported = updater.isUpdateSupported;
      updater.isUpdateSupported = async (info: UpdateInfo) => normalizeVersion(info.version) === pin && (await supported(info));
    }
  }

  let current: UpdateStatus = disabledReason ? status.disabled(disabledReason) : status.idle();
  let pendingVersion: string | null = null;
  const set = (next: UpdateStatus): UpdateStatus => {
    current = next;
    options.onStatus?.(next);
    return next;
  };

  updater.on('download-progress', (info: ProgressInfo) => {
    if (pendingVersion) set(status.downloading(pendingVersion, info.percent));
  });

  let running: Promise<UpdateStatus> | null = null;

  async function run(download: boolean): Promise<UpdateStatus> {
    if (disabledReason) return set(status.disabled(disabledReason));
    if (current.state === 'ready' || current.state === 'downloading') return current;
    set(status.checking());
    let result: UpdateCheckResult | null;
    try {
      result = await updater.checkForUpdates();
    } catch (error) {
      return set(explain(error, feedUrl));
    }
    if (result == null) {
      return set(status.disabled({ id: 'Pembaruan hanya berjalan pada Berkas yang terpasang (bukan versi pengembangan).', en: 'Updates only run in an installed Berkas (not a development build).' }));
    }
    const offered = normalizeVersion(result.updateInfo.version);
    const checkedAt = now().toISOString();
    if (!result.isUpdateAvailable) {
      const pinned = pin && offered !== pin && offered !== normalizeVersion(updater.currentVersion.version);
      return set(
        status.idle(
          normalizeVersion(updater.currentVersion.version),
          checkedAt,
          pinned
            ? { id: `Versi ${offered} tersedia di server, tetapi TI mengunci pembaruan pada versi ${pin}.`, en: `Version ${offered} is on the server, but IT pinned updates to version ${pin}.` }
            : undefined,
        ),
      );
    }
    // Checked again here although electron-updater already applied both rules: a download is the
    // one step that must never happen against the policy.
    if (pin && offered !== pin) return set(status.idle(normalizeVersion(updater.currentVersion.version), checkedAt));
    if (!allowDowngrade && compareVersions(offered, updater.currentVersion.version) < 0) {
      return set(status.idle(normalizeVersion(updater.currentVersion.version), checkedAt));
    }
    set(status.available(offered));
    if (!download) return current;
    pendingVersion = offered;
    set(status.downloading(offered, 0));
    try {
      await updater.downloadUpdate();
    } catch (error) {
      pendingVersion = null;
      return set(explain(error, feedUrl));
    }
    pendingVersion = null;
    return set(status.ready(offered));
  }

  function canInstallNow(): { ok: true } | { ok: false; reason: Bilingual } {
    if (current.state !== 'ready') {
      return { ok: false, reason: { id: 'Belum ada pembaruan yang siap dipasang.', en: 'No update is ready to install.' } };
    }
    const activity = options.activity?.() ?? { busy: false };
    if (activity.busy) {
      const why = activity.reason ?? 'pekerjaan lain';
      return {
        ok: false,
        reason: {
          id: `Pembaruan belum dapat dipasang karena sedang berjalan: ${why}. Tunggu sampai selesai, lalu mulai ulang.`,
          en: `The update cannot be installed while this is running: ${activity.reason ?? 'other work'}. Wait until it finishes, then restart.`,
        },
      };
    }
    return { ok: true };
  }

  const controller: UpdateController = {
    disabledReason,
    policyWarnings: load.kind === 'ok' ? load.warnings : [],
    status: () => current,
    checkAndMaybeDownload(opts = {}) {
      if (running) return running;
      running = run(opts.download ?? true).finally(() => {
        running = null;
      });
      return running;
    },
    canInstallNow,
    async installNow() {
      const verdict = canInstallNow();
      if (!verdict.ok) {
        throw appError(current.state === 'ready' ? 'busy' : 'conflict', verdict.reason.id, verdict.reason.en);
      }
      await options.beforeInstall?.();
      updater.quitAndInstall(false, true);
    },
    schedule(opts = {}) {
      if (disabledReason) return () => {};
      const every = (policy?.checkIntervalHours ?? DEFAULT_CHECK_INTERVAL_HOURS) * 3_600_000;
      let timer: NodeJS.Timeout | null = null;
      let stopped = false;
      const tick = (delay: number) => {
        timer = setTimeout(() => {
          void controller.checkAndMaybeDownload().finally(() => {
            if (!stopped) tick(every);
          });
        }, delay);
        timer.unref();
      };
      tick(opts.firstDelayMs ?? 60_000);
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      };
    },
  };
  return controller;
}
