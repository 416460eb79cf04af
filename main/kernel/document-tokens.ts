// Short-lived, opaque tokens for serving a document's bytes to the viewer. The renderer never sees
// a path: it asks for a URL, the host maps the token back to the object here, after the role
// check and the audit entry were made for the request that issued it. A token belongs to the
// session that asked for it: it stops working on lock (by hand or idle time), logout and a change
// of user — whoever sits down at the screen next cannot reopen a link from the history.
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
  readonly #session: () => number | null;

  /** `session` gives the open session's generation (Session.openGeneration), null while none is open. */
  constructor(session: () => number | null) {
    this.#session = session;
  }

  issue(doc: ServableDocument, now = Date.now()): string {
    const session = this.#session();
    if (session === null) throw new Error('a document link needs an open session');
    if (this.#tokens.size >= MAX_TOKENS) {
      for (const [key, entry] of this.#tokens) if (entry.expires < now || this.#tokens.size >= MAX_TOKENS) this.#tokens.delete(key);
    }
    const token = randomBytes(18).toString('base64url');
    this.#tokens.set(token, { doc, expires: now + TTL_MS, session });
    return token;
  }

  resolve(token: string, now = Date.now()): ServableDocument | null {
    const entry = this.#tokens.get(token);
    if (!entry) return null;
    if (entry.expires < now || entry.session !== this.#session()) {
      this.#tokens.delete(token);
      return null;
    }
    return entry.doc;
  }
}
