// Short-lived, opaque tokens for serving a document's bytes to the viewer. The renderer never sees
// a path: it asks for a URL, the host maps the token back to the object here, after the role
// check and the audit entry were made for the request that issued it. A token belongs to the
// session that asked for it: it stops working on lock (by hand or idle time), logout and a change
// of user — whoever sits down at the screen next cannot reopen a link from the history — and only
// in that session: on a server, another client's browser cannot open it.
import { randomBytes } from 'node:crypto';

export interface ServableDocument {
  path: string;
  mime: string;
  size: number;
  name: string;
}

const TTL_MS = 30 * 60 * 1000;
const MAX_TOKENS = 500;

export class DocumentTokens {
  readonly #tokens = new Map<string, { doc: ServableDocument; expires: number; session: number }>();
  readonly #session: (key: string) => number | null;

  /** `session` gives a session key's open generation (Sessions.openGeneration), null while it is not open. */
  constructor(session: (key: string) => number | null) {
    this.#session = session;
  }

  /** A link for the session `key` (the caller's: sessionKeyOf(ctx.sender)). */
  issue(doc: ServableDocument, key: string, now = Date.now()): string {
    const session = this.#session(key);
    if (session === null) throw new Error('a document link needs an open session');
    if (this.#tokens.size >= MAX_TOKENS) {
      for (const [key, entry] of this.#tokens) if (entry.expires < now || this.#tokens.size >= MAX_TOKENS) this.#tokens.delete(key);
    }
    const token = randomBytes(18).toString('base64url');
    this.#tokens.set(token, { doc, expires: now + TTL_MS, session });
    return token;
  }

  /** The document behind a link, asked by the session `key`; null if it is not that session's (still open). */
  resolve(token: string, key: string, now = Date.now()): ServableDocument | null {
    const entry = this.#tokens.get(token);
    if (!entry) return null;
    if (entry.session !== this.#session(key)) return null;
    if (entry.expires < now) {
      this.#tokens.delete(token);
      return null;
    }
    return entry.doc;
  }
}
