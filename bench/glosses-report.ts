// Pure formatting of the gloss benchmark (bench/glosses.ts): its markdown section and one-line summary.
import type { GlossSide, LawGlossResult, ServerStartResult, StartSample } from './glosses.ts';
import { f, int, table } from './markdown.ts';
import type { MachineInfo } from './report.ts';
import { median } from './stats.ts';

export interface GlossResults {
  /** Seed corpus: server start with the lexicon against an index built without dictionary. */
  start: ServerStartResult;
  /** Law archive with and without glosses; null when the run had no law archive. */
  law: LawGlossResult | null;
  durationSeconds: number;
  warmupSeconds: number;
}

/** Bounds the issue sets for the dictionary on the seed corpus: memory and start time it may add to a server. */
export const GLOSS_BOUNDS = { rssMb: 50, startSeconds: 1 } as const;

/** Median of each field (n/a fields skipped). */
export function medianSample(samples: readonly StartSample[]): StartSample {
  const of = (get: (s: StartSample) => number | null) => {
    const values = samples.map(get).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  return { readyMs: of((s) => s.readyMs) ?? Number.NaN, rssMb: of((s) => s.rssMb), peakRssMb: of((s) => s.peakRssMb) };
}

const fastest = (side: GlossSide) => side.indexing.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
const signed = (v: number | null, digits: number) => (v === null || !Number.isFinite(v) ? 'n/a' : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`);
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const rank = (r: number | null) => (r === null ? '> 100' : String(r));
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

function lawTable(law: LawGlossResult): string {
  const w = law.with;
  const o = law.without;
  const fw = fastest(w);
  const fo = fastest(o);
  const row = (label: string, get: (s: GlossSide) => number | null, digits: number, scale = 1) => {
    const a = get(w);
    const b = get(o);
    const show = (v: number | null) => (v === null ? 'n/a' : f(v / scale, digits));
    return [label, show(a), show(b), signed(diff(a, b) === null ? null : diff(a, b)! / scale, digits)];
  };
  const MB = 1024 * 1024;
  return table(
    ['', 'with glosses', 'without glosses', 'with − without'],
    [
      row('indexing wall time, fastest round (s)', (s) => fastest(s).seconds, 1),
      ['all rounds (s)', w.indexing.map((r) => f(r.seconds, 1)).join(', '), o.indexing.map((r) => f(r.seconds, 1)).join(', '), ''],
      [
        'engine batch time (s) / client prep (s)',
        `${f(fw.engine.seconds, 1)} / ${f(fw.prepSeconds, 1)}`,
        `${f(fo.engine.seconds, 1)} / ${f(fo.prepSeconds, 1)}`,
        `${signed(fw.engine.seconds - fo.engine.seconds, 1)} / ${signed(fw.prepSeconds - fo.prepSeconds, 1)}`,
      ],
      row('peak RSS of the indexing process, highest round (MB)', (s) => Math.max(...s.indexing.map((r) => r.peakRssMb)), 0),
      row('index size on disk, fastest round (MB)', (s) => fastest(s).indexBytes, 1, MB),
      row('clauses index: stored documents, rawDocumentDbSize (MB)', (s) => s.clauseIndex.rawDocumentBytes, 1, MB),
      row('clauses index: average document (bytes)', (s) => s.clauseIndex.avgDocumentBytes, 0),
      [
        'lexicon entries: Chinese words / English words',
        `${int(w.lexicon.zh)} / ${int(w.lexicon.en)}`,
        `${int(o.lexicon.zh)} / ${int(o.lexicon.en)}`,
        signed(w.lexicon.zh + w.lexicon.en - o.lexicon.zh - o.lexicon.en, 0),
      ],
      row('API server, spawn to ready (s)', (s) => s.serverReadyMs / 1000, 1),
      row('English search p50, 1 connection (ms)', (s) => s.load.latency.p50, 1),
      row('English search p95, 1 connection (ms)', (s) => s.load.latency.p95, 1),
      row('English search req/s, 1 connection', (s) => s.load.requestsPerSecond, 0),
      [
        'CPU ms per request: engine / API server',
        `${f(w.load.cpuMsPerRequest.engine ?? Number.NaN)} / ${f(w.load.cpuMsPerRequest.server ?? Number.NaN)}`,
        `${f(o.load.cpuMsPerRequest.engine ?? Number.NaN)} / ${f(o.load.cpuMsPerRequest.server ?? Number.NaN)}`,
        '',
      ],
      ['errors + non-2xx under load', String(w.load.errors + w.load.non2xx), String(o.load.errors + o.load.non2xx), ''],
      [
        `law queries with their article in the top 10 (of ${law.queries})`,
        String(w.score.top10),
        String(o.score.top10),
        signed(w.score.top10 - o.score.top10, 0),
      ],
      [`law queries with their article first (of ${law.queries})`, String(w.score.top1), String(o.score.top1), signed(w.score.top1 - o.score.top1, 0)],
    ],
  );
}

/** The engine's indexing steps (progressTrace, fastest rounds) that take longest on either side, side by side. */
function engineStepTable(law: LawGlossResult, limit = 8): string {
  const a = new Map(fastest(law.with).engine.steps.map((st) => [st.step, st.seconds]));
  const b = new Map(fastest(law.without).engine.steps.map((st) => [st.step, st.seconds]));
  const steps = [...new Set([...a.keys(), ...b.keys()])]
    .filter((st) => st.split(' > ').length <= 3)
    .sort((p, q) => Math.max(a.get(q) ?? 0, b.get(q) ?? 0) - Math.max(a.get(p) ?? 0, b.get(p) ?? 0))
    .slice(0, limit);
  return table(
    ['engine step', 'with glosses (s)', 'without (s)', 'with − without (s)'],
    steps.map((st) => [st, f(a.get(st) ?? 0, 1), f(b.get(st) ?? 0, 1), signed((a.get(st) ?? 0) - (b.get(st) ?? 0), 1)]),
  );
}

function perQueryTable(law: LawGlossResult): string {
  return table(
    ['query', 'rank with glosses', 'rank without'],
    law.with.score.results.map((r, i) => [`\`${r.q}\``, rank(r.rank), rank(law.without.score.results[i]!.rank)]),
  );
}

