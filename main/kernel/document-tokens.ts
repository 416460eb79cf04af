// Short-lived, opaque tokens for serving a document's bytes to the viewer. The renderer never sees
// a path: it asks for a URL, the host maps the token back to the object here, after the role
// check and the audit entry were made for the request that issued it.
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
  readonly #tokens = new Map<string, { doc: ServableDocument; expires: number }>();

  issue(doc: ServableDocument, now = Date.now()): string {
    if (this.#tokens.size >= MAX_TOKENS) {
      for (const [key, entry] of this.#tokens) if (entry.expires < now || this.#tokens.size >= MAX_TOKENS) this.#tokens.delete(key);
    }
    const token = randomBytes(18).toString('base64url');
    this.#tokens.set(token, { doc, expires: now + TTL_MS });
    return token;
  }

  resolve(token: string, now = Date.now()): ServableDocument | null {
    const entry = this.#tokens.get(token);
    if (!entry) return null;
    if (entry.expires < now) {
      this.#tokens.delete(token);
      return null;
    }
    return entry.doc;
  }
}
