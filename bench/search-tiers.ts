// Search latency over a second query set chosen from the archive's own vocabulary by document
// frequency (issue 16): words in ≥ 40 %, 15–40 %, 3–15 % and 0.3–3 % of the indexed rows, two-word
// ANDs mixing the tiers, 3- and 5-letter prefixes, and ORs. Per tier: the app's search() (page 1
// and page 5 of 50, ranked afresh), its first run (the terms' postings not yet cached: what the first query of a
// clerk's day costs), raw FTS5 (`MATCH … ORDER BY rank LIMIT 50`) in the same run, and the top-10
// overlap with exact BM25. Chosen deterministically, so two runs on one archive ask the same.
import type { Db } from '../main/db/connection.ts';
import { CLASS_ORDER, type SecurityClassName } from '../main/clearance/viewer.ts';
import { parseQuery } from '../main/search/query.ts';
import { forgetRankings, search } from '../main/search/search.ts';
import { rankingOverlap, type BenchQuery } from './search.ts';
import { nowMs, percentile, round } from './stats.ts';

export interface TierQuery extends BenchQuery {
  tier: string;
}

interface Side {
  p50: number;
  p95: number;
}

export interface TierFigures {
  tier: string;
  queries: { label: string; total: number; ours: Side; page5: Side; firstRunMs: number; raw: Side }[];
  ours: Side;
  page5: Side;
  /** Median and worst of the queries' first runs. */
  firstRun: { p50: number; max: number };
  raw: Side;
  ratioToRawP95: number;
  /** Mean top-10 overlap with exact BM25 (single words, ANDs and ORs; null for prefixes). */
  overlap: number | null;
}

export interface TierSection {
  units: number;
  runsPerQuery: number;
  tiers: TierFigures[];
  /** Every tier's runs pooled (page 1). */
  pooled: { ours: Side; raw: Side; page5: Side };
}

const PER_TIER = 4;
const TIERS = [
  { name: '≥ 40 %', lo: 0.4, hi: 1.01 },
  { name: '15–40 %', lo: 0.15, hi: 0.4 },
  { name: '3–15 %', lo: 0.03, hi: 0.15 },
  { name: '0.3–3 %', lo: 0.003, hi: 0.03 },
] as const;

/** Words (exact forms of 3+ letters, not stems or numbers) per tier, spread over the tier's range. */
function wordsByTier(db: Db): { units: number; tiers: string[][] } {
  const units = db.prepare('SELECT count(*) FROM search_units').pluck().get() as number;
  const rows = db.prepare("SELECT term, df FROM search_terms WHERE term NOT LIKE '~%' AND length(term) >= 3 AND term GLOB '[a-z]*' AND term NOT GLOB '*[0-9]*' ORDER BY df DESC").all() as { term: string; df: number }[];
  const tiers = TIERS.map((t) => {
    const inTier = rows.filter((r) => r.df / units >= t.lo && r.df / units < t.hi);
    if (inTier.length <= PER_TIER) return inTier.map((r) => r.term);
    return Array.from({ length: PER_TIER }, (_, i) => inTier[Math.floor((i * (inTier.length - 1)) / (PER_TIER - 1))]!.term);
  });
  return { units, tiers };
}

export function tierQueries(db: Db): TierQuery[] {
  const { tiers } = wordsByTier(db);
  const out: TierQuery[] = [];
  const q = (tier: string, kind: BenchQuery['kind'], text: string) => out.push({ tier, kind, text, label: text, filter: {} });
  TIERS.forEach((t, i) => {
    for (const w of tiers[i]!) q(t.name, 'common', w);
  });
  const [t40, t15, t3, t03] = tiers;
  const pairs: [string[] | undefined, string[] | undefined, string][] = [
    [t40, t15, 'AND ≥ 40 % × 15–40 %'],
    [t40, t03, 'AND ≥ 40 % × 0.3–3 %'],
    [t15, t3, 'AND 15–40 % × 3–15 %'],
    [t3, t03, 'AND 3–15 % × 0.3–3 %'],
  ];
  for (const [a, b, name] of pairs) for (let i = 0; i < Math.min(2, a?.length ?? 0, b?.length ?? 0); i++) q(name, 'and', `${a![i]} ${b![b!.length - 1 - i]}`);
  const prefixSource = [...(t40 ?? []), ...(t15 ?? []), ...(t3 ?? [])];
  const prefixes = (n: number) => [...new Set(prefixSource.filter((w) => w.length > n).map((w) => w.slice(0, n)))].slice(0, PER_TIER);
  for (const p of prefixes(3)) q('prefix, 3 letters', 'prefix', `${p}*`);
  for (const p of prefixes(5)) q('prefix, 5 letters', 'prefix', `${p}*`);
  for (let i = 0; i < Math.min(2, t15?.length ?? 0, t03?.length ?? 0); i++) q('OR 15–40 % | 0.3–3 %', 'or', `${t15![i]} OR ${t03![i]}`);
  for (let i = 0; i < Math.min(2, t3?.length ?? 0, t03?.length ?? 0); i++) q('OR 3–15 % | 0.3–3 %', 'or', `${t3![i]} OR ${t03![t03!.length - 1 - i]}`);
  return out;
}

