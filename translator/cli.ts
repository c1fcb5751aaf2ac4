// `npm run glossary -- <command>`: check, lookup, kwic and candidates for translators.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { loadCorpus } from '../indexer/corpus.ts';
import type { CorpusDocument } from '../indexer/types.ts';
import { createSegmenter } from '../indexer/segment.ts';
import { cedictFor } from '../indexer/dictionary.ts';
import { candidates } from './candidates.ts';
import { loadExcluded } from '../glossary/excluded.ts';
import { concordance } from './kwic.ts';
import { alignedTerms } from '../indexer/enrich.ts';
import { loadEnricher } from '../indexer/pipeline.ts';
import { formatProblem } from '../shared/problems.ts';
import { asProblem, loadGlossary, type GlossaryProblem } from '../glossary/load.ts';
import { createLookup } from '../glossary/lookup.ts';
import type { GlossaryEntry } from '../glossary/types.ts';
import { writeUserDict } from '../glossary/userdict.ts';
import { validateGlossary } from '../glossary/validate.ts';

const program = new Command()
  .name('glossary')
  .description('Glossary tools: validation, lookup, concordance and term candidates')
  .option('--glossary <dir>', 'glossary data directory', 'glossary/data');

const glossaryDir = (): string => program.opts<{ glossary: string }>().glossary;

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

