// Related clauses (indexer/related.ts) over a whole law archive: every law one document, enriched as the indexer
// does (glossary, jieba, CC-CEDICT glosses), then relatedRun timed alone, with its peak RSS, the candidates it
// scored and the links it kept. As a check by eye, the implementing regulations (…实施条例) against their law:
// the share of their clauses whose first link is in that law, and a few such links.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCedict } from '../indexer/dictionary.ts';
import { toIndexedClause } from '../indexer/enrich.ts';
import { markdownDocuments } from '../indexer/markdown.ts';
import { loadEnricher } from '../indexer/pipeline.ts';
import { CANDIDATE_TUNING, relatable, relatedRun, RELATED_TUNING, type RelatableClause } from '../indexer/related.ts';
import { parseProcStatus } from './cpu.ts';
import { f, int, table } from './markdown.ts';

export interface RelatedExample {
  from: string;
  to: string;
  score: number;
  relation: 'same' | 'related';
  fromText: string;
  toText: string;
}

export interface RelatedBenchResult {
  documents: number;
  clauses: number;
  /** Clauses relatedRun reads (framing kinds left out). */
  relatable: number;
  prepareSeconds: number;
  seconds: number;
  /** RSS before relatedRun (inputs resident), and its peak while it ran (VmHWM reset before; null off Linux). */
  rssBeforeMb: number | null;
  peakRssMb: number | null;
  candidatesPerClause: number;
  /** Share of clauses whose candidates were cut at the bound. */
  cappedShare: number;
  linksPerClause: number;
  withLinksShare: number;
  sameLinksPerClause: number;
  regulations: { laws: number; clauses: number; firstLinkInLaw: number };
  /** Against the exact lists (no bound) of a fixed sample of clauses: share of their top 5 found, of top 1. */
  exact: { sample: number; seconds: number; top5: number; top1: number };
  examples: RelatedExample[];
}

/** "行政法规/外商投资法实施条例(2019-12-26).md" → "外商投资法实施条例". */
/** Clauses whose exact lists (every other clause a candidate) the bench computes. */
const EXACT_SAMPLE = 200;

const lawName = (file: string) => path.basename(file, '.md').replace(/[(（][^()（）]*[)）]$/, '');

async function status(): Promise<{ rssMb: number | null; peakRssMb: number | null }> {
  return parseProcStatus(await readFile('/proc/self/status', 'utf8').catch(() => ''));
}

export async function runRelatedBench(corpus: string, log: (line: string) => void = () => undefined): Promise<RelatedBenchResult> {
  const started = performance.now();
  const { enricher } = await loadEnricher();
  const context = { ...enricher, dictionary: loadCedict() };
  const clauses: RelatableClause[] = [];
  // What the check by eye needs of each clause; the enriched clauses themselves are dropped document by document.
  const label = new Map<string, { law: string; path: string; text: string }>();
  const docOfLaw = new Map<string, string>();
  let documents = 0;
  for await (const item of markdownDocuments(corpus)) {
    const doc = item.document;
    if (!doc || item.problems.some((p) => p.severity === 'error')) continue;
    documents++;
    const law = lawName(doc.sourcePath);
    if (!docOfLaw.has(law)) docOfLaw.set(law, doc.meta.id);
    const indexed = doc.clauses.map((c) => toIndexedClause(c, doc, context));
    const byId = new Map(indexed.map((c) => [c.id, c]));
    for (const [i, c] of indexed.entries()) {
      clauses.push(relatable(c, (c.parentId && byId.get(c.parentId)?.heading_seg) || '', enricher.segmentedField));
      label.set(c.id, { law, path: doc.clauses[i]!.path.zh, text: c.text.replace(/\s+/g, ' ').slice(0, 60) });
    }
    if (documents % 500 === 0) log(`  related: ${documents} documents, ${clauses.length} clauses prepared`);
  }
  const prepareSeconds = (performance.now() - started) / 1000;
  // VmHWM is the process's peak so far: reset it (Linux, "5" to clear_refs) so it shows relatedRun's own peak.
  await writeFile('/proc/self/clear_refs', '5').catch(() => undefined);
  const before = await status();
  const t0 = performance.now();
  const run = relatedRun(clauses);
  const seconds = (performance.now() - t0) / 1000;
  const after = await status();
  log(`  related: ${run.links.size} clauses linked in ${seconds.toFixed(1)} s, peak RSS ${after.peakRssMb?.toFixed(0) ?? 'n/a'} MB`);

  let links = 0;
  let withLinks = 0;
  let same = 0;
  for (const list of run.links.values()) {
    links += list.length;
    withLinks += Number(list.length > 0);
    same += list.filter((l) => l.relation === 'same').length;
  }
  // The exact lists of a sample (every 1 in n clauses, fixed): what the candidate bounds lose.
  const step = Math.max(1, Math.floor(run.links.size / EXACT_SAMPLE));
  const sample = new Set([...run.links.keys()].filter((_, i) => i % step === 0).slice(0, EXACT_SAMPLE));
  const t1 = performance.now();
  const exactLinks = relatedRun(clauses, { postedFeatures: Infinity, rareFeature: 0, maxPostings: Infinity, candidates: Infinity }, sample).links;
  const exact = { sample: sample.size, seconds: (performance.now() - t1) / 1000, top5: 0, top1: 0 };
  let want5 = 0;
  let want1 = 0;
  for (const [id, want] of exactLinks) {
    const got = run.links.get(id)!;
    const top = new Set(got.slice(0, 5).map((l) => l.id));
    want5 += Math.min(5, want.length);
    exact.top5 += want.slice(0, 5).filter((l) => top.has(l.id)).length;
    want1 += Math.min(1, want.length);
    exact.top1 += Number(want.length > 0 && got[0]?.id === want[0]!.id);
  }
  exact.top5 /= Math.max(1, want5);
  exact.top1 /= Math.max(1, want1);
  log(
    `  related: exact lists of ${sample.size} clauses in ${exact.seconds.toFixed(1)} s: top-5 recall ${exact.top5.toFixed(3)}, top-1 ${exact.top1.toFixed(3)}`,
  );
  const docOf = new Map(clauses.map((c) => [c.id, c.docId]));
  const regulations = { laws: 0, clauses: 0, firstLinkInLaw: 0 };
  const examples: RelatedExample[] = [];
  const seenRegulation = new Set<string>();
  for (const [id, list] of run.links) {
    const from = label.get(id)!;
    if (!from.law.endsWith('实施条例')) continue;
    const lawDoc = docOfLaw.get(from.law.replace(/实施条例$/, ''));
    if (!lawDoc) continue;
    if (!seenRegulation.has(from.law)) {
      seenRegulation.add(from.law);
      regulations.laws++;
    }
    regulations.clauses++;
    const first = list[0];
    if (first && docOf.get(first.id) === lawDoc) {
      regulations.firstLinkInLaw++;
      // The first strong link of each of the first regulations met (the files are read in sorted order).
      if (examples.length < 6 && first.score >= RELATED_TUNING.sameScore && !examples.some((e) => e.from.startsWith(from.law))) {
        const to = label.get(first.id)!;
        examples.push({
          from: `${from.law} ${from.path}`,
          to: `${to.law} ${to.path}`,
          score: first.score,
          relation: first.relation,
          fromText: from.text,
          toText: to.text,
        });
      }
    }
  }
  const n = run.links.size;
  return {
    documents,
    clauses: label.size,
    relatable: n,
    prepareSeconds,
    seconds,
    rssBeforeMb: before.rssMb,
    peakRssMb: after.peakRssMb,
    candidatesPerClause: run.candidates / n,
    cappedShare: run.capped / n,
    linksPerClause: links / n,
    withLinksShare: withLinks / n,
    sameLinksPerClause: same / n,
    regulations,
    exact,
    examples,
  };
}

