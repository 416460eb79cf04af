// A CKAN Action API (v3) test portal on 127.0.0.1: the subset Berkas pushes with, written from
// CKAN's own code (ckan/views/api.py status mapping, logic/action/*, validators, authz roles) so
// the adapter is tested against CKAN's behaviour, not against our own assumptions. It keeps
// everything it received (datasets, resources with the SHA-256 of the bytes, every raw request
// body) for assertions, and injects faults on demand: 5xx, hangs, connections dropped after the
// write committed, 429/503 with Retry-After, validation errors for one record, days offline; and
// behaves like portals seen in the field on request: a token that may read but not create that
// still shows up in organization_list_for_user, deleted datasets hidden from package_show.
// Test-only: never shipped, never pointed at by the app.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

type Capacity = 'admin' | 'editor' | 'member';
const ROLE_PERMISSIONS: Record<Capacity, string[]> = {
  // ckan/authz.py ROLE_PERMISSIONS
  admin: ['admin', 'membership'],
  editor: ['read', 'delete_dataset', 'create_dataset', 'update_dataset', 'manage_group'],
  member: ['read', 'manage_group'],
};

export interface FakeOrg {
  id: string;
  name: string;
  title: string;
}

export interface FakeUser {
  id: string;
  name: string;
  sysadmin: boolean;
  /** org id → capacity */
  memberships: Map<string, Capacity>;
}

export interface FakeResource {
  id: string;
  package_id: string;
  name: string;
  description: string;
  format: string;
  mimetype: string | null;
  hash: string;
  size: number | null;
  url: string;
  url_type: string | null;
  created: string;
  last_modified: string | null;
  state: 'active';
  position: number;
  /** Server-side truth about the uploaded bytes (not part of CKAN's answer). */
  uploadSha256: string | null;
  uploadSize: number | null;
}

export interface FakeDataset {
  id: string;
  name: string;
  title: string;
  notes: string;
  private: boolean;
  state: 'active' | 'deleted';
  owner_org: string;
  extras: { key: string; value: string }[];
  resources: FakeResource[];
  metadata_created: string;
  metadata_modified: string;
  creator_user_id: string;
  type: 'dataset';
}

export interface ReceivedFile {
  field: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
}

export interface ReceivedRequest {
  seq: number;
  at: number;
  method: string;
  action: string;
  token: 'none' | 'valid' | 'invalid';
  user: string | null;
  recordId: string | null;
  status: number | 'dropped' | 'hung';
  /** For a hung request: real milliseconds from its arrival until the client gave up (closed). */
  hungMs?: number;
  fault: string | null;
  fields: Record<string, unknown>;
  files: ReceivedFile[];
  raw: Buffer;
}

export type FaultEffect =
  /** Answer this status instead (commit: process the action first, then answer this anyway). */
  | { type: 'status'; status: number; body?: unknown; raw?: string; contentType?: string; retryAfter?: string; commit?: boolean }
  /** Never answer (the client's timeout must fire). afterCommit: the write happens first. */
  | { type: 'hang'; afterCommit?: boolean }
  /** Destroy the socket. afterCommit: the write is committed and the client never learns it. */
  | { type: 'drop'; afterCommit: boolean };

export interface FaultRule {
  actions?: string[];
  recordId?: number | string;
  times: number;
  /** A function may answer null: this request passes untouched (and uses none of `times`). */
  effect: FaultEffect | ((headers: IncomingMessage['headers']) => FaultEffect | null);
  label?: string;
}

export interface FakeCkanOptions {
  /** Clock for request timestamps (the tests' fake clock). */
  now?: () => number;
  /** ckan.max_resource_size, bytes (CKAN default 10 MB). */
  maxResourceBytes?: number;
  /** nginx client_max_body_size in front of CKAN: a bigger body gets nginx's 413 HTML page. */
  proxyMaxBodyBytes?: number;
  /** apitoken_header_name */
  tokenHeader?: string;
  ckanVersion?: string;
  /** Like some portals: organization_list_for_user ignores `permission` and lists every organization
   *  the user belongs to (a read-only member too), with its capacity. */
  ignorePermissionParam?: boolean;
  /** Like some portals: package_show answers 404 for a deleted dataset (it is in the trash) unless sysadmin. */
  deletedNotFound?: boolean;
}

