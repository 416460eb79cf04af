// The Electron shell: one window, the app:// protocol, IPC into the backend worker. Thin on purpose:
// every decision about data lives in the backend, every check of a call lives in the router.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, shell, type IpcMainInvokeEvent } from 'electron';
import { IPC_DROP, IPC_EVENT, IPC_INVOKE } from '../../preload/api-types.ts';
import { archiveLayout } from '../archive/layout.ts';
import { createLogger } from '../log/logger.ts';
import { AppError } from '../errors.ts';
import { BackendClient } from '../host/backend-client.ts';
import { resolveFromProcess } from '../host/location.ts';
import { routeCall, type HostHandlers } from '../ipc/host-channels.ts';
import { isTrustedSender, LOCAL_SESSION, type Sender } from '../kernel/calls.ts';
import { createPortalTokenVault, savePortalToken } from './portal-token.ts';
import { loadSealedAuditKey } from './audit-key.ts';
import { defaultKeyDir } from '../audit/anchor.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { installSecurityGuards, secureWebPreferences } from './security.ts';
import { startUpdater, type RunningUpdater } from './updater.ts';
import { ExternalCopies } from './external-copies.ts';

const outDir = join(import.meta.dirname, '..');

registerAppScheme();
app.enableSandbox();
installSecurityGuards();

if (!app.requestSingleInstanceLock()) {
  // A second launch focuses the first window instead; it also keeps SQLite to one writer.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let backend: BackendClient | null = null;
  let updates: RunningUpdater | null = null;
  // Read-only copies handed to the system's programs, in an owner-only folder removed at quit.
  const externalCopies = new ExternalCopies(app.getPath('temp'));

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const senderOf = (event: IpcMainInvokeEvent): Sender => ({
    kind: 'electron',
    frameUrl: event.senderFrame?.url ?? '',
    isMainFrame: event.senderFrame != null && event.senderFrame.parent === null,
  });

  app.whenReady().then(async () => {
    const archiveDir = resolveFromProcess();
    // The audit anchor key, sealed by the OS keychain; without a real keychain the backend falls
    // back to the owner-only key file.
    const auditKey = await loadSealedAuditKey(defaultKeyDir(), safeStorage).catch(() => null);
    backend = new BackendClient({
      archiveDir,
      host: 'electron',
      documentUrlBase: 'app://bundle/documents/',
      scheduleBackups: true,
      ...(auditKey ? { auditKey: auditKey.toString('base64') } : {}),
    });
    const client = backend;
    handleAppProtocol(join(outDir, 'renderer'), (token) => client.resolveDocument(token));
    try {
      await backend.ready;
    } catch (error) {
      const text = error instanceof AppError ? `${error.messages.id}\n\n${error.messages.en}` : String(error);
      dialog.showErrorBox('Berkas', text);
      app.exit(1);
      return;
    }

    // The portal token: sealed by the OS keychain in the user-data folder, handed to the worker in memory.
    const vault = createPortalTokenVault(app.getPath('userData'), safeStorage);
    void vault.load().then((token) => token && client.setPortalToken(token), () => undefined);

    // The channels this host answers itself (contract/host.ts); routeCall checks them as the router would.
    // What the user chose in the dialog or dropped becomes handles in the backend; the page only
    // ever holds those, so import.start cannot be pointed at a path the user never picked.
    const handlesFor = async (paths: string[], kind: 'file' | 'folder' | null): Promise<string[]> => {
      const picks = paths.map((path) => ({ path, kind: kind ?? (statSync(path, { throwIfNoEntry: false })?.isDirectory() ? 'folder' : 'file') }) as const);
      const result = await client.registerPicks(picks);
      return result.ok ? result.value : [];
    };
    const hostHandlers: HostHandlers = {
      'backup.restore': ({ name, force }, sender) => client.restore(name, force, sender),
      'dialog.pick': async ({ kind }) => {
        const result = await dialog.showOpenDialog(window!, {
          properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
        });
        return result.canceled ? [] : handlesFor(result.filePaths, kind === 'folder' ? 'folder' : 'file');
      },
      'update.run': async ({ action }) => {
        if (!updates) return null;
        if (action === 'check') return updates.controller.checkAndMaybeDownload();
        if (action === 'install') await updates.controller.installNow();
        return updates.controller.status();
      },
      'document.openExternal': async ({ documentId }, sender) => {
        // The backend decides, as for a preview: clearance, the session, the audit entry.
        const link = await client.call('documents.url', { documentId, purpose: 'external' }, sender);
        if (!link.ok) throw new AppError(link.error.code, link.error.message, link.error.details);
        const doc = await client.resolveDocument(String((link.value as { url: string }).url).split('/').pop()!);
        if (!doc) return { opened: false };
        const copy = externalCopies.add(doc);
        const problem = await shell.openPath(copy);
        if (problem) throw new AppError('internal', { id: `Sistem tidak dapat membuka ${doc.name}: ${problem}`, en: `The system could not open ${doc.name}: ${problem}` });
        return { opened: true };
      },
    };
    ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) =>
      channel === 'portal.saveToken' ? savePortalToken(vault, backend!, input, senderOf(event)) : routeCall(backend!, hostHandlers, String(channel), input, senderOf(event)),
    );
    ipcMain.handle(IPC_DROP, async (event, paths: unknown) => {
      // From the preload's webUtils.getPathForFile: only files the user dropped or chose have a
      // path. Not a contract channel, so the page cannot send paths of its own here.
      if (!isTrustedSender(senderOf(event)) || !Array.isArray(paths)) return [];
      const dropped = paths.filter((p): p is string => typeof p === 'string' && p.length > 0 && isAbsolute(p)).slice(0, 10_000);
      return handlesFor(dropped, null);
    });
    backend.onEvent((event) => {
      if (event.audience && !event.audience.includes(LOCAL_SESSION)) return;
      window?.webContents.send(IPC_EVENT, { name: event.name, payload: event.payload });
    });

    const log = createLogger({ dir: archiveLayout(archiveDir).logs, echo: !app.isPackaged });
    updates = startUpdater({
      log,
      onStatus: (status) => window?.webContents.send(IPC_EVENT, { name: 'update.status', payload: status }),
      activity: () => backend?.activity() ?? { busy: false },
      beforeInstall: async () => {
        const closing = backend;
        backend = null;
        await closing?.close();
      },
    });

    window = new BrowserWindow({
      width: 1360,
      height: 860,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: 'Berkas',
      webPreferences: { ...secureWebPreferences, preload: join(outDir, 'preload', 'index.cjs') },
    });
    // "Simpan salinan": an export's download link (main/host/downloads.ts) always asks where to
    // save, starting in the user's Downloads folder with the export's own name.
    window.webContents.session.on('will-download', (_event, item) => {
      item.setSaveDialogOptions({ title: 'Simpan salinan', defaultPath: join(app.getPath('downloads'), item.getFilename()) });
    });
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    await window.loadURL('app://bundle/index.html');
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    externalCopies.removeAll();
    updates?.stop();
    updates = null;
    if (!backend) return;
    // Close the database cleanly (WAL checkpoint) before the process goes.
    event.preventDefault();
    const closing = backend;
    backend = null;
    void closing.close().finally(() => app.quit());
  });
}