function missTable(law: LawGlossResult): string {
  return table(
    ['query', 'rank with / without', "query stems in the article's glosses and glossary tags", 'query stems not in them', 'Chinese words the lexicon sent'],
    law.misses.map((m) => [
      `\`${m.q}\``,
      `${rank(m.rankWith)} / ${rank(m.rankWithout)}`,
      m.found.join(' ') || '—',
      m.missing.join(' ') || '—',
      m.dictionaryWords.join(' ') || '—',
    ]),
  );
}

function startTable(start: ServerStartResult): string {
  const a = medianSample(start.withLexicon);
  const b = medianSample(start.withoutDictionary);
  const s = (v: number | null, digits: number, scale = 1) => (v === null ? 'n/a' : f(v / scale, digits));
  const ready = diff(a.readyMs, b.readyMs);
  const rss = diff(a.rssMb, b.rssMb);
  const all = (samples: StartSample[]) => samples.map((x) => f(x.readyMs / 1000, 2)).join(', ');
  return table(
    ['', 'normal index (lexicon loaded)', 'index built without dictionary', 'difference', 'bound'],
    [
      [
        'spawn to ready, median (s)',
        s(a.readyMs, 2, 1000),
        s(b.readyMs, 2, 1000),
        signed(ready === null ? null : ready / 1000, 2),
        `+${GLOSS_BOUNDS.startSeconds} s: ${met(ready !== null && ready / 1000 <= GLOSS_BOUNDS.startSeconds)}`,
      ],
      ['all starts (s)', all(start.withLexicon), all(start.withoutDictionary), '', ''],
      [
        'RSS after ready, median (MB)',
        s(a.rssMb, 0),
        s(b.rssMb, 0),
        signed(rss, 0),
        `+${GLOSS_BOUNDS.rssMb} MB: ${met(rss !== null && rss <= GLOSS_BOUNDS.rssMb)}`,
      ],
      ['peak RSS during start (VmHWM), median (MB)', s(a.peakRssMb, 0), s(b.peakRssMb, 0), signed(diff(a.peakRssMb, b.peakRssMb), 0), ''],
      [
        'lexicon entries: Chinese words / English words',
        `${int(start.lexicon.with.zh)} / ${int(start.lexicon.with.en)}`,
        `${int(start.lexicon.without.zh)} / ${int(start.lexicon.without.en)}`,
        '',
        '',
      ],
    ],
  );
}

