// Keeps secrets out of anything written for people to read later (log files, diagnostics bundles):
// values under secret-looking keys are masked, and secrets embedded in text (bearer tokens,
// passwords in URLs, token=… query parameters) are masked too. Masking is by key name and by
// shape, so a new setting called e.g. `portal.apiKey` is covered without anyone remembering to.
export const MASK = '[redacted]';

const SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|authori[sz]ation|api[-_]?key|apikey|cookie|credential|private[-_]?key|session[-_]?id|pin$)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const TEXT_RULES: Array<[RegExp, string]> = [
  // Authorization: Bearer abc / Basic abc / a bare CKAN token after the header name
  [/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(bearer\s+|basic\s+|token\s+)?[^\s"',;}]+/gi, `$1$2$3${MASK}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${MASK}`],
  // scheme://user:password@host
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${MASK}@`],
  // key=value / "key": "value" / key: value for secret-looking keys
  [
    /\b([A-Za-z0-9_.-]*(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|apikey|credential|private[-_]?key)[A-Za-z0-9_.-]*)(["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi,
    `$1$2${MASK}`,
  ],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy with secret-looking keys masked and secrets inside strings masked. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(code === undefined ? {} : { code }),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && inner !== null && inner !== undefined && inner !== '' ? MASK : redact(inner, seen);
  }
  return out;
}
