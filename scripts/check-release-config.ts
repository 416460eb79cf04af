// Release-build checks on electron-builder.yml, run by `npm run dist` before anything is built.
// The one that matters most: a Windows release must carry win.signtoolOptions.publisherName,
// because electron-updater installs an update WITHOUT checking its signature when app-update.yml
// has no publisherName (NsisUpdater.verifySignature returns "ok" on null — research §4.2), and
// electron-builder only writes it when the config names the publisher. A release is requested
// with BERKAS_RELEASE=1 or --release.
// Usage: node scripts/check-release-config.ts [--release] [-c.key=value …] [--config FILE]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface ReleaseCheck {
  ok: boolean;
  problems: string[];
  warnings: string[];
}

export function releaseRequested(argv: readonly string[], env: Record<string, string | undefined>): boolean {
  return argv.includes('--release') || env.BERKAS_RELEASE === '1' || env.BERKAS_RELEASE === 'true';
}

/** `-c.a.b=value` / `--config.a.b=value` arguments, as electron-builder reads them. */
export function configOverrides(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^(?:-c|--config)\.([A-Za-z0-9_.]+)=(.*)$/.exec(arg);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function get(config: unknown, path: string): unknown {
  let value: unknown = config;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function publisherNames(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}

export function checkReleaseConfig(configText: string, options: { release: boolean; overrides?: Record<string, string> }): ReleaseCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  let config: unknown;
  try {
    config = parse(configText);
  } catch (error) {
    return { ok: false, problems: [`electron-builder.yml is not valid YAML: ${error instanceof Error ? error.message : String(error)}`], warnings };
  }
  const overrides = options.overrides ?? {};
  const read = (path: string) => (path in overrides ? overrides[path] : get(config, path));

  if (read('npmRebuild') !== false && read('npmRebuild') !== 'false') {
    problems.push('npmRebuild must be false: better-sqlite3 13 needs no rebuild, and a rebuild fetches Electron headers from the network.');
  }
  const unpack = read('asarUnpack');
  if (!(Array.isArray(unpack) ? unpack : [unpack]).some((p) => typeof p === 'string' && p.includes('.node'))) {
    problems.push("asarUnpack must include '**/*.node' so the SQLite native module is loadable from outside app.asar.");
  }

  const publishers = [
    ...publisherNames(read('win.signtoolOptions.publisherName')),
    ...publisherNames(read('win.azureSignOptions.publisherName')),
  ];
  if (publishers.length === 0) {
    const text =
      'win.signtoolOptions.publisherName is not set. Without it the built app-update.yml has no publisherName, and ' +
      'electron-updater then installs any downloaded update WITHOUT checking its Authenticode signature (the fail-open trap). ' +
      'Set it to the full subject DN of the code-signing certificate, e.g. "CN=Dinas Kominfo Kabupaten Contoh, O=Pemerintah Kabupaten Contoh, L=Contoh, C=ID", ' +
      'in electron-builder.yml or with -c.win.signtoolOptions.publisherName="…".';
    if (options.release) problems.push(`Release build refused: ${text}`);
    else warnings.push(`Not a release build, so allowed: ${text}`);
  }
  for (const name of publishers) {
    if (!/\bCN=/.test(name)) {
      warnings.push(`publisherName "${name}" is only a common name; give the full DN (CN=…, O=…, L=…, C=…) so every component is compared.`);
    }
  }
  if (read('win.verifyUpdateCodeSignature') === false || read('win.verifyUpdateCodeSignature') === 'false') {
    if (options.release) problems.push('win.verifyUpdateCodeSignature is false: a release must verify the signature of updates.');
    else warnings.push('win.verifyUpdateCodeSignature is false.');
  }

  const url = read('publish.url');
  if (typeof url === 'string') {
    if (/\.invalid(?:[:/]|$)/i.test(url)) {
      warnings.push(`publish.url is the placeholder ${url}: installed apps will have no update server unless the IT policy sets updates.url.`);
    } else if (/^http:\/\//i.test(url)) {
      warnings.push(`publish.url ${url} is plain http: the update manifest is not signed, so it relies on TLS; use https.`);
    }
  }
  if (read('nsis.oneClick') !== false && read('nsis.oneClick') !== 'false') {
    warnings.push('nsis.oneClick is not false: IT cannot choose per-machine installs or the folder.');
  }
  return { ok: problems.length === 0, problems, warnings };
}

/**
 * After a Windows build: the app-update.yml that will ship must name the publisher (signed build),
 * or a release must not go out. `text` is resources/app-update.yml from the unpacked app.
 */
export function checkPackagedUpdateConfig(text: string, options: { release: boolean }): ReleaseCheck {
  const parsed = parse(text) as Record<string, unknown> | null;
  const names = publisherNames(parsed?.publisherName);
  if (names.length === 0 && options.release) {
    return {
      ok: false,
      problems: ['The built app-update.yml has no publisherName: this build would install unsigned updates. Do not publish it; sign the build with publisherName set.'],
      warnings: [],
    };
  }
  return { ok: true, problems: [], warnings: names.length === 0 ? ['app-update.yml has no publisherName (unsigned development build).'] : [] };
}

function main(argv: string[]): number {
  const root = join(import.meta.dirname, '..');
  const configIndex = argv.indexOf('--config');
  const file = configIndex >= 0 && argv[configIndex + 1] ? resolve(argv[configIndex + 1]!) : join(root, 'electron-builder.yml');
  const release = releaseRequested(argv, process.env);
  const result = checkReleaseConfig(readFileSync(file, 'utf8'), { release, overrides: configOverrides(argv) });
  for (const w of result.warnings) console.error(`warning: ${w}`);
  for (const p of result.problems) console.error(`error: ${p}`);
  if (result.ok) console.error(`${file}: ${release ? 'release' : 'development'} build configuration OK.`);
  return result.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
