// How a client reaches the department server: over TLS to a certificate it pinned by its SHA-256
// fingerprint (shown by `berkas server init`, typed once at "Sambungkan ke server dinas"). The
// socket is handed to HTTP only after the fingerprint matched, so not one byte of a request (a
// password, a cookie) reaches a server that shows another certificate. Works the same for a
// self-signed certificate and one from IT's own CA.
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';
import { appError } from '../errors.ts';
import { sameFingerprint } from './tls.ts';

export class PinnedAgent extends Agent {
  readonly #fingerprint: string;

  constructor(fingerprint: string, options: AgentOptions = {}) {
    super({ keepAlive: true, ...options });
    this.#fingerprint = fingerprint;
  }

  override createConnection(options: RequestOptions, callback?: (error: Error | null, socket: Duplex) => void): Duplex | undefined {
    // The chain and the name are not what we trust; the pinned fingerprint is.
    const socket: TLSSocket = connect({ ...(options as object), rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const seen = socket.getPeerCertificate().fingerprint256;
      if (seen && sameFingerprint(seen, this.#fingerprint)) {
        socket.removeListener('error', fail);
        callback?.(null, socket);
        return;
      }
      socket.destroy();
      callback?.(
        appError(
          'forbidden',
          `Sidik jari sertifikat server tidak cocok (server menunjukkan ${seen ?? 'tidak ada'}). Jangan lanjutkan; tanyakan sidik jari yang benar ke TI.`,
          `The server's certificate fingerprint does not match (it shows ${seen ?? 'none'}). Do not go on; ask IT for the right fingerprint.`,
        ),
        socket,
      );
    });
    const fail = (error: Error) => callback?.(error, socket);
    socket.once('error', fail);
    return undefined;
  }
}
