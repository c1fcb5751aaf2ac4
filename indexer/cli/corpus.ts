// `npm run corpus -- <command>`: inspect and check the corpus.
//   list                 ids and titles
//   outline <doc-id>     the clause tree: path, kind, first characters
//   check                every problem as `file:line: severity: message`; exit 1 if any is an error
//   laws <dir>           parse a folder of law Markdown (streaming) and report its problems the same way
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadCorpus } from '../corpus.ts';
import { countMarkdownFiles, loadMarkdownCorpus } from '../markdown.ts';
import { formatProblem } from '../problems.ts';
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

const program = new Command()
  .name('corpus')
  .description('Inspect and check the policy corpus')
  .option('--corpus <dir>', 'corpus folder', 'corpus');

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
  .description('validate every document: metadata and structure')
  .action(async () => {
    const { documents, problems } = await loadCorpus(corpusDir());
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

await program.parseAsync();
