// The CKAN Action API (v3) as a PortalAdapter. It owns the wire format: the JSON envelope, which
// status means what, multipart uploads, and the duplicate-avoidance rules (deterministic dataset
// name + berkas_record_id in extras, look up before create, resource hash before upload). It must
// never call package_update (it drops fields it was not given) or dataset_purge, never follow a
// redirect with the token, and never let the token reach an error message.
import { createHash } from 'node:crypto';
import {
  PortalError,
  datasetName,
  type ConnectionReport,
  type PortalAdapter,
  type PublishItem,
  type PublishReceipt,
  type ResourceReceipt,
  type WithdrawItem,
  type WithdrawReceipt,
} from './adapter.ts';
import { isLoopbackHost } from './settings.ts';
import { redactSecrets, type TokenSource } from './token.ts';
import { AppError } from '../errors.ts';

export interface CkanOptions {
  /** Portal base URL, e.g. https://data.kaltimprov.go.id (without /api/3). */
  url: string;
  /** Organization name (slug) the department's service account is an editor of. */
  organization: string;
  token: TokenSource;
  /** CKAN's apitoken_header_name; 'Authorization' unless the portal renamed it. */
  tokenHeader?: string;
  /** Per JSON request; uploads get more time in proportion to their size. */
  timeoutMs?: number;
  /** ckan.max_resource_size in bytes (CKAN's default: 10 MB). */
  maxResourceBytes?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_UPLOAD_BYTES_PER_SECOND = 50_000; // a slow regional uplink still finishes a 10 MB scan in time
const MAX_RETRY_AFTER_MS = 24 * 3600_000;
/** A failure within this long of the portal's last answer is a blip, not an outage. */
const BLIP_WINDOW_MS = 10_000;
const BLIP_RETRIES = 2;
const RETRY_PER_ANSWER = 0.5;
const RETRY_RESERVE = 10;
/**
 * Actions that do the same when sent twice. package_create too: a second create after a lost
 * answer gets "already in use", which publish() takes as "found it".
 */
const REPEATABLE = new Set(['package_show', 'package_patch', 'package_delete', 'package_create', 'resource_delete', 'status_show', 'organization_list_for_user']);
const EXTRA_RECORD = 'berkas_record_id';
const EXTRA_ARCHIVE = 'berkas_archive_id';
const HASH_PREFIX = 'sha256:';
/** CKAN error types that mean the server broke, not that the request was wrong. */
const SERVER_SIDE_TYPES = new Set(['Internal Server Error', 'Search Index Error', 'Search Connection Error']);
/** Without CKAN's envelope these come from a proxy or a wrong URL: every item would get the same. */
const PORTAL_WIDE_STATUS = new Set([401, 403, 404, 405]);

interface CkanExtra {
  key: string;
  value: string;
}
interface CkanResource {
  id: string;
  name?: string | null;
  hash?: string | null;
  url?: string | null;
  size?: number | null;
}
interface CkanDataset {
  id: string;
  name: string;
  title?: string | null;
  notes?: string | null;
  private?: boolean;
  state?: string;
  owner_org?: string | null;
  extras?: CkanExtra[];
  resources?: CkanResource[];
}
interface CkanOrganization {
  id: string;
  name: string;
  title?: string;
  capacity?: string;
}

/** CKAN's editor and admin roles may create datasets; a member may only read. */
function mayCreate(org: CkanOrganization): boolean {
  return org.capacity === undefined || org.capacity === 'editor' || org.capacity === 'admin';
}

/** Parses Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** CKAN validation errors are {field: [messages]} possibly nested (resources: [{…}]). */
function flattenErrors(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}: ${value}` : value];
  if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string');
    const nested = value.filter((v) => typeof v === 'object' && v !== null);
    const out = strings.length ? [prefix ? `${prefix}: ${strings.join(' ')}` : strings.join(' ')] : [];
    for (const n of nested) out.push(...flattenErrors(n, prefix));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: string[] = [];
    for (const [key, inner] of Object.entries(value)) {
      if (key === '__type') continue;
      if (key === 'message' && typeof inner === 'string') {
        out.push(inner);
        continue;
      }
      out.push(...flattenErrors(inner, prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  return [];
}

/** Strips HTML and squeezes whitespace so a proxy's error page becomes one readable line. */
function textSnippet(body: string): string {
  return body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export function createCkanAdapter(options: CkanOptions): PortalAdapter {
  const base = options.url.replace(/\/+$/, '').replace(/\/api\/3(\/action)?$/, '');
  let parsedBase: URL;
  try {
    parsedBase = new URL(base);
  } catch {
    throw new PortalError('permanent', `The portal URL ${options.url} is not a valid URL.`, {
      scope: 'portal',
      id: `Alamat portal ${options.url} tidak sah.`,
    });
  }
  if (parsedBase.protocol !== 'https:' && !(parsedBase.protocol === 'http:' && isLoopbackHost(parsedBase.hostname))) {
    throw new PortalError('permanent', 'The portal URL must start with https:// (http:// only for a portal on this computer).', {
      scope: 'portal',
      id: 'Alamat portal harus diawali https:// (http:// hanya untuk portal di komputer ini).',
    });
  }
  const organization = options.organization;
  const tokenHeader = options.tokenHeader ?? 'Authorization';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResourceBytes = options.maxResourceBytes ?? 10 * 1024 * 1024;
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const knownSecrets = new Set<string>();
  let answered = 0;
  let lastAnsweredAt = -Infinity;
  // A retry budget (as in Finagle and the AWS SDKs): every answer earns half a retry, up to a
  // small reserve. A portal that fails now and then gets its blips sent again; one that fails most
  // requests soon gets no more than it asked for, and the pusher's breaker sees the failures.
  let retryBudget = RETRY_RESERVE;
  const noteAnswer = () => {
    answered++;
    lastAnsweredAt = now();
    retryBudget = Math.min(RETRY_RESERVE, retryBudget + RETRY_PER_ANSWER);
  };

  const redact = (text: string): string => redactSecrets(text, knownSecrets);

  async function token(): Promise<string> {
    let value: string | null;
    try {
      value = await options.token.getToken();
    } catch (error) {
      if (error instanceof AppError) {
        throw new PortalError('permanent', error.messages.en, { scope: 'portal', id: error.messages.id });
      }
      throw error;
    }
    if (!value) {
      throw new PortalError('permanent', `No portal API token: set ${options.token.description}.`, {
        scope: 'portal',
        id: `Token API portal belum diatur: isi ${options.token.description}.`,
      });
    }
    knownSecrets.add(value);
    return value;
  }

  /**
   * One action call. Returns `result` on success; throws PortalError otherwise, whatever the
   * status. A blip on an action that is safe to send twice is sent again at once; an upload is
   * not (a retry after a lost answer would store the file twice): publish() looks first.
   */
  async function call(action: string, body: Record<string, unknown> | FormData, signal?: AbortSignal, extraMs = 0): Promise<unknown> {
    for (let tries = 1; ; tries++) {
      try {
        return await callOnce(action, body, signal, extraMs);
      } catch (error) {
        // Remembered on the error: guarded() must know a refused create, againOnBlip() what call() already repeated.
        if (error instanceof PortalError) error.action = action;
        if (!REPEATABLE.has(action) || tries > BLIP_RETRIES || !isBlip(error, signal)) throw error;
      }
    }
  }

  async function callOnce(action: string, body: Record<string, unknown> | FormData, signal: AbortSignal | undefined, extraMs: number): Promise<unknown> {
    const secret = await token();
    const headers: Record<string, string> = { [tokenHeader]: secret, Accept: 'application/json' };
    let payload: string | FormData;
    if (body instanceof FormData) payload = body;
    else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const limit = timeoutMs + extraMs;
    const timeout = AbortSignal.timeout(limit);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await fetchImpl(`${base}/api/3/action/${action}`, {
        method: 'POST',
        headers,
        body: payload,
        signal: combined,
        redirect: 'manual', // a redirect must never carry the token to another host
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      if (status >= 300 && status < 400) {
        const location = response.headers.get('location') ?? '?';
        await response.body?.cancel();
        throw new PortalError('permanent', `The portal redirects ${action} to ${location}; set that address as the portal URL.`, {
          status,
          scope: 'portal',
          id: `Portal mengalihkan ke ${location}; pakai alamat itu sebagai alamat portal.`,
        });
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof PortalError) throw error;
      if (signal?.aborted) {
        throw new PortalError('retryable', 'The push was cancelled.', { id: 'Pengiriman dibatalkan.' });
      }
      if (timeout.aborted) {
        throw new PortalError('retryable', `The portal did not answer ${action} within ${Math.round(limit / 1000)} s.`, {
          id: `Portal tidak menjawab ${action} dalam ${Math.round(limit / 1000)} detik.`,
          transport: 'timeout',
        });
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = redact(cause?.code ?? cause?.message ?? (error as Error).message ?? 'network error');
      throw new PortalError('retryable', `Cannot reach the portal (${detail}).`, { id: `Portal tidak dapat dihubungi (${detail}).`, transport: 'connection' });
    }
    try {
      const result = interpret(action, status, text, parseRetryAfter(retryAfter, now()));
      noteAnswer();
      return result;
    } catch (error) {
      if (error instanceof PortalError && error.kind === 'permanent') noteAnswer();
      throw error;
    }
  }

  /**
   * A blip: one request of an item failed (a 5xx without Retry-After, a dropped connection) while
   * the portal is answering others. The item is tried again at once (twice at most), picking up where it
   * stopped (the dataset is found by name, files already there by their hash), instead of going
   * back to the queue with its whole cost. Not after a hang (the portal is slow: give it air),
   * not on a throttle (the pusher waits what the portal asked), not when the portal has been
   * silent (an outage: the pusher's breaker decides), not when the retry budget is spent.
   */
  function isBlip(error: unknown, signal?: AbortSignal): boolean {
    if (!(error instanceof PortalError) || error.kind !== 'retryable' || error.scope !== 'item' || signal?.aborted) return false;
    if (error.retryAfterMs !== undefined || error.transport === 'timeout' || error.status === 429) return false;
    if (now() - lastAnsweredAt > BLIP_WINDOW_MS || retryBudget < 1) return false;
    retryBudget--;
    return true;
  }

  /** The item again from the top after a blip on a request call() may not repeat by itself. */
  async function againOnBlip<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await work();
      } catch (error) {
        const repeated = error instanceof PortalError && error.action !== undefined && REPEATABLE.has(error.action);
        if (repeated || tries > BLIP_RETRIES || !isBlip(error, signal)) throw error;
      }
    }
  }

  function interpret(action: string, status: number, text: string, retryAfterMs: number | undefined): unknown {
    let envelope: unknown;
    let parsed = true;
    try {
      envelope = JSON.parse(text);
    } catch {
      parsed = false;
    }
    const env = parsed && envelope && typeof envelope === 'object' && 'success' in envelope ? (envelope as { success: unknown; result?: unknown; error?: Record<string, unknown> }) : null;
    if (env && env.success === true && status >= 200 && status < 300) return env.result;

    const serverSide = typeof env?.error?.__type === 'string' && SERVER_SIDE_TYPES.has(env.error.__type);
    if (status === 429 || status === 408 || status >= 500 || serverSide) {
      const said = env?.error ? redact(flattenErrors(env.error).join('; ')) : redact(textSnippet(text));
      const wait = retryAfterMs !== undefined ? ` Retry after ${Math.round(retryAfterMs / 1000)} s.` : '';
      return fail(
        new PortalError('retryable', `The portal answered ${status} to ${action}${said ? `: ${said}` : ''}.${wait}`, {
          status,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          ...(typeof env?.error?.__type === 'string' ? { portalType: env.error.__type } : {}),
          ...(said ? { portalMessage: said } : {}),
          id: status === 429 ? `Portal membatasi laju permintaan (429).${wait ? ` Coba lagi dalam ${Math.round((retryAfterMs ?? 0) / 1000)} detik.` : ''}` : `Portal menjawab ${status} untuk ${action}${said ? `: ${said}` : ''}.`,
        }),
      );
    }
    if (!env || !env.error) {
      // Not CKAN's envelope: a proxy page, a JSON string ("Bad request: Action name not known"), a CMS.
      const said = redact(parsed && typeof envelope === 'string' ? envelope : textSnippet(text));
      if (status === 413) {
        return fail(
          new PortalError('permanent', `The portal's web server refused the upload as too large (413)${said ? `: ${said}` : ''}.`, {
            status,
            portalMessage: said,
            id: `Server portal menolak unggahan karena terlalu besar (413).`,
          }),
        );
      }
      const apiMissing = PORTAL_WIDE_STATUS.has(status) || /action name not known/i.test(said) || status < 300;
      return fail(
        new PortalError('permanent', `The portal answered ${status} to ${action} without a CKAN response${said ? `: ${said}` : ''}. Check the portal URL.`, {
          status,
          scope: apiMissing ? 'portal' : 'item',
          portalMessage: said,
          id: `Portal menjawab ${status} untuk ${action} tanpa respons CKAN${said ? `: ${said}` : ''}. Periksa alamat portal.`,
        }),
      );
    }
    const type = typeof env.error.__type === 'string' ? env.error.__type : 'Error';
    const said = redact(flattenErrors(env.error).join('; ') || type);
    return fail(
      new PortalError('permanent', `${type} from the portal on ${action}: ${said}`, {
        status,
        portalType: type,
        portalMessage: said,
        id: `${type} dari portal pada ${action}: ${said}`,
      }),
    );
  }

  function fail(error: PortalError): never {
    throw error;
  }

  const isNotFound = (e: unknown) => e instanceof PortalError && (e.status === 404 || e.portalType === 'Not Found Error');
  const isAuthError = (e: unknown) => e instanceof PortalError && (e.status === 403 || e.portalType === 'Authorization Error');

  /**
   * A 403 is either "this dataset is not yours" (the item's problem) or "the token is dead or has
   * no rights in the organization" (everyone's problem). Asking which keeps an expired token from
   * parking the whole queue.
   */
  async function explainAuth(error: PortalError, signal?: AbortSignal): Promise<never> {
    let orgs: CkanOrganization[];
    try {
      orgs = (await call('organization_list_for_user', { permission: 'create_dataset' }, signal)) as CkanOrganization[];
    } catch {
      throw error;
    }
    // Some portals ignore `permission` and list every organization the user belongs to: a member
    // (read only) shows up too. The capacity they report says whether it may create.
    const ours = Array.isArray(orgs) && orgs.some((o) => (o.name === organization || o.id === organization) && mayCreate(o));
    if (!ours) {
      throw new PortalError(
        'permanent',
        `The portal refused the token (${error.portalMessage ?? error.message}). The token is invalid, expired, or has no editor rights in organization "${organization}".`,
        {
          status: error.status ?? 403,
          scope: 'portal',
          portalType: error.portalType ?? 'Authorization Error',
          ...(error.portalMessage ? { portalMessage: error.portalMessage } : {}),
          id: `Portal menolak token (${error.portalMessage ?? error.message}). Token tidak sah, kedaluwarsa, atau tidak punya hak editor di organisasi "${organization}".`,
        },
      );
    }
    throw error;
  }

  /** The queue-wide "token ditolak": every item would get the same answer, so none is parked for it. */
  function tokenRefused(error: PortalError): PortalError {
    return new PortalError(
      'permanent',
      `Token refused: the portal refused the token (${error.portalMessage ?? error.message}). It is invalid, expired, or may read but not create datasets in organization "${organization}" (it needs the editor role there).`,
      {
        status: error.status ?? 403,
        scope: 'portal',
        portalType: error.portalType ?? 'Authorization Error',
        ...(error.portalMessage ? { portalMessage: error.portalMessage } : {}),
        id: `Token ditolak: portal menolak token (${error.portalMessage ?? error.message}). Token tidak sah, kedaluwarsa, atau hanya boleh membaca dan tidak boleh membuat dataset di organisasi "${organization}" (perlu peran editor).`,
      },
    );
  }

  async function guarded<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PortalError && (error.status === 401 || (isAuthError(error) && error.action === 'package_create'))) {
        // Creating in our own organization was refused: no dataset can be "someone else's" here.
        throw tokenRefused(error);
      }
      if (isAuthError(error)) await explainAuth(error as PortalError, signal);
      throw error;
    }
  }

  /**
   * A dataset withdrawn in delete mode: some portals no longer show it (it is in the trash), but
   * it can still be patched back by its id. Re-creating it instead would make a second dataset
   * (CKAN renames the deleted one and gives the new one a new id and URL).
   */
  async function revive(id: string, signal?: AbortSignal): Promise<CkanDataset | null> {
    try {
      return (await call('package_patch', { id, state: 'active' }, signal)) as CkanDataset;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function show(id: string, signal?: AbortSignal): Promise<CkanDataset | null> {
    try {
      return (await call('package_show', { id }, signal)) as CkanDataset;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  function extra(dataset: CkanDataset, key: string): string | undefined {
    return dataset.extras?.find((e) => e.key === key)?.value;
  }

  /** A dataset is ours only if it carries this record's id and this archive's key. */
  function assertOurs(dataset: CkanDataset, recordId: number, archiveKey: string): void {
    const rec = extra(dataset, EXTRA_RECORD);
    const arch = extra(dataset, EXTRA_ARCHIVE);
    if (rec !== String(recordId) || (arch !== undefined && arch !== archiveKey)) {
      throw new PortalError(
        'permanent',
        `The portal already has a dataset named "${dataset.name}" that is not this record's (${EXTRA_RECORD}=${rec ?? 'none'}). Rename or remove it on the portal.`,
        {
          status: 409,
          id: `Portal sudah punya dataset bernama "${dataset.name}" yang bukan milik arsip ini (${EXTRA_RECORD}=${rec ?? 'kosong'}). Ubah nama atau hapus di portal.`,
        },
      );
    }
  }

  function ourExtras(item: PublishItem): CkanExtra[] {
    const pairs: [string, string | null][] = [
      [EXTRA_RECORD, String(item.recordId)],
      [EXTRA_ARCHIVE, item.archiveKey],
      ['berkas_classification_code', item.classificationCode],
      ['berkas_public_category', item.category],
      ['berkas_unit', item.unit],
      ['berkas_date', item.date],
    ];
    return pairs.filter((p): p is [string, string] => p[1] !== null && p[1] !== '').map(([key, value]) => ({ key, value }));
  }

  /** Our keys replace theirs; extras the walidata added stay. */
  function mergedExtras(existing: CkanExtra[] | undefined, ours: CkanExtra[]): CkanExtra[] {
    const mine = new Set(ours.map((e) => e.key));
    return [...(existing ?? []).filter((e) => !e.key.startsWith('berkas_') && !mine.has(e.key)), ...ours];
  }

  function sameExtras(a: CkanExtra[] | undefined, b: CkanExtra[]): boolean {
    const norm = (list: CkanExtra[]) => JSON.stringify([...list].sort((x, y) => x.key.localeCompare(y.key)).map((e) => [e.key, String(e.value)]));
    return norm(a ?? []) === norm(b);
  }

  function datasetUrl(name: string): string {
    return `${base}/dataset/${name}`;
  }

  function hashOf(resource: CkanResource): string | null {
    const h = resource.hash?.trim().toLowerCase();
    if (!h) return null;
    const hex = h.startsWith(HASH_PREFIX) ? h.slice(HASH_PREFIX.length) : h;
    return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
  }

  async function publish(item: PublishItem, signal?: AbortSignal): Promise<PublishReceipt> {
    const name = datasetName(organization, item.archiveKey, item.recordId);
    for (const doc of item.documents) {
      if (doc.size > maxResourceBytes) {
        const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
        throw new PortalError(
          'permanent',
          `"${doc.name}" is ${mb(doc.size)} MB; the portal accepts files up to ${mb(maxResourceBytes)} MB (ckan.max_resource_size). Ask the portal administrator to raise it, or raise the limit in the portal settings if it already was.`,
          {
            status: 413,
            id: `"${doc.name}" berukuran ${mb(doc.size)} MB; portal hanya menerima hingga ${mb(maxResourceBytes)} MB. Minta admin portal menaikkan batasnya, atau ubah batas di pengaturan portal bila sudah dinaikkan.`,
          },
        );
      }
    }
    return guarded(() => againOnBlip(() => publishOnce(item, name, signal), signal), signal);
  }

  async function publishOnce(item: PublishItem, name: string, signal?: AbortSignal): Promise<PublishReceipt> {
    const extras = ourExtras(item);
    let dataset: CkanDataset | null = null;
    if (item.known) dataset = await show(item.known.datasetId, signal);
    if (!dataset && item.known?.withdrawn) dataset = await revive(item.known.datasetId, signal);
    dataset ??= await show(name, signal);
    let created = false;
    if (!dataset) {
      try {
        // Always private at first: the files follow, and only a complete dataset is made public.
        dataset = (await call(
          'package_create',
          {
            name,
            title: item.title,
            notes: item.notes,
            owner_org: organization,
            private: true,
            extras,
          },
          signal,
        )) as CkanDataset;
        created = true;
      } catch (error) {
        // Someone (a retry in another process, or a create whose response we lost just now) got
        // there first: find it and carry on as an update.
        if (!(error instanceof PortalError && error.status === 409 && /already in use/i.test(error.portalMessage ?? ''))) throw error;
        dataset = await show(name, signal);
        if (!dataset) throw error;
      }
    }
    assertOurs(dataset, item.recordId, item.archiveKey);

    if (!created) {
      const comingBack = dataset.state === 'deleted' || item.known?.withdrawn === true;
      const patch: Record<string, unknown> = {};
      if (dataset.title !== item.title) patch.title = item.title;
      if ((dataset.notes ?? '') !== item.notes) patch.notes = item.notes;
      const wanted = mergedExtras(dataset.extras, extras);
      if (!sameExtras(dataset.extras, wanted)) patch.extras = wanted;
      if (dataset.state !== 'active') patch.state = 'active';
      // Only a dataset that comes back is set private again: one that is live keeps whatever the
      // walidata decided.
      if (comingBack && Boolean(dataset.private) !== item.privateOnArrival) patch.private = item.privateOnArrival;
      if (Object.keys(patch).length > 0) {
        dataset = (await call('package_patch', { id: dataset.id, ...patch }, signal)) as CkanDataset;
      }
    }

    const wantedHashes = new Set(item.documents.map((d) => d.sha256));
    const resources: ResourceReceipt[] = [];
    const present = new Map<string, CkanResource>();
    for (const r of dataset.resources ?? []) {
      const h = hashOf(r);
      if (h && !present.has(h)) present.set(h, r);
    }
    let uploaded = 0;
    try {
      for (const doc of item.documents) {
        const existing = present.get(doc.sha256);
        if (existing) {
          resources.push({ id: existing.id, sha256: doc.sha256, name: existing.name ?? doc.name, url: existing.url ?? null, size: existing.size ?? doc.size });
          continue;
        }
        const bytes = await doc.read();
        const actual = createHash('sha256').update(bytes).digest('hex');
        if (actual !== doc.sha256) {
          throw new PortalError('permanent', `The stored file for "${doc.name}" does not match its SHA-256; run verify on the archive.`, {
            id: `Berkas tersimpan untuk "${doc.name}" tidak cocok dengan SHA-256-nya; jalankan verifikasi arsip.`,
          });
        }
        const form = new FormData();
        form.append('package_id', dataset.id);
        form.append('name', doc.name);
        form.append('mimetype', doc.mime);
        form.append('format', formatOf(doc.mime, doc.name));
        form.append('hash', `${HASH_PREFIX}${doc.sha256}`);
        form.append('size', String(doc.size));
        form.append('upload', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: doc.mime }), doc.name);
        const extraMs = Math.ceil((doc.size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
        const resource = (await call('resource_create', form, signal, extraMs)) as CkanResource;
        if (resource.hash && hashOf(resource) !== doc.sha256) {
          throw new PortalError('retryable', `The portal stored "${doc.name}" with a different hash (${resource.hash}).`, {
            id: `Portal menyimpan "${doc.name}" dengan hash berbeda (${resource.hash}).`,
          });
        }
        uploaded++;
        resources.push({ id: resource.id, sha256: doc.sha256, name: resource.name ?? doc.name, url: resource.url ?? null, size: resource.size ?? doc.size });
      }
    } catch (error) {
      // The portal rejected a file of a dataset this call created: take the empty dataset away
      // again (soft delete; the next try revives it by name). A retryable failure leaves it:
      // it is private, and the retry finds it.
      if (created && error instanceof PortalError && error.kind === 'permanent') {
        try {
          await call('package_delete', { id: dataset.id }, signal);
        } catch {
          // the item is parked with the upload's reason either way
        }
      }
      throw error;
    }
    // Made public only once complete. A private dataset we hold no receipt for is one still
    // arriving: a try that failed after the portal created it and before this step. It goes
    // public too when the settings say so. One the walidata made public stays as it is.
    const arriving = created || (item.known === null && Boolean(dataset.private));
    if (arriving && !item.privateOnArrival) {
      dataset = (await call('package_patch', { id: dataset.id, private: false }, signal)) as CkanDataset;
    }

    // A document taken off the record (e.g. an attachment with personal data) must not stay up.
    let removed = 0;
    for (const r of dataset.resources ?? []) {
      const h = hashOf(r);
      if (h && r.hash?.toLowerCase().startsWith(HASH_PREFIX) && !wantedHashes.has(h)) {
        try {
          await call('resource_delete', { id: r.id }, signal);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        removed++;
      }
    }
    return {
      datasetId: dataset.id,
      datasetName: dataset.name,
      datasetUrl: datasetUrl(dataset.name),
      private: Boolean(dataset.private),
      resources,
      created,
      uploaded,
      removed,
    };
  }

  async function withdraw(item: WithdrawItem, signal?: AbortSignal): Promise<WithdrawReceipt> {
    // Every request of a withdrawal is safe to repeat: call() sends a blip again by itself.
    return guarded(async () => {
      let id = item.datasetId;
      if (!id) {
        const found = await show(datasetName(organization, item.archiveKey, item.recordId), signal);
        if (!found) return { datasetId: null, outcome: 'absent' as const };
        assertOurs(found, item.recordId, item.archiveKey);
        id = found.id;
      }
      try {
        if (item.mode === 'delete') {
          await call('package_delete', { id }, signal);
          return { datasetId: id, outcome: 'deleted' as const };
        }
        await call('package_patch', { id, private: true }, signal);
        return { datasetId: id, outcome: 'hidden' as const };
      } catch (error) {
        if (isNotFound(error)) return { datasetId: id, outcome: 'absent' as const };
        throw error;
      }
    }, signal);
  }

  /**
   * Proves the token may create in the organization without creating anything: package_create with
   * an empty name. CKAN checks the permission first (403 when it is missing), then validates (409).
   */
  async function dryRunCreate(signal?: AbortSignal): Promise<void> {
    try {
      await call('package_create', { name: '', owner_org: organization }, signal);
    } catch (error) {
      if (error instanceof PortalError && error.portalType === 'Validation Error') return; // allowed, and nothing was made
      if (error instanceof PortalError && (isAuthError(error) || error.status === 401)) throw tokenRefused(error);
      throw error;
    }
    throw new PortalError('permanent', 'The portal accepted a dataset without a name during the connection test; check the portal.', {
      scope: 'portal',
      id: 'Portal menerima dataset tanpa nama saat uji koneksi; periksa portal.',
    });
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
    const status = (await call('status_show', {}, signal)) as { ckan_version?: string; site_title?: string };
    const orgs = (await call('organization_list_for_user', { permission: 'create_dataset' }, signal)) as CkanOrganization[];
    const listed = Array.isArray(orgs) ? orgs.find((o) => o.name === organization || o.id === organization) : undefined;
    const org = listed && mayCreate(listed) ? listed : undefined;
    if (org) await dryRunCreate(signal);
    if (!org) {
      throw new PortalError(
        'permanent',
        `Token refused: the portal answered, but the token has no editor rights in organization "${organization}": it is not valid, or it may read but not create datasets there${listed ? ` (role: ${listed.capacity ?? '?'})` : ''}. Ask the portal administrator for an editor token.`,
        {
          status: 403,
          scope: 'portal',
          id: `Token ditolak: portal menjawab, tetapi token tidak punya hak editor di organisasi "${organization}": token tidak sah, atau hanya boleh membaca dan tidak boleh membuat dataset di sana${listed ? ` (peran: ${listed.capacity ?? '?'})` : ''}. Minta token editor kepada admin portal.`,
        },
      );
    }
    return {
      portal: base,
      version: status.ckan_version ?? null,
      siteTitle: status.site_title ?? null,
      organization: { id: org.id, name: org.name, title: org.title ?? org.name },
    };
  }

  return {
    target: 'ckan',
    portalUrl: base,
    organization,
    testConnection,
    publish,
    withdraw,
    redact,
    get answered() {
      return answered;
    },
  };
}

function formatOf(mime: string, name: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
  if (ext) return ext.toUpperCase();
  const sub = mime.split('/')[1];
  return sub ? sub.toUpperCase() : '';
}
