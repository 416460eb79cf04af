// The Electron shell: one window, the app:// protocol, IPC into the backend worker. Thin on purpose:
// every decision about data lives in the backend, every check of a call lives in the router.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../preload/api-types.ts';
import { archiveLayout } from '../archive/layout.ts';
import { createLogger } from '../log/logger.ts';
import { AppError } from '../errors.ts';
import { BackendClient } from '../host/backend-client.ts';
import { resolveFromProcess } from '../host/location.ts';
import { routeCall, type HostHandlers } from '../ipc/host-channels.ts';
import type { Sender } from '../kernel/calls.ts';
import { createPortalTokenVault, savePortalToken } from './portal-token.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { installSecurityGuards, secureWebPreferences } from './security.ts';
import { startUpdater, type RunningUpdater } from './updater.ts';

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
    backend = new BackendClient({ archiveDir, host: 'electron', documentUrlBase: 'app://bundle/documents/', scheduleBackups: true });
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
    const hostHandlers: HostHandlers = {
      'backup.restore': ({ name, force }, sender) => client.restore(name, force, sender),
      'dialog.pickPaths': async ({ kind }) => {
        const result = await dialog.showOpenDialog(window!, {
          properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
        });
        return result.canceled ? [] : result.filePaths;
      },
      'update.run': async ({ action }) => {
        if (!updates) return null;
        if (action === 'check') return updates.controller.checkAndMaybeDownload();
        if (action === 'install') await updates.controller.installNow();
        return updates.controller.status();
      },
    };
    ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) =>
      channel === 'portal.saveToken' ? savePortalToken(vault, backend!, input, senderOf(event)) : routeCall(backend!, hostHandlers, String(channel), input, senderOf(event)),
    );
    backend.onEvent((event) => window?.webContents.send(IPC_EVENT, event));

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
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    await window.loadURL('app://bundle/index.html');
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
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