function cedictLine(start: ServerStartResult): string {
  const c = start.cedict;
  if (!c) return 'Loading CC-CEDICT alone could not be measured.';
  return (
    'Not in the difference: both servers load the whole CC-CEDICT at start (runtime → runIndex, whose ' +
    '`options.dictionary ?? loadCedict()` runs before the content hash says the index is up to date). Alone, in a ' +
    `fresh process (bench/cedict-child.ts): ${f(c.ms / 1000, 2)} s, +${f(c.rssMb, 0)} MB RSS (+${f(c.heapMb, 0)} MB heap), ` +
    `${int(c.entries)} entries.`
  );
}

/** The gloss part of a run's section (### level). */
export function formatGlosses(g: GlossResults): string {
  const parts: string[] = ['### English glosses (CC-CEDICT)', ''];
  const law = g.law;
  if (law) {
    parts.push(
      `Law archive indexed into two prefixes, with glosses (default dictionary) and without (\`dictionary: new Map()\`), ` +
        `alternating, ${law.with.indexing.length} round(s) each. English search through an API server on each prefix: ` +
        `the ${law.queries} queries of bench/law-queries.yaml, each once for its rank (${'≤'} 100 hits), then cycled at ` +
        `1 connection for ${g.durationSeconds} s after a ${g.warmupSeconds} s warm-up (10 hits per request).`,
      '',
      lawTable(law),
      '',
      "Where the engine's indexing time goes (sum of the batches' progressTrace, fastest rounds):",
      '',
      engineStepTable(law),
      '',
      "Rank of each law query's article:",
      '',
      perQueryTable(law),
      '',
      `Queries whose article is not in the top 10 with glosses (${law.misses.length}):`,
      '',
      law.misses.length ? missTable(law) : 'None.',
      '',
    );
  } else {
    parts.push('Law part not run: it needs the law archive (`--corpus ../shared/benchdata/cn-laws-md.tar.gz`).', '');
  }
  parts.push(
    `Server start on the seed corpus, ${g.start.runs} start(s) per side, alternating (readiness polled every 20 ms):`,
    '',
    startTable(g.start),
    '',
    cedictLine(g.start),
  );
  return parts.join('\n');
}

/** One line for the console. */
export function glossSummaryLine(g: GlossResults): string {
  const a = medianSample(g.start.withLexicon);
  const b = medianSample(g.start.withoutDictionary);
  const start = `seed server start ${signed(diff(a.readyMs, b.readyMs) === null ? null : (a.readyMs - b.readyMs) / 1000, 2)} s, ${signed(diff(a.rssMb, b.rssMb), 0)} MB RSS with lexicon`;
  const cedict = g.start.cedict ? ` (plus CC-CEDICT load in both: ${f(g.start.cedict.ms / 1000, 2)} s, ${f(g.start.cedict.rssMb, 0)} MB)` : '';
  if (!g.law) return `glosses: ${start}${cedict}`;
  const w = g.law.with;
  const o = g.law.without;
  return (
    `glosses: law queries top10 ${w.score.top10}/${g.law.queries} vs ${o.score.top10} without (top1 ${w.score.top1} vs ${o.score.top1}); ` +
    `indexing ${signed(fastest(w).seconds - fastest(o).seconds, 1)} s, size ${signed((fastest(w).indexBytes - fastest(o).indexBytes) / 2 ** 20, 0)} MB; ` +
    `p95 ${f(w.load.latency.p95, 1)} vs ${f(o.load.latency.p95, 1)} ms; ${start}${cedict}`
  );
}

export interface GlossRunMeta {
  date: string;
  command: string;
  machine: MachineInfo;
  corpus: string;
  note?: string;
}

/** A run's whole section when only the gloss step ran (`--only glosses`). */
export function formatGlossRun(meta: GlossRunMeta, g: GlossResults): string {
  const m = meta.machine;
  return [
    `## ${meta.date.slice(0, 16).replace('T', ' ')} UTC — ${meta.corpus}, gloss step only`,
    '',
    `- Command: \`${meta.command}\``,
    `- Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${f(m.ramGiB, 1)} GiB RAM, ${m.os}; Node ${m.node}; Meilisearch ${m.meilisearch}`,
    ...(meta.note ? [`- Note: ${meta.note}`] : []),
    '',
    `Summary: \`${glossSummaryLine(g)}\``,
    '',
    formatGlosses(g),
    '',
  ].join('\n');
}
