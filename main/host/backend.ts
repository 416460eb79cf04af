// Composition: opens the archive and wires every service to the contract's handler table, once.
// Every host (Electron, browser shell, tests) gets its backend from here; the CLI uses the same
// services directly. Nothing here knows which host it serves beyond a name for the About panel.
import type { appChannels, Channel, Result } from '../../preload/contract.ts';
import { ensureDefaultScheme } from '../archive/defaults.ts';
import { archiveHandlers } from '../archive/handlers.ts';
import { offerDownloads } from './downloads.ts';
import { accountsHandlers, callContext } from '../accounts/handlers.ts';
import { readSavedSessions, Sessions } from '../accounts/sessions.ts';
import type { Archive } from '../archive/open.ts';
import { recordCount } from '../archive/stats.ts';
import { guardHandlers } from '../clearance/guard.ts';
import { auditHandlers } from '../audit/handlers.ts';
import { publicationHandlers } from '../publication/handlers.ts';
import { retentionHandlers } from '../retention/handlers.ts';
import { Extractor } from '../extract/extractor.ts';
import { LOCAL_SESSION, type Handlers, type HandlersFor, type Sender } from '../kernel/calls.ts';
import { handle, type Logger } from '../ipc/router.ts';
import { searchHandlers } from '../search/handlers.ts';
import { Indexer } from '../search/indexer.ts';
import { DocumentTokens, type ServableDocument } from '../kernel/document-tokens.ts';
import { Activity } from '../kernel/activity.ts';
import { EventBus, type AnyEvent } from '../kernel/events.ts';
import { recordMeetsClearance } from '../archive/queries.ts';
import { viewerFor, visibleSql } from '../clearance/viewer.ts';
import { Picks, type PickInput } from '../kernel/picks.ts';
import { dropFolderHandlers, dropFolderViews } from '../dropfolder/handlers.ts';
import { dropFolders } from '../dropfolder/settings.ts';
import { DropFolderWatcher } from '../dropfolder/watcher.ts';
import { backupRootFor, listBackups } from '../ops/backup.ts';
import { opsHandlers, startBackupSchedule } from '../ops/handlers.ts';
import { createPortalTokenHolder, portalHandlers } from '../portal/handlers.ts';
import type { PortalProgress } from '../portal/pusher.ts';
import { createPortalService, type PortalService } from '../portal/service.ts';
import { openComposedArchive, sweepBeforePush } from './compose.ts';
import { appVersion } from '../kernel/version.ts';
import { Presence } from '../kernel/presence.ts';
import { ocrHandlers } from '../ocr/handlers.ts';
import { OcrPool } from '../ocr/pool.ts';
import { OcrRunner } from '../ocr/runner.ts';

export interface BackendOptions {
  archiveDir: string;
  host: 'electron' | 'browser-shell' | 'server';
  /** Until accounts exist, every call acts as this local operator, holding every role. */
  actor?: string;
  /** Run the scheduled backups of the IT policy / defaults in this backend (the app does; tests don't). */
  scheduleBackups?: boolean;
  /** Where this host serves documents (default: the browser shell's /documents/). */
  documentUrlBase?: string;
  log?: Logger;
  /** The portal token the host keeps for the user (Electron), handed over in memory only. */
  portalToken?: string;
  /** OCR workers during bulk work (default cores − 1, at least 1) and resolution (tests use less). */
  ocrWorkers?: number;
  ocrDpi?: number;
  /** Per page (default 180 s); a page over it fails alone. */
  ocrPageTimeoutMs?: number;
  /** Drop folders: how often they are listed, and how long a file must stay unchanged (tests shorten both). */
  dropFolderPollMs?: number;
  dropFolderStableMs?: number;
  /** How long after the last input the user counts as active (default 15 s). */
  presenceWindowMs?: number;
  /** A server's sessions file: sessions are taken up from it at start and kept in it. */
  sessionsFile?: string;
  /** The audit anchor's key (base64) when the host keeps it (Electron: sealed by safeStorage);
   *  otherwise the owner-only key file in the per-user key folder is used. */
  auditKey?: string;
}