export function formatRelatedRun(meta: { date: string; command: string; corpus: string; cpus: number }, r: RelatedBenchResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const rows = [
    ['documents (clauses; read by relatedRun)', `${int(r.documents)} (${int(r.clauses)}; ${int(r.relatable)})`],
    ['parse + enrich + segment sentences (s)', f(r.prepareSeconds, 1)],
    ['relatedRun (s)', f(r.seconds, 1)],
    ['RSS before relatedRun / peak during (MB)', `${r.rssBeforeMb?.toFixed(0) ?? 'n/a'} / ${r.peakRssMb?.toFixed(0) ?? 'n/a'}`],
    ['candidates scored per clause (clauses at the bound)', `${f(r.candidatesPerClause, 1)} (${pct(r.cappedShare)})`],
    [
      `recall of the exact top 5 (top 1) on ${r.exact.sample} clauses, every n-th (exact lists: ${f(r.exact.seconds, 1)} s)`,
      `${f(r.exact.top5, 3)} (${f(r.exact.top1, 3)})`,
    ],
    ['links per clause (clauses with a link; "same" links per clause)', `${f(r.linksPerClause, 2)} (${pct(r.withLinksShare)}; ${f(r.sameLinksPerClause, 2)})`],
    [
      `implementing regulations (…实施条例) with their law in the archive: clauses whose first link is in that law`,
      `${r.regulations.laws} regulations, ${int(r.regulations.firstLinkInLaw)} of ${int(r.regulations.clauses)} (${pct(r.regulations.firstLinkInLaw / Math.max(1, r.regulations.clauses))})`,
    ],
  ];
  const examples = r.examples.map((e) => [`${e.from}: ${e.fromText}…`, `${e.to}: ${e.toText}…`, `${e.score} ${e.relation}`]);
  return [
    `## ${meta.date.slice(0, 16).replace('T', ' ')} UTC — related clauses, ${meta.corpus}`,
    '',
    `- Command: \`${meta.command}\`; ${meta.cpus} CPUs; candidate tuning ${JSON.stringify(CANDIDATE_TUNING)}`,
    '',
    table(['', ''], rows),
    '',
    'First links of implementing regulations into their law (first strong link of the first regulations in file order):',
    '',
    table(['clause', 'first link', 'score'], examples),
    '',
  ].join('\n');
}

export const relatedSummaryLine = (r: RelatedBenchResult) =>
  `related: ${int(r.relatable)} clauses in ${f(r.seconds, 1)} s (peak RSS ${r.peakRssMb?.toFixed(0) ?? 'n/a'} MB), ` +
  `${f(r.candidatesPerClause, 1)} candidates and ${f(r.linksPerClause, 2)} links per clause`;
