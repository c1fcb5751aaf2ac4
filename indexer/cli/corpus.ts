// `npm run corpus -- <command>`: inspect and check the corpus.
//   list                 ids and titles
//   outline <doc-id>     the clause tree: path, kind, first characters
//   check                every problem as `file:line: severity: message`; exit 1 if any is an error
//   laws <dir>           parse a folder of law Markdown (streaming) and report its problems the same way
//   import-translation <doc-id> <file>   align an English version to the clause tree, write translation.en.yaml
//   add <file> [--id <slug>] [--dry-run]  a .docx, .pdf, .html or text file becomes a document (indexer/import/)
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { stringify } from 'yaml';
import { loadCorpus } from '../corpus.ts';
import { addDocument } from '../import/add.ts';
import { inferDeps } from '../import/deps.ts';
import { ImportError } from '../import/errors.ts';
import { IMPORT_LIMITS } from '../../shared/limits.ts';
import { readBounded } from '../../shared/safe-input.ts';
import { alignedTerms } from '../enrich.ts';
import { alignTranslation } from '../import-translation.ts';
import { loadEnricher } from '../pipeline.ts';
import { checkTerminology } from '../terminology.ts';
import { TRANSLATION_FILE } from '../translation.ts';
import { countMarkdownFiles, loadMarkdownCorpus } from '../markdown.ts';
import { formatProblem } from '../../shared/problems.ts';
import type { Clause, Problem } from '../types.ts';

const PREVIEW_CHARS = 30;

function formatOutlineLine(clause: Clause): string {
  const flags = [clause.kind, ...(clause.inferred ? ['inferred'] : [])].join(', ');
  const chars = [...clause.text.replace(/\n/g, ' ')];
  const preview = chars.slice(0, PREVIEW_CHARS).join('') + (chars.length > PREVIEW_CHARS ? '…' : '');
  return `${'  '.repeat(clause.depth)}${clause.path.zh}  [${flags}]  ${preview}`;
}

function summary(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${errors} error(s), ${problems.length - errors} warning(s)`;
}

const program = new Command().name('corpus').description('Inspect and check the policy corpus').option('--corpus <dir>', 'corpus folder', 'corpus');

const corpusDir = (): string => program.opts<{ corpus: string }>().corpus;

program
  .command('list')
  .description('print document ids and titles')
  .action(async () => {
    const { documents, problems } = await loadCorpus(corpusDir());
    for (const d of documents) console.log(`${d.meta.id}\t${d.meta.title.zh}\t${d.meta.title.en}`);
    if (problems.some((p) => p.severity === 'error')) console.error(`(${summary(problems)}; run \`check\`)`);
  });

program
  .command('outline')
  .description('print the clause tree of one document')
  .argument('<doc-id>')
  .action(async (docId: string) => {
    const { documents, skipped } = await loadCorpus(corpusDir());
    const doc = documents.find((d) => d.meta.id === docId);
    if (!doc) {
      if (skipped.includes(docId)) console.error(`document "${docId}" has errors and is left out; \`check\` lists them`);
      else console.error(`no document "${docId}" in ${corpusDir()}; known: ${documents.map((d) => d.meta.id).join(', ')}`);
      process.exitCode = 1;
      return;
    }
    console.log(`${doc.meta.id}  ${doc.meta.title.zh}  (${doc.clauses.length} clauses)`);
    for (const clause of doc.clauses) console.log(formatOutlineLine(clause));
  });

program
  .command('check')
  .description('validate every document: metadata, structure, translations and their terminology')
  .action(async () => {
    const { documents, problems } = await loadCorpus(corpusDir());
    const { enricher } = await loadEnricher();
    for (const doc of documents) problems.push(...checkTerminology(doc, enricher.glossary, (text) => alignedTerms(text, enricher)));
    for (const p of problems) console.log(formatProblem(p));
    console.log(`${documents.length} document(s) loaded, ${summary(problems)}`);
    if (problems.some((p) => p.severity === 'error')) process.exitCode = 1;
  });