function formatGlossaryProblem(p: GlossaryProblem): string {
  return formatProblem(asProblem(p));
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padStart = (s: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
const padEnd = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

async function corpusDocuments(dir: string): Promise<CorpusDocument[]> {
  if (!existsSync(dir)) throw new Error(`corpus directory not found: ${dir}`);
  return (await loadCorpus(dir)).documents;
}

program
  .command('check')
  .description('validate the glossary; exits 1 on any error (warnings do not fail)')
  .option('--corpus <dir>', 'corpus root, to warn about entries that never occur in it', 'corpus')
  .option('--no-corpus', 'skip the corpus occurrence check')
  .action(async (opts: { corpus: string | false }) => {
    const { glossary, problems } = await loadGlossary(glossaryDir());
    let corpusText: string | undefined;
    if (opts.corpus !== false) {
      if (existsSync(opts.corpus)) {
        const docs = await corpusDocuments(opts.corpus);
        corpusText = docs.flatMap((d) => d.clauses.map((c) => c.text)).join('\n');
      } else {
        process.stderr.write(`note: no corpus at ${opts.corpus}; occurrence check skipped\n`);
      }
    }
    const all = [...problems, ...validateGlossary(glossary, corpusText)].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    for (const p of all) process.stdout.write(`${formatGlossaryProblem(p)}\n`);
    const errors = all.filter((p) => p.severity === 'error').length;
    process.stdout.write(`${glossary.entries.length} entries, ${errors} errors, ${all.length - errors} warnings\n`);
    process.exitCode = errors > 0 ? 1 : 0;
  });

program
  .command('lookup')
  .description('find entries by Chinese, English, variant, pinyin or id (typo-tolerant for English)')
  .argument('<term...>')
  .option('--limit <n>', 'results to show', positiveInt, 10)
  .action(async (terms: string[], opts: { limit: number }) => {
    const { glossary } = await loadGlossary(glossaryDir());
    const results = createLookup(glossary).lookup(terms.join(' '), { limit: opts.limit });
    if (results.length === 0) {
      process.stderr.write(`no entry matches "${terms.join(' ')}"\n`);
      process.exitCode = 1;
      return;
    }
    for (const r of results) {
      const e = r.entry;
      process.stdout.write(`${r.score.toFixed(2)}  ${padEnd(r.matchedBy, 10)} ${e.id}  [${e.category}]\n`);
      process.stdout.write(`      ${e.zh} (${e.pinyinTones}) — ${e.en}\n`);
      const variants = [...e.variants.zh, ...e.variants.en];
      if (variants.length > 0) process.stdout.write(`      variants: ${variants.join(' · ')}\n`);
      if (r.matchedBy !== 'en' && r.matchedBy !== 'zh' && r.matchedBy !== 'id') process.stdout.write(`      matched: ${r.matched}\n`);
    }
  });

program
  .command('kwic')
  .description('concordance: every occurrence of an entry (all its zh forms) or of a Chinese string, in context')
  .argument('<term...>')
  .option('--width <n>', 'context characters either side', positiveInt, 12)
  .option('--corpus <dir>', 'corpus root', 'corpus')
  .action(async (terms: string[], opts: { width: number; corpus: string }) => {
    const term = terms.join(' ');
    const { glossary } = await loadGlossary(glossaryDir());
    const best = createLookup(glossary).lookup(term, { limit: 1 })[0];
    // Only a confident match stands for the term; otherwise a Chinese string is searched literally.
    let query: { entry?: GlossaryEntry; text?: string };
    if (best && best.score >= 0.9) {
      query = { entry: best.entry };
      const e = best.entry;
      process.stdout.write(`${e.id}: ${[e.zh, ...e.variants.zh].join(' / ')} — ${e.en}\n\n`);
    } else if (/\p{Script=Han}/u.test(term)) {
      query = { text: term };
      process.stdout.write(`"${term}" (not a glossary entry; literal search)\n\n`);
    } else {
      const hint = best ? ` (closest: ${best.entry.id})` : '';
      process.stderr.write(`no glossary entry for "${term}"${hint}\n`);
      process.exitCode = 1;
      return;
    }
    // Entries are found as the index tags them (accidental character matches across words dropped).
    const { enricher } = await loadEnricher(glossaryDir());
    const align = (text: string) => alignedTerms(text, enricher);
    const result = concordance(query, await corpusDocuments(opts.corpus), { width: opts.width, align });
    const leftWidth = opts.width * 2;
    const matchWidth = Math.max(0, ...result.lines.map((l) => displayWidth(l.match)));
    for (const l of result.lines) {
      const line = `${padStart(oneLine(l.left), leftWidth)} 【${padEnd(l.match, matchWidth)}】 ${padEnd(oneLine(l.right), leftWidth)}`;
      process.stdout.write(`${line}  ${l.docId} ${l.path.zh}\n`);
    }
    process.stdout.write('\n');
    for (const d of result.perDocument) process.stdout.write(`${String(d.count).padStart(5)}  ${d.docId}\n`);
    process.stdout.write(`${String(result.total).padStart(5)}  total\n`);
  });

program
  .command('candidates')
  .description('frequent corpus terms not yet in the glossary, ranked by TF-IDF against CC-CEDICT as a general-language baseline')
  .option('--limit <n>', 'candidates to show', positiveInt, 50)
  .option('--corpus <dir>', 'corpus root', 'corpus')
  .option('--excluded <file>', 'reviewed exclusions', 'glossary/excluded.yaml')
  .action(async (opts: { limit: number; corpus: string; excluded: string }) => {
    const { glossary } = await loadGlossary(glossaryDir());
    const documents = await corpusDocuments(opts.corpus);
    const excluded = (await loadExcluded(opts.excluded)).map((x) => x.term);
    // The segmenter needs the glossary as its user dictionary so that glossary compounds stay whole.
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'glossary-userdict-'));
    const bar = process.stdout.isTTY ? new SingleBar({ format: 'documents {bar} {value}/{total}' }) : undefined;
    try {
      const userDictPath = path.join(tmp, 'user.dict.utf8');
      await writeUserDict(glossary, userDictPath);
      bar?.start(documents.length, 0);
      const list = candidates(documents, glossary, excluded, {
        limit: opts.limit,
        segmenter: createSegmenter({ userDictPath }),
        dictionary: cedictFor,
        onProgress: (done) => bar?.update(done),
      });
      bar?.stop();
      const termWidth = Math.max(4, ...list.map((c) => displayWidth(c.term)));
      process.stdout.write(`${'rank'.padStart(4)}  ${padEnd('term', termWidth)}  ${'score'.padStart(8)}  freq  docs  example\n`);
      list.forEach((c, i) => {
        const ex = c.examples[0]!;
        const example = `${oneLine(ex.left)}【${ex.match}】${oneLine(ex.right)} (${ex.docId} ${ex.path.zh})`;
        process.stdout.write(
          `${String(i + 1).padStart(4)}  ${padEnd(c.term, termWidth)}  ${c.score.toFixed(2).padStart(8)}  ${String(c.frequency).padStart(4)}  ${String(c.documentCount).padStart(4)}  ${example}\n`,
        );
      });
    } finally {
      bar?.stop();
      await rm(tmp, { recursive: true, force: true });
    }
  });

await program.parseAsync();