export interface Backend {
  readonly archive: Archive;
  readonly events: EventBus;
  readonly handlers: Handlers;
  readonly indexer: Indexer;
  readonly ocr: OcrRunner;
  readonly presence: Presence;
  readonly activity: Activity;
  readonly portal: PortalService;
  /** Hands the portal token over in memory (null forgets it); never stored by the backend. */
  setPortalToken(token: string | null): void;
  dispatch(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>>;
  /** The document behind a link, for the session that asks (`session`: sessionKeyOf of the sender). */
  resolveDocument(token: string, session?: string): ServableDocument | null;
  /** A host registers what the user picked in a dialog, dropped or uploaded; the renderer gets the handles. */
  registerPicks(inputs: readonly PickInput[], session?: string): string[];
  /** Whether someone is logged in in that session and it is not locked (events and uploads need it). */
  sessionOpen(session?: string): boolean;
  /** The session keys open now (a server sends events only to their clients). */
  openSessions(): string[];
  /** The open sessions an event may reach: the one its emitter named, else every open session
   *  whose user may see the record it names (the screens' own clearance rule), else all of them. */
  audienceOf(event: AnyEvent): string[];
  close(): Promise<void>;
}

/** The calls after which a server's sessions file is written again (who is signed in changed). */
const CHANGES_SESSION = new Set(['accounts.setup', 'accounts.login', 'accounts.unlock', 'accounts.lock', 'accounts.logout']);

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const archive = openComposedArchive(options.archiveDir, options.auditKey ? { auditKey: Buffer.from(options.auditKey, 'base64') } : {});
  // The audit head moves outside the database as entries are written: after every call, and every
  // few seconds for background writers (indexer, pusher, backups).
  const anchorTimer = setInterval(() => archive.anchor.advance(), 5000);
  anchorTimer.unref();
  const events = new EventBus();
  await ensureDefaultScheme(archive, 'system');
  const extractor = new Extractor();
  const indexer = new Indexer(archive, extractor);
  const activity = new Activity();
  const presence = new Presence(options.presenceWindowMs);
  const { db } = archive;
  const ocrPool = new OcrPool({ size: options.ocrWorkers, pageTimeoutMs: options.ocrPageTimeoutMs });
  const ocr = new OcrRunner(archive, ocrPool, {
    userActive: () => presence.active(),
    bulkSize: options.ocrWorkers,
    dpi: options.ocrDpi,
    onProgress: (progress) => events.emit('ocr.progress', progress),
  });
  indexer.afterExtract = (documentId, mime, status, pages, textless) => {
    if (ocr.planAfterExtraction(documentId, mime, status, pages, textless) > 0) ocr.kick();
  };
  // The login sessions: one for a desktop or shell, one per client of a server. Every call's user
  // comes from its sender's session (null before login).
  const sessions = new Sessions(db);
  const { sessionsFile } = options;
  if (sessionsFile) sessions.resume(readSavedSessions(sessionsFile));
  // Saved after every sign-in, lock and sign-out, and every minute for the idle clocks.
  const saveSessions = () => {
    if (!sessionsFile) return;
    try {
      sessions.saveTo(sessionsFile);
    } catch (error) {
      console.error('could not save the sessions file', error);
    }
  };
  const sessionTimer = sessionsFile ? setInterval(saveSessions, 60_000) : null;
  sessionTimer?.unref();
  // Document links and picked-file handles belong to the session that made them.
  const tokens = new DocumentTokens((key) => sessions.openGeneration(key));
  const picks = new Picks((key) => sessions.openGeneration(key));

  // The portal pusher: a run shows in the activity tracker (no update or backup mid-push), its
  // progress goes to the screens, and a new approval or withdrawal wakes it.
  const portalToken = createPortalTokenHolder({ inApp: options.host === 'electron', initial: options.portalToken ?? null });
  let endPush: (() => void) | null = null;
  const portalProgress = (event: PortalProgress) => {
    if (event.type === 'run-start') endPush ??= activity.begin('portal push');
    if (event.type === 'run-end' || event.type === 'error') {
      endPush?.();
      endPush = null;
    }
    events.emit('portal.progress', event);
  };
  const beforeRun = () => {
    if (sweepBeforePush(db).length) events.emit('publication.changed', { recordId: null, kind: 'withdrawn' });
  };
  const portal = createPortalService({ db, layout: archive.layout, actor: 'portal-pusher', tokenSource: (s) => portalToken.sourceFor(s), onProgress: portalProgress, beforeRun });
  events.subscribe((event) => {
    if (event.name === 'publication.changed' && (event.payload.kind === 'approved' || event.payload.kind === 'withdrawn')) portal.poke();
  });

  // The drop folders: files saved there are imported like a drop on the window (text extraction
  // and OCR follow), each outcome announced to the import panel and kept in the history.
  const dropWatcher = new DropFolderWatcher(archive, {
    actor: 'folder-pantau',
    pollMs: options.dropFolderPollMs,
    stableMs: options.dropFolderStableMs,
    onImported: (documentId) => indexer.enqueue([documentId]),
    onEntry: (entry) => events.emit('dropFolder.entry', entry),
    onState: (state) => {
      const view = dropFolderViews(db, dropWatcher).find((f) => f.path === state.path);
      if (view) events.emit('dropFolder.state', view);
    },
    log: (message, error) => console.error(message, error ?? ''),
  });
  dropWatcher.setFolders(dropFolders(db));