const ms = (values: number[]): Side => ({ p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3) });

export function benchTiers(db: Db, queries: TierQuery[], options: { runs: number; classes?: readonly SecurityClassName[] }): TierSection {
  const classes = options.classes ?? CLASS_ORDER;
  const raw = db.prepare('SELECT rowid, bm25(search_index) FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50');
  const perTier = new Map<string, { queries: TierFigures['queries']; ours: number[]; page5: number[]; raw: number[]; first: number[] }>();
  const pooled = { ours: [] as number[], raw: [] as number[], page5: [] as number[] };
  const time = (fn: () => unknown) => {
    const start = nowMs();
    fn();
    return nowMs() - start;
  };
  for (const query of queries) {
    const match = parseQuery(query.text).match;
    if (!match) throw new Error(`tier query "${query.text}" parses to nothing`);
    const page = (offset: number) => () => search(db, query.text, { filter: {}, offset, limit: 50, classes });
    const firstRunMs = time(page(0));
    const samples = { ours: [] as number[], page5: [] as number[], raw: [] as number[] };
    time(() => raw.all(match));
    for (let run = 0; run < options.runs; run++) {
      samples.ours.push(time(page(0)));
      // Page 5 as if jumped to: not served from a ranking kept for an earlier later page.
      forgetRankings(db);
      samples.page5.push(time(page(200)));
      samples.raw.push(time(() => raw.all(match)));
    }
    const t = perTier.get(query.tier) ?? { queries: [], ours: [], page5: [], raw: [], first: [] };
    perTier.set(query.tier, t);
    t.queries.push({ label: query.label, total: page(0)().total, ours: ms(samples.ours), page5: ms(samples.page5), firstRunMs: round(firstRunMs, 2), raw: ms(samples.raw) });
    t.ours.push(...samples.ours);
    t.page5.push(...samples.page5);
    t.raw.push(...samples.raw);
    t.first.push(firstRunMs);
    pooled.ours.push(...samples.ours);
    pooled.raw.push(...samples.raw);
    pooled.page5.push(...samples.page5);
  }
  const tiers: TierFigures[] = [...perTier].map(([tier, t]) => {
    const ofTier = queries.filter((q) => q.tier === tier);
    const measured = rankingOverlap(db, ofTier);
    const overlap = measured.perQuery.length > 0 ? measured.mean : null;
    return {
      tier,
      queries: t.queries,
      ours: ms(t.ours),
      page5: ms(t.page5),
      firstRun: { p50: round(percentile(t.first, 50), 2), max: round(Math.max(...t.first), 2) },
      raw: ms(t.raw),
      ratioToRawP95: round(percentile(t.ours, 95) / percentile(t.raw, 95), 2),
      overlap,
    };
  });
  const units = db.prepare('SELECT count(*) FROM search_units').pluck().get() as number;
  return { units, runsPerQuery: options.runs, tiers, pooled: { ours: ms(pooled.ours), raw: ms(pooled.raw), page5: ms(pooled.page5) } };
}

/** The tiers as a plain-text table for the report. */
export function tierTable(section: TierSection): string[] {
  const lines = [`Search by document-frequency tier (${section.units.toLocaleString('en')} indexed rows, ${section.runsPerQuery} runs a query; ms p50 / p95):`];
  const pad = (s: string, n: number) => s.padEnd(n);
  lines.push(`${pad('tier', 24)}${pad('ours', 18)}${pad('page 5', 18)}${pad('first run p50/max', 20)}${pad('raw FTS5', 18)}${pad('ratio p95', 11)}overlap`);
  for (const t of section.tiers) {
    lines.push(
      `${pad(t.tier, 24)}${pad(`${t.ours.p50} / ${t.ours.p95}`, 18)}${pad(`${t.page5.p50} / ${t.page5.p95}`, 18)}${pad(`${t.firstRun.p50} / ${t.firstRun.max}`, 20)}${pad(`${t.raw.p50} / ${t.raw.p95}`, 18)}${pad(String(t.ratioToRawP95), 11)}${t.overlap ?? '-'}`,
    );
    lines.push(`    ${t.queries.map((q) => `${q.label} ${q.ours.p50}`).join(', ')}`);
  }
  const p = section.pooled;
  lines.push(`${pad('all tiers', 24)}${pad(`${p.ours.p50} / ${p.ours.p95}`, 18)}${pad(`${p.page5.p50} / ${p.page5.p95}`, 18)}${pad('', 20)}${pad(`${p.raw.p50} / ${p.raw.p95}`, 18)}${round(p.ours.p95 / p.raw.p95, 2)}`);
  return lines;
}
