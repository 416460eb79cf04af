// The seam between the pusher and a portal: what a push or a withdrawal hands over, what comes
// back, and the one error type that says whether trying again can help. An adapter never touches
// the database and never decides what may be published: the pusher checks that before calling it.
import type { Bilingual } from '../../preload/contract.ts';

export type WithdrawMode = 'private' | 'delete';

/**
 * retryable: the portal or the network may get better by itself (timeouts, refused connections,
 * 5xx, 429). permanent: asking again with the same data gets the same answer (4xx validation).
 * scope 'portal': the trouble is with the whole portal (token refused, wrong URL): no item should
 * be parked for it, the queue waits until a person fixes the settings.
 */
export type PortalErrorKind = 'retryable' | 'permanent';
export type PortalErrorScope = 'item' | 'portal';

export interface PortalErrorInit {
  status?: number;
  retryAfterMs?: number;
  scope?: PortalErrorScope;
  /** CKAN's error.__type, e.g. 'Validation Error'. */
  portalType?: string;
  /** What the portal itself said, verbatim (already redacted). */
  portalMessage?: string;
  /** Indonesian wording for the screen; the English one is `message`. */
  id?: string;
  /** No answer came: the request hung until the timeout, or the connection failed. */
  transport?: 'timeout' | 'connection';
}

export class PortalError extends Error {
  readonly kind: PortalErrorKind;
  readonly scope: PortalErrorScope;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly portalType: string | undefined;
  readonly portalMessage: string | undefined;
  readonly messages: Bilingual;
  readonly transport: 'timeout' | 'connection' | undefined;
  /** The portal action that failed, when known (set by the adapter). */
  action: string | undefined;

  constructor(kind: PortalErrorKind, message: string, init: PortalErrorInit = {}) {
    super(message);
    this.name = 'PortalError';
    this.kind = kind;
    this.scope = init.scope ?? 'item';
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.portalType = init.portalType;
    this.portalMessage = init.portalMessage;
    this.messages = { id: init.id ?? message, en: message };
    this.transport = init.transport;
  }
}

export function isPortalError(error: unknown): error is PortalError {
  return error instanceof PortalError;
}

export interface PublishDocument {
  readonly sha256: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  /** The bytes, read from the store only when the portal does not have them yet. */
  read(): Promise<Uint8Array>;
}

export interface PublishItem {
  readonly recordId: number;
  readonly archiveKey: string;
  readonly title: string;
  readonly notes: string;
  readonly classificationCode: string | null;
  readonly date: string | null;
  readonly unit: string | null;
  readonly category: string;
  readonly documents: readonly PublishDocument[];
  /** Land as private, awaiting the data steward (walidata), when the dataset is new or comes back. */
  readonly privateOnArrival: boolean;
  /** What an earlier push left behind, so the dataset is addressed by its id. */
  readonly known: { readonly datasetId: string; readonly withdrawn: boolean } | null;
}

export interface ResourceReceipt {
  id: string;
  sha256: string;
  name: string;
  url: string | null;
  size: number | null;
}

export interface PublishReceipt {
  datasetId: string;
  datasetName: string;
  datasetUrl: string | null;
  private: boolean;
  resources: ResourceReceipt[];
  /** True when this call created the dataset (false when it found and patched it). */
  created: boolean;
  uploaded: number;
  removed: number;
}

export interface WithdrawItem {
  readonly recordId: number;
  readonly archiveKey: string;
  readonly datasetId: string | null;
  readonly mode: WithdrawMode;
}

export interface WithdrawReceipt {
  datasetId: string | null;
  /** absent: the portal had no such dataset (a 404 is success for a withdrawal). */
  outcome: 'hidden' | 'deleted' | 'absent';
}

export interface ConnectionReport {
  portal: string | null;
  version: string | null;
  siteTitle: string | null;
  organization: { id: string; name: string; title: string } | null;
}

export interface PortalAdapter {
  readonly target: 'ckan' | 'catalogue';
  readonly portalUrl: string | null;
  /** The organization slug dataset names are built from. */
  readonly organization: string;
  testConnection(signal?: AbortSignal): Promise<ConnectionReport>;
  publish(item: PublishItem, signal?: AbortSignal): Promise<PublishReceipt>;
  withdraw(item: WithdrawItem, signal?: AbortSignal): Promise<WithdrawReceipt>;
  /** Removes every secret this adapter knows from a text before anyone stores or shows it. */
  redact(text: string): string;
  /**
   * Requests the portal has answered so far (a result or a definite refusal, not a 5xx, timeout
   * or dropped connection). The pusher's breaker counts requests, not items: one publish is
   * several requests, and a failure on the fourth says the portal answered the first three.
   */
  readonly answered?: number;
}

const NAME_MAX = 100; // CKAN PACKAGE_NAME_MAX_LENGTH

/** CKAN-valid slug: lowercase ascii letters, digits, '-' and '_'. */
export function slug(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/**
 * The dataset name a record always gets: the same record pushed twice (a retry after a lost
 * response) lands on the same name, which CKAN keeps unique, so it can never become two datasets.
 */
export function datasetName(organization: string, archiveKey: string, recordId: number): string {
  const tail = `-${slug(archiveKey)}-${recordId}`;
  const org = slug(organization) || 'arsip';
  const room = NAME_MAX - 'berkas-'.length - tail.length;
  return `berkas-${org.slice(0, Math.max(1, room)).replace(/[-_]+$/, '')}${tail}`;
}