class CkanError extends Error {
  readonly status: number;
  readonly error: Record<string, unknown>;
  constructor(status: number, error: Record<string, unknown>) {
    super(String(error.message ?? error.__type));
    this.status = status;
    this.error = error;
  }
}

const notFound = (what?: string) => new CkanError(404, { __type: 'Not Found Error', message: what ? `Not found: ${what}` : 'Not found' });
const denied = (msg: string) => new CkanError(403, { __type: 'Authorization Error', message: `Access denied: ${msg}` });
const invalid = (fields: Record<string, unknown>) => new CkanError(409, { ...fields, __type: 'Validation Error' });
const missing = (key: string) => invalid({ [key]: 'Missing value' }); // _get_or_bust
class BadRequest extends Error {}

const NAME_RE = /^[a-z0-9_-]*$/;
const SIDE_EFFECT_FREE = new Set(['package_show', 'status_show', 'organization_show', 'organization_list_for_user']);

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '');
}

function asBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['true', 'yes', 'on', '1', 't', 'y'].includes(value.toLowerCase());
  return Boolean(value);
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

export interface FakeCkan {
  readonly url: string;
  readonly port: number;
  readonly tokens: { editor: string; member: string; sysadmin: string; otherOrgEditor: string };
  readonly organization: FakeOrg;
  readonly otherOrganization: FakeOrg;
  readonly requests: ReceivedRequest[];
  /** All datasets ever created, deleted ones included. */
  datasets(): FakeDataset[];
  /** Datasets (deleted included) whose extras carry berkas_record_id = recordId. */
  datasetsForRecord(recordId: number | string): FakeDataset[];
  /** recordId → number of datasets carrying it. */
  datasetCountByRecord(): Map<string, number>;
  /** SHA-256 of every file body ever received. */
  uploadedHashes(): Set<string>;
  /** Raw request bodies containing this text. */
  requestsMentioning(text: string | Buffer): ReceivedRequest[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** refuse: stop listening (connections refused); 503: every request gets a proxy 503 page. */
  goDown(mode: 'refuse' | '503', options?: { retryAfterSeconds?: number }): Promise<void>;
  comeBack(): Promise<void>;
  readonly isDown: boolean;
  /** Creates a dataset as the sysadmin, bypassing HTTP (to set up name clashes). */
  seedDataset(fields: { name: string; title?: string; extras?: { key: string; value: string }[]; org?: 'ours' | 'other'; private?: boolean }): FakeDataset;
  close(): Promise<void>;
}

export async function startFakeCkan(options: FakeCkanOptions = {}): Promise<FakeCkan> {
  const now = options.now ?? Date.now;
  const maxResourceBytes = options.maxResourceBytes ?? 10 * 1024 * 1024;
  const tokenHeader = (options.tokenHeader ?? 'Authorization').toLowerCase();
  const version = options.ckanVersion ?? '2.11.5';

  const orgs = new Map<string, FakeOrg>();
  const users = new Map<string, FakeUser>();
  const tokens = new Map<string, string>(); // token → user name
  const datasets = new Map<string, FakeDataset>();
  const requests: ReceivedRequest[] = [];
  let rules: FaultRule[] = [];
  let down: null | { mode: 'refuse' | '503'; retryAfterSeconds?: number } = null;
  const sockets = new Set<Socket>();
  let seq = 0;

  const addOrg = (name: string, title: string): FakeOrg => {
    const org = { id: randomUUID(), name, title };
    orgs.set(org.id, org);
    return org;
  };
  const ours = addOrg('dinas-kominfo', 'Dinas Komunikasi dan Informatika');
  const other = addOrg('dinas-lain', 'Dinas Lain');
  const addUser = (name: string, sysadmin: boolean, memberships: [FakeOrg, Capacity][]): string => {
    const user: FakeUser = { id: randomUUID(), name, sysadmin, memberships: new Map(memberships.map(([o, c]) => [o.id, c])) };
    users.set(name, user);
    const token = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}`;
    tokens.set(token, name);
    return token;
  };
  const tokenSet = {
    editor: addUser('berkas-bot', false, [[ours, 'editor']]),
    member: addUser('pembaca', false, [[ours, 'member']]),
    sysadmin: addUser('admin', true, []),
    otherOrgEditor: addUser('dinas-lain-bot', false, [[other, 'editor']]),
  };

  const findOrg = (key: unknown): FakeOrg | undefined => {
    if (typeof key !== 'string') return undefined;
    return orgs.get(key) ?? [...orgs.values()].find((o) => o.name === key);
  };
  const findDataset = (key: unknown): FakeDataset | undefined => {
    if (typeof key !== 'string') return undefined;
    return datasets.get(key) ?? [...datasets.values()].find((d) => d.name === key);
  };
  const can = (user: FakeUser | null, orgKey: unknown, permission: string): boolean => {
    if (!user) return false;
    if (user.sysadmin) return true;
    const org = findOrg(orgKey);
    if (!org) return false;
    const cap = user.memberships.get(org.id);
    return cap !== undefined && (cap === 'admin' || ROLE_PERMISSIONS[cap].includes(permission));
  };
  const canRead = (user: FakeUser | null, d: FakeDataset): boolean => {
    // ckan/lib/plugins.py get_dataset_labels / get_user_dataset_labels
    if (d.state === 'active' && !d.private) return true;
    if (user?.sysadmin) return true;
    return user !== null && user.memberships.has(d.owner_org);
  };
  const userName = (user: FakeUser | null) => user?.name ?? '';

  function dictize(d: FakeDataset) {
    const org = orgs.get(d.owner_org);
    return {
      id: d.id,
      name: d.name,
      title: d.title,
      notes: d.notes,
      private: d.private,
      state: d.state,
      type: d.type,
      owner_org: d.owner_org,
      organization: org ? { id: org.id, name: org.name, title: org.title, type: 'organization', is_organization: true, state: 'active' } : null,
      extras: d.extras.map((e) => ({ ...e })),
      resources: d.resources.map(resourceDict),
      num_resources: d.resources.length,
      tags: [],
      num_tags: 0,
      groups: [],
      license_id: null,
      metadata_created: d.metadata_created,
      metadata_modified: d.metadata_modified,
      creator_user_id: d.creator_user_id,
    };
  }
  function resourceDict(r: FakeResource) {
    const { uploadSha256: _s, uploadSize: _z, ...rest } = r;
    return { ...rest };
  }

  function validateName(name: unknown, selfId: string | null): string {
    if (name === undefined || name === null || name === '') throw invalid({ name: ['Missing value'] });
    if (typeof name !== 'string') throw invalid({ name: ['Names must be strings'] });
    const errors: string[] = [];
    if (['new', 'edit', 'search'].includes(name)) errors.push('That name cannot be used');
    else if (name.length < 2) errors.push('Must be at least 2 characters long');
    else if (name.length > 100) errors.push('Name must be a maximum of 100 characters long');
    else if (!NAME_RE.test(name)) errors.push('Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_');
    // package_name_validator ignores deleted datasets
    const clash = [...datasets.values()].some((d) => d.name === name && d.state !== 'deleted' && d.id !== selfId);
    if (clash) errors.push('That URL is already in use.');
    if (errors.length) throw invalid({ name: errors });
    return name;
  }

  function validateExtras(extras: unknown): { key: string; value: string }[] {
    if (extras === undefined) return [];
    if (!Array.isArray(extras)) throw invalid({ extras: ['Not a list'] });
    const errors: Record<string, string[]>[] = [];
    const out: { key: string; value: string }[] = [];
    let bad = false;
    for (const e of extras) {
      const key = (e as { key?: unknown })?.key;
      if (typeof key !== 'string' || !key) {
        errors.push({ key: ['Missing value'] });
        bad = true;
        continue;
      }
      errors.push({});
      out.push({ key, value: String((e as { value?: unknown }).value ?? '') });
    }
    if (!bad && new Set(out.map((e) => e.key)).size !== out.length) throw invalid({ extras: [{ key: ['There is a duplicate key'] }] });
    if (bad) throw invalid({ extras: errors });
    return out;
  }

  function recordOf(d: FakeDataset | undefined): string | null {
    return d?.extras.find((e) => e.key === 'berkas_record_id')?.value ?? null;
  }

  /** Which Berkas record a request is about, for logging and for record-targeted faults. */
  function resolveRecord(action: string, data: Record<string, unknown>): string | null {
    if (action === 'package_create') {
      const extras = Array.isArray(data.extras) ? (data.extras as { key?: string; value?: unknown }[]) : [];
      const v = extras.find((e) => e?.key === 'berkas_record_id')?.value;
      return v === undefined ? null : String(v);
    }
    if (action === 'resource_create') return recordOf(findDataset(data.package_id));
    if (action === 'resource_delete') {
      for (const d of datasets.values()) if (d.resources.some((r) => r.id === data.id)) return recordOf(d);
      return null;
    }
    if (action.startsWith('package_')) {
      const d = findDataset(data.id ?? data.name_or_id);
      if (d) return recordOf(d);
      const m = typeof data.id === 'string' ? /-(\d+)$/.exec(data.id) : null;
      return m?.[1] ?? null;
    }
    return null;
  }

  type Files = Map<string, { name: string; type: string; bytes: Buffer }>;

  function runAction(action: string, data: Record<string, unknown>, files: Files, user: FakeUser | null): unknown {
    const t = now();
    switch (action) {
      case 'status_show':
        return {
          ckan_version: version,
          site_url: baseUrl,
          site_title: 'Portal Satu Data (uji)',
          site_description: '',
          error_emails_to: null,
          locale_default: 'id',
          extensions: ['activity', 'datastore', 'dcat'],
        };
      case 'organization_list_for_user': {
        if (!user) return [];
        const permission = typeof data.permission === 'string' && !options.ignorePermissionParam ? data.permission : 'manage_group';
        return [...orgs.values()]
          .filter((o) => can(user, o.id, permission))
          .map((o) => ({ id: o.id, name: o.name, title: o.title, type: 'organization', is_organization: true, capacity: user.sysadmin ? 'admin' : user.memberships.get(o.id) }));
      }
      case 'organization_show': {
        const id = data.id;
        if (id === undefined) throw missing('id');
        const org = findOrg(id);
        if (!org) throw notFound('Organization was not found.');
        return { id: org.id, name: org.name, title: org.title, type: 'organization', is_organization: true, state: 'active' };
      }
      case 'package_show': {
        const key = data.id ?? data.name_or_id;
        if (key === undefined || key === '') throw missing('name_or_id');
        const d = findDataset(key);
        if (!d) throw notFound();
        if (options.deletedNotFound && d.state === 'deleted' && !user?.sysadmin) throw notFound();
        if (!canRead(user, d)) throw denied(`User ${userName(user)} not authorized to read package ${d.id}`);
        return dictize(d);
      }
      case 'package_create': {
        // ckan/logic/auth/create.py package_create
        const someOrg = [...orgs.values()].some((o) => can(user, o.id, 'create_dataset'));
        if (!someOrg) throw denied(`User ${userName(user)} not authorized to create packages`);
        if (data.owner_org && !can(user, data.owner_org, 'create_dataset')) {
          throw denied(`User ${userName(user)} not authorized to add dataset to this organization`);
        }
        const errors: Record<string, unknown> = {};
        let name: string | undefined;
        try {
          name = validateName(data.name, null);
        } catch (e) {
          Object.assign(errors, (e as CkanError).error);
        }
        let org: FakeOrg | undefined;
        if (data.owner_org === undefined || data.owner_org === null || data.owner_org === '') errors.owner_org = ['An organization must be provided'];
        else {
          org = findOrg(data.owner_org);
          if (!org) errors.owner_org = ['Organization does not exist'];
        }
        let extras: { key: string; value: string }[] = [];
        try {
          extras = validateExtras(data.extras);
        } catch (e) {
          Object.assign(errors, (e as CkanError).error);
        }
        delete errors.__type;
        if (Object.keys(errors).length || !name || !org) throw invalid(errors);
        // CKAN 2.7+ (#3370): a deleted dataset holding this name is renamed to its id.
        for (const d of datasets.values()) if (d.name === name && d.state === 'deleted') d.name = d.id;
        const id = user?.sysadmin && typeof data.id === 'string' ? data.id : randomUUID(); // empty_if_not_sysadmin
        const d: FakeDataset = {
          id,
          name,
          title: str(data.title) || name,
          notes: str(data.notes) ?? '',
          private: asBool(data.private ?? false),
          state: 'active',
          owner_org: org.id,
          extras,
          resources: [],
          metadata_created: stamp(t),
          metadata_modified: stamp(t),
          creator_user_id: user!.id,
          type: 'dataset',
        };
        datasets.set(id, d);
        return dictize(d);
      }
      case 'package_patch': {
        if (data.id === undefined || data.id === '') throw missing('id');
        const d = findDataset(data.id);
        if (!d) throw notFound();
        if (!canRead(user, d)) throw denied(`User ${userName(user)} not authorized to read package ${d.id}`);
        if (!can(user, d.owner_org, 'update_dataset')) throw denied(`User ${userName(user)} not authorized to edit package ${d.id}`);
        const name = data.name !== undefined ? validateName(data.name, d.id) : d.name;
        const extras = data.extras !== undefined ? validateExtras(data.extras) : d.extras;
        if (data.owner_org !== undefined && !findOrg(data.owner_org)) throw invalid({ owner_org: ['Organization does not exist'] });
        d.name = name;
        d.extras = extras;
        if (data.title !== undefined) d.title = str(data.title) || d.name;
        if (data.notes !== undefined) d.notes = str(data.notes) ?? '';
        if (data.private !== undefined) d.private = asBool(data.private);
        if (data.state === 'active' || data.state === 'deleted') d.state = data.state; // editors pass package_change_state
        d.metadata_modified = stamp(t);
        return dictize(d);
      }
      case 'package_delete': {
        if (data.id === undefined || data.id === '') throw missing('id');
        const d = findDataset(data.id);
        if (!d) throw notFound();
        if (!can(user, d.owner_org, 'update_dataset')) throw denied(`User ${userName(user)} not authorized to delete package ${d.id}`);
        d.state = 'deleted'; // soft delete: keeps its name (test_name_not_changed_during_deletion)
        d.metadata_modified = stamp(t);
        return null;
      }
      case 'resource_create': {
        if (data.package_id === undefined || data.package_id === '') throw missing('package_id');
        const d = findDataset(data.package_id);
        if (!d) throw notFound();
        if (!canRead(user, d)) throw denied(`User ${userName(user)} not authorized to read package ${d.id}`);
        if (!can(user, d.owner_org, 'update_dataset')) throw denied(`User ${userName(user)} not authorized to create resources on dataset ${d.id}`);
        const upload = files.get('upload');
        if (upload && upload.bytes.length > maxResourceBytes) throw invalid({ upload: ['File upload too large'] }); // lib/uploader.py _copy_file
        let id: string = randomUUID();
        if (typeof data.id === 'string' && data.id) {
          // CKAN 2.11: ordinary users may choose resource ids; reuse is a validation error.
          for (const other of datasets.values()) if (other.resources.some((r) => r.id === data.id)) throw invalid({ id: ['Resource id already exists.'] });
          id = data.id;
        }
        const filename = upload ? upload.name.replace(/[^\w.-]+/g, '-').slice(0, 100) : null; // munge_filename, roughly
        const r: FakeResource = {
          id,
          package_id: d.id,
          name: str(data.name) ?? filename ?? '',
          description: str(data.description) ?? '',
          format: str(data.format) ?? '',
          mimetype: str(data.mimetype) ?? upload?.type ?? null,
          hash: str(data.hash) ?? '',
          size: data.size !== undefined && data.size !== '' ? Number(data.size) : (upload?.bytes.length ?? null),
          url: upload ? `${baseUrl}/dataset/${d.id}/resource/${id}/download/${filename}` : (str(data.url) ?? ''),
          url_type: upload ? 'upload' : null,
          created: stamp(t),
          last_modified: upload ? stamp(t) : null,
          state: 'active',
          position: d.resources.length,
          uploadSha256: upload ? createHash('sha256').update(upload.bytes).digest('hex') : null,
          uploadSize: upload ? upload.bytes.length : null,
        };
        d.resources.push(r);
        d.metadata_modified = stamp(t);
        return resourceDict(r);
      }
      case 'resource_delete': {
        if (data.id === undefined || data.id === '') throw missing('id');
        for (const d of datasets.values()) {
          const i = d.resources.findIndex((r) => r.id === data.id);
          if (i < 0) continue;
          if (!can(user, d.owner_org, 'update_dataset')) throw denied(`User ${userName(user)} not authorized to delete resource ${data.id}`);
          d.resources.splice(i, 1);
          d.resources.forEach((r, n) => (r.position = n));
          d.metadata_modified = stamp(t);
          return null;
        }
        throw notFound();
      }
      default:
        throw new BadRequest(`Action name not known: ${action}`);
    }
  }

  function send(res: ServerResponse, status: number, body: string, contentType = 'application/json;charset=utf-8', extra: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...extra });
    res.end(body);
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', baseUrl);
    const entry: ReceivedRequest = {
      seq: ++seq,
      at: now(),
      method: req.method ?? 'GET',
      action: '',
      token: 'none',
      user: null,
      recordId: null,
      status: 0,
      fault: null,
      fields: {},
      files: [],
      raw: Buffer.alloc(0),
    };
    requests.push(entry);

    const declared = Number(req.headers['content-length'] ?? 0);
    if (options.proxyMaxBodyBytes !== undefined && declared > options.proxyMaxBodyBytes) {
      entry.status = 413;
      req.resume();
      send(res, 413, '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n', 'text/html', { Connection: 'close' });
      return;
    }
    entry.raw = await readBody(req);

    if (down?.mode === '503') {
      entry.status = 503;
      send(
        res,
        503,
        '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>',
        'text/html',
        down.retryAfterSeconds !== undefined ? { 'Retry-After': String(down.retryAfterSeconds) } : {},
      );
      return;
    }

    const match = /^\/api\/(?:3\/)?action\/([^/]+)\/?$/.exec(url.pathname);
    if (!match) {
      entry.status = 404;
      send(res, 404, '<!doctype html><title>404 Not Found</title><h1>Halaman tidak ditemukan</h1>', 'text/html');
      return;
    }
    const action = match[1]!;
    entry.action = action;

    const header = req.headers[tokenHeader];
    const presented = Array.isArray(header) ? header[0] : header;
    const holder = presented ? tokens.get(presented) : undefined;
    entry.token = !presented ? 'none' : holder ? 'valid' : 'invalid';
    const user = holder ? users.get(holder)! : null; // CKAN: an unknown token is simply anonymous
    entry.user = user?.name ?? null;

    const envelope = (extra: Record<string, unknown>) =>
      JSON.stringify({ help: `${baseUrl}/api/3/action/help_show?name=${action}`, ...extra });

    let data: Record<string, unknown> = {};
    const files: Files = new Map();
    try {
      const type = req.headers['content-type'] ?? '';
      if (req.method === 'GET') {
        if (!SIDE_EFFECT_FREE.has(action)) throw new BadRequest(`JSON Error: Invalid request. Please use POST method for your request`);
        data = Object.fromEntries(url.searchParams);
      } else if (type.startsWith('multipart/form-data')) {
        const form = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(entry.raw) }).formData();
        for (const [key, value] of form.entries()) {
          if (typeof value === 'string') data[key] = value;
          else {
            const bytes = Buffer.from(await value.arrayBuffer());
            files.set(key, { name: value.name, type: value.type, bytes });
            entry.files.push({ field: key, name: value.name, type: value.type, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
          }
        }
      } else if (entry.raw.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(entry.raw.toString('utf8'));
        } catch (e) {
          throw new BadRequest(`JSON Error: ${(e as Error).message}`);
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('JSON Error: Request data JSON decoded to an object that is not a dictionary');
        data = parsed as Record<string, unknown>;
      }
    } catch (e) {
      entry.status = 400;
      send(res, 400, JSON.stringify(`Bad request: ${(e as Error).message}`));
      return;
    }
    entry.fields = data;
    entry.recordId = resolveRecord(action, data);

    // Fault injection: the first matching rule with uses left.
    let effect: FaultEffect | null = null;
    for (const rule of rules) {
      if (rule.times <= 0) continue;
      if (rule.actions && !rule.actions.includes(action)) continue;
      if (rule.recordId !== undefined && String(rule.recordId) !== entry.recordId) continue;
      const chosen = typeof rule.effect === 'function' ? rule.effect(req.headers) : rule.effect;
      if (!chosen) continue;
      rule.times--;
      effect = chosen;
      entry.fault = rule.label ?? effect.type;
      break;
    }

    const commits =
      !effect || (effect.type === 'status' && effect.commit === true) || (effect.type === 'hang' && effect.afterCommit === true) || (effect.type === 'drop' && effect.afterCommit);
    let status = 200;
    let body = '';
    if (commits) {
      try {
        const result = runAction(action, data, files, user);
        body = envelope({ success: true, result });
      } catch (e) {
        if (e instanceof CkanError) {
          status = e.status;
          body = envelope({ success: false, error: e.error });
        } else if (e instanceof BadRequest) {
          status = 400;
          body = JSON.stringify(`Bad request: ${e.message}`);
        } else {
          status = 500;
          body = envelope({ success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } });
        }
      }
    }
    if (effect?.type === 'drop') {
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    if (effect?.type === 'hang') {
      entry.status = 'hung';
      req.socket.once('close', () => (entry.hungMs = performance.now() - arrived));
      return; // the socket stays open until the client gives up or the server closes
    }
    if (effect?.type === 'status') {
      entry.status = effect.status;
      const extra: Record<string, string> = effect.retryAfter !== undefined ? { 'Retry-After': effect.retryAfter } : {};
      if (effect.raw !== undefined) send(res, effect.status, effect.raw, effect.contentType ?? 'text/html', extra);
      else send(res, effect.status, envelope({ success: false, error: effect.body ?? { __type: 'Internal Server Error', message: 'Internal Server Error' } }), undefined, extra);
      return;
    }
    entry.status = status;
    send(res, status, body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ success: false, error: { __type: 'Internal Server Error', message: String(error) } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  async function stopListening(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const s of sockets) s.destroy();
    await closed;
  }

  return {
    url: baseUrl,
    port,
    tokens: tokenSet,
    organization: ours,
    otherOrganization: other,
    requests,
    datasets: () => [...datasets.values()],
    datasetsForRecord: (recordId) => [...datasets.values()].filter((d) => recordOf(d) === String(recordId)),
    datasetCountByRecord() {
      const counts = new Map<string, number>();
      for (const d of datasets.values()) {
        const r = recordOf(d);
        if (r !== null) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
      return counts;
    },
    uploadedHashes: () => new Set(requests.flatMap((r) => r.files.map((f) => f.sha256))),
    requestsMentioning(text) {
      const needle = typeof text === 'string' ? Buffer.from(text) : text;
      return requests.filter((r) => r.raw.includes(needle));
    },
    inject(rule) {
      rules.push({ ...rule });
    },
    clearFaults() {
      rules = [];
    },
    async goDown(mode, opts = {}) {
      down = { mode, ...opts };
      if (mode === 'refuse') await stopListening();
    },
    async comeBack() {
      const was = down;
      down = null;
      if (was?.mode === 'refuse') await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    get isDown() {
      return down !== null;
    },
    seedDataset(fields) {
      const org = fields.org === 'other' ? other : ours;
      const t = stamp(now());
      const d: FakeDataset = {
        id: randomUUID(),
        name: fields.name,
        title: fields.title ?? fields.name,
        notes: '',
        private: fields.private ?? false,
        state: 'active',
        owner_org: org.id,
        extras: fields.extras ?? [],
        resources: [],
        metadata_created: t,
        metadata_modified: t,
        creator_user_id: users.get('admin')!.id,
        type: 'dataset',
      };
      datasets.set(d.id, d);
      return d;
    },
    async close() {
      if (down?.mode === 'refuse') return;
      await stopListening();
    },
  };
}
