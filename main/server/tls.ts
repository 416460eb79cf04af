// The server's certificate: IT's own, or a self-signed one made at `berkas server init` for the
// names clients use. Clients pin its SHA-256 fingerprint (printed at init and at every start), so
// a self-signed certificate is as safe as one from a CA: a different certificate is refused.
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';
import { appError } from '../errors.ts';

export interface TlsFiles {
  cert: string;
  key: string;
}

/** "AB:CD:…", the form browsers and `openssl x509 -fingerprint -sha256` show. */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Compares fingerprints however they were typed (case, colons, spaces). */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return norm(a).length === 64 && norm(a) === norm(b);
}

export async function makeSelfSigned(names: readonly string[], files: TlsFiles, years = 10): Promise<string> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + years);
  const altNames = names.map((name) => (isIP(name.replace(/^\[|\]$/g, '')) ? { type: 7 as const, ip: name.replace(/^\[|\]$/g, '') } : { type: 2 as const, value: name }));
  const pems = await generate([{ name: 'commonName', value: names[0]! }, { name: 'organizationName', value: 'Berkas' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  writeFileSync(files.key, pems.private, { mode: 0o600, flag: 'wx' });
  writeFileSync(files.cert, pems.cert, { mode: 0o644, flag: 'wx' });
  return fingerprintOf(pems.cert);
}

export function readTls(files: TlsFiles): { cert: string; key: string; fingerprint: string } {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(files.cert, 'utf8');
    key = readFileSync(files.key, 'utf8');
  } catch (error) {
    throw appError('not-found', `Sertifikat TLS tidak dapat dibaca (${(error as Error).message}). Jalankan berkas server init, atau perbaiki tls.cert/tls.key di konfigurasi.`, `The TLS certificate cannot be read (${(error as Error).message}). Run berkas server init, or fix tls.cert/tls.key in the configuration.`);
  }
  return { cert, key, fingerprint: fingerprintOf(cert) };
}