program
  .command('laws')
  .description('parse a folder of law Markdown files and report problems (errors only unless --warnings)')
  .argument('<dir>')
  .option('--warnings', 'print warnings too')
  .action(async (dir: string, opts: { warnings?: boolean }) => {
    const bar = process.stdout.isTTY ? new cliProgress.SingleBar({}, cliProgress.Presets.shades_classic) : null;
    bar?.start(await countMarkdownFiles(dir), 0);
    let clauses = 0;
    const result = await loadMarkdownCorpus(dir, (doc) => {
      clauses += doc.clauses.length;
      bar?.increment();
    });
    bar?.stop();
    for (const p of result.problems) if (opts.warnings || p.severity === 'error') console.log(formatProblem(p));
    console.log(`${result.documents} document(s), ${clauses} clause(s), ${summary(result.problems)}`);
    if (result.problems.some((p) => p.severity === 'error')) process.exitCode = 1;
  });

program
  .command('import-translation')
  .description(`align an English version (.txt/.md, numbered "Part II", "(10)", "10.", "Article 10") to a document's clauses and write ${TRANSLATION_FILE}`)
  .argument('<doc-id>')
  .argument('<file>')
  .option('--source <url>', 'where the official translation was published')
  .option('--title <title>', 'English title (default: the first line of the file)')
  .option('--dry-run', 'report the alignment without writing')
  .action(async (docId: string, file: string, opts: { source?: string; title?: string; dryRun?: boolean }) => {
    const { documents } = await loadCorpus(corpusDir());
    const doc = documents.find((d) => d.meta.id === docId);
    if (!doc) {
      console.error(`no document "${docId}" in ${corpusDir()}`);
      process.exitCode = 1;
      return;
    }
    const english = await readFile(file, 'utf8');
    const result = alignTranslation(doc.clauses, english);
    const firstLine =
      english
        .split(/\r?\n/)
        .find((l) => l.trim())
        ?.replace(/^#+\s*/, '')
        .trim() ?? doc.meta.title.en;
    const body = {
      docId,
      provenance: 'official',
      ...(opts.source ? { source: opts.source } : {}),
      title: opts.title ?? firstLine,
      summary: `Official English version of ${doc.meta.title.en}, imported from ${path.basename(file)}.`,
      clauses: Object.fromEntries(result.clauses.map(({ key, ...rest }) => [key, rest])),
    };
    for (const c of result.missing) console.log(`${doc.sourcePath}:${c.line}: warning: ${c.path.zh} (${c.path.en}) has no English in ${file}`);
    for (const u of result.unaligned) console.log(`${file}:${u.line}: warning: not aligned to any clause: ${u.text.slice(0, 60)}`);
    console.log(`${result.clauses.length} of ${doc.clauses.length} clause(s) aligned, ${result.unaligned.length} block(s) unaligned`);
    if (!opts.source) console.log('note: pass --source <url> — an official translation needs its source URL');
    if (opts.dryRun) return;
    const out = path.join(corpusDir(), docId, TRANSLATION_FILE);
    await writeFile(out, `# Official English version; the Chinese text prevails.\n${stringify(body, { lineWidth: 0 })}`);
    console.log(`wrote ${out}`);
  });

program
  .command('add')
  .description('add a .docx, .pdf, .html, .txt or .md file (type and encoding judged by content) as a document: original, source.txt, inferred meta.yaml')
  .argument('<file>')
  .option('--id <slug>', 'document id (default: region, year and a hash of the text)')
  .option('--dry-run', 'print the inferred meta.yaml and clause count without writing')
  .action(async (file: string, opts: { id?: string; dryRun?: boolean }) => {
    try {
      const bytes = await readBounded(file, IMPORT_LIMITS.fileBytes);
      const { enricher } = await loadEnricher();
      const result = await addDocument(bytes, {
        corpusDir: corpusDir(),
        deps: inferDeps(enricher),
        ...(opts.id ? { id: opts.id } : {}),
        dryRun: opts.dryRun ?? false,
      });
      for (const p of result.problems) console.log(formatProblem(p));
      console.log(result.metaYaml);
      const how = `${result.format}${result.encoding ? `, ${result.encoding}` : ''}`;
      console.log(`${result.id}: ${result.clauses.length} clause(s) from ${file} (${how})`);
      console.log(result.written ? `wrote ${result.folder}; review the fields under inferred: in its meta.yaml` : '(dry run: nothing written)');
    } catch (error) {
      if (!(error instanceof ImportError) && !(error instanceof Error && error.name === 'InputError')) throw error;
      console.error(`${file}: error: ${error.message}`);
      process.exitCode = 1;
    }
  });

await program.parseAsync();
