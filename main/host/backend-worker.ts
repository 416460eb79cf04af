// Runs the backend on a worker thread so SQLite queries and imports never block the Electron main
// thread (which routes IPC and paints window chrome) or the browser shell's HTTP loop.
// Messages: call → result, event (pushed), ready / fatal at start.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { toErrorValue } from '../ipc/router.ts';
import { createBackend, type Backend, type BackendOptions } from './backend.ts';
import type { WorkerRequest, WorkerResponse } from './backend-protocol.ts';

const port = parentPort;
if (!port) throw new Error('backend-worker must run in a worker thread');

const post = (message: WorkerResponse) => port.postMessage(message);

let backend: Backend;
let openBefore: string[] = [];

/** Tells the host when sessions open or close, so it can end their event streams on lock or logout. */
function noteSessions(): void {
  const open = backend.openSessions().sort();
  if (open.length !== openBefore.length || open.some((key, i) => key !== openBefore[i])) {
    openBefore = open;
    post({ type: 'sessions', open });
  }
}
try {
  backend = await createBackend(workerData as BackendOptions);
  // Events carry record subjects and file names: they reach the window only while a session is open.
  backend.events.subscribe((event) => {
    noteSessions();
    const audience = backend.audienceOf(event);
    if (audience.length > 0) post({ type: 'event', event: { ...event, audience } });
  });
  backend.activity.onChange = (state) => post({ type: 'activity', state });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'fatal', error: error instanceof AppError ? error.toValue() : toErrorValue(error, 'startup') });
  process.exit(1);
}

port.on('message', async (message: WorkerRequest) => {
  switch (message.type) {
    case 'call': {
      const result = await backend.dispatch(message.channel, message.input, message.sender);
      noteSessions();
      post({ type: 'result', id: message.id, result });
      break;
    }
    case 'resolve-document': {
      post({ type: 'document', id: message.id, document: backend.resolveDocument(message.token, message.session) });
      break;
    }
    case 'register-picks': {
      let result: WorkerResponse & { type: 'picks' };
      try {
        result = { type: 'picks', id: message.id, result: { ok: true, value: backend.registerPicks(message.picks, message.session) } };
      } catch (error) {
        result = { type: 'picks', id: message.id, result: { ok: false, error: error instanceof AppError ? error.toValue() : toErrorValue(error, 'register-picks') } };
      }
      post(result);
      break;
    }
    case 'session-open': {
      noteSessions();
      post({ type: 'session-open', id: message.id, open: backend.sessionOpen(message.session) });
      break;
    }
    case 'set-portal-token': {
      try {
        backend.setPortalToken(message.token);
      } catch {
        // a malformed stored token: the screen shows "no token" and the admin enters it again
      }
      break;
    }
    case 'close': {
      await backend.close();
      post({ type: 'closed' });
      port.close();
      break;
    }
  }
});