  const appHandlers: HandlersFor<typeof appChannels> = {
    // Public: before login only what the login screen needs, nothing about the archive.
    'app.info': (_input, ctx) =>
      ctx.user
        ? {
            version: appVersion(),
            archivePath: archive.layout.dir,
            databasePath: archive.layout.database,
            schemaVersion: archive.schemaVersion,
            host: options.host,
            // Counted for the caller: a record above their clearance is not counted.
            recordCount: recordCount(db, ctx.viewer),
          }
        : { version: appVersion(), archivePath: null, databasePath: null, schemaVersion: null, host: options.host, recordCount: null },
  };

  const handlers: Handlers = {
    ...appHandlers,
    ...archiveHandlers({ archive, events, indexer, tokens, picks, activity, ocr, documentUrlBase: options.documentUrlBase ?? '/documents/' }),
    ...searchHandlers({ db }),
    ...ocrHandlers({ db, runner: ocr, presence }),
    ...dropFolderHandlers({ db, watcher: dropWatcher, picks }),
    ...opsHandlers({ archive, events, activity }),
    ...accountsHandlers({ db, sessions }),
    ...publicationHandlers({ db, events, archiveDir: archive.layout.dir }),
    ...auditHandlers({ db, archiveDir: archive.layout.dir, anchor: archive.anchor }),
    // Retention and the portal build their answers from many records at once: the clearance guard
    // refuses inputs naming a record above the caller's clearance and drops such records from answers.
    ...guardHandlers(db, retentionHandlers({ archive, indexer, picks, backupRoot: () => backupRootFor(archive.layout.dir), listBackups })),
    ...guardHandlers(db, portalHandlers({ db, service: portal, token: portalToken, host: options.host, archiveDir: archive.layout.dir, progress: portalProgress })),
  };

  offerDownloads(handlers, tokens, options.documentUrlBase ?? '/documents/');

  // One prepared check per clearance condition (a handful of classes), shared by every session.
  const canSeeRecord = new Map<string, (id: number) => boolean>();
  const audienceOf = (event: AnyEvent): string[] => {
    const open = sessions.openKeys();
    if (event.session !== undefined) return open.filter((key) => key === event.session);
    const recordId = (event.payload as { recordId?: unknown }).recordId;
    // A drop-folder file that became no record (refused) still names the file: staff and admins only.
    if (event.name === 'dropFolder.entry' && recordId === null) {
      return open.filter((key) => sessions.of(key).state()?.user.roles.some((role) => role === 'staff' || role === 'admin'));
    }
    if (typeof recordId !== 'number') return open;
    return open.filter((key) => {
      const user = sessions.of(key).state()?.user;
      if (!user) return false;
      const visible = visibleSql(viewerFor(user));
      let check = canSeeRecord.get(visible);
      if (!check) canSeeRecord.set(visible, (check = recordMeetsClearance(db, visible)));
      return check(recordId);
    });
  };

  indexer.onIndexed = (event) => events.emit('document.indexed', event);
  indexer.resumePending();
  ocr.start();
  dropWatcher.start();
  portal.start();
  const stopBackups = options.scheduleBackups ? startBackupSchedule({ archive, events, activity }) : () => {};

  return {
    archive,
    events,
    handlers,
    indexer,
    ocr,
    presence,
    activity,
    portal,
    setPortalToken: (token) => portalToken.set(token),
    async dispatch(channel: Channel | string, input: unknown, sender: Sender) {
      const result = await handle(handlers, channel, input, callContext(sessions, channel, sender), options.log);
      archive.anchor.advance();
      if (CHANGES_SESSION.has(channel)) saveSessions();
      return result;
    },
    resolveDocument: (token, key = LOCAL_SESSION) => tokens.resolve(token, key),
    registerPicks: (inputs, key = LOCAL_SESSION) => picks.register(inputs, key),
    sessionOpen: (key = LOCAL_SESSION) => sessions.openGeneration(key) !== null,
    openSessions: () => sessions.openKeys(),
    audienceOf,
    async close() {
      clearInterval(anchorTimer);
      if (sessionTimer) clearInterval(sessionTimer);
      saveSessions();
      picks.clear();
      await dropWatcher.stop();
      await portal.stop();
      stopBackups();
      await ocr.close();
      await indexer.close();
      await extractor.close();
      await ocrPool.close();
      archive.close();
    },
  };
}
