// Preloaded with --import into a process whose code must not touch the network (it also runs in
// every worker thread that process starts, since workers inherit execArgv). Any attempt to open a
// socket, resolve a name or fetch is refused and written to BERKAS_NETWORK_LOG; each thread it
// loaded in is noted there too, so a test can see the guard was in place where the work ran.
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import { isMainThread, threadId } from 'node:worker_threads';

const log = process.env.BERKAS_NETWORK_LOG;
const note = (line: string) => {
  if (log) appendFileSync(log, `${line}\n`);
};
note(`guard ${isMainThread ? 'main' : 'worker'} ${threadId}`);

function refuse(what: string): never {
  note(`attempt ${what}`);
  throw new Error(`network access refused in this test: ${what}`);
}

net.Socket.prototype.connect = function connect() {
  return refuse('net.Socket.connect');
} as typeof net.Socket.prototype.connect;
net.connect = net.createConnection = (() => refuse('net.connect')) as typeof net.connect;
dns.lookup = (() => refuse('dns.lookup')) as unknown as typeof dns.lookup;
globalThis.fetch = (() => refuse('fetch')) as typeof fetch;
