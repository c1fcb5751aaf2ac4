// Loads the corpus: one folder per document with meta.yaml (validated against DocumentMeta) and the source text.
// A broken document becomes a Problem naming its file (and line) and is skipped; the others still load.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument as parseYaml } from 'yaml';
import { CORPUS_LIMITS } from '../shared/limits.ts';
import { parseDocument } from './parse.ts';
import { expandYaml, InputError, OutsideFolderError, readBounded, resolveInside } from '../shared/safe-input.ts';
import { parseTranslation, TRANSLATION_FILE } from './translation.ts';
import { DocumentMeta, type CorpusDocument, type LoadedCorpus, type Problem } from './types.ts';

export const META_FILE = 'meta.yaml';

/**
 * Parses and validates one meta.yaml. Pure: `file` only names the file in problems. Schema errors point at
 * the line of the offending field (or of its parent mapping when the field is missing).
 */
export function parseMetaYaml(text: string, file: string): { meta?: DocumentMeta; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, { lineCounter });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        ...(e.linePos ? { line: e.linePos[0].line } : {}),
        severity: 'error' as const,
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  // An alias bomb throws inside toJS: a problem of this file, not an exception that aborts the corpus.
  const expanded = expandYaml((options) => doc.toJS(options));
  if ('error' in expanded) return { problems: [{ file, severity: 'error', message: `invalid YAML: ${expanded.error}` }] };
  const result = DocumentMeta.safeParse(expanded.value);
  if (result.success) return { meta: result.data, problems: reviewProblems(result.data, file, doc.getIn(['inferred'], true), lineCounter) };
  const lineOf = (keys: PropertyKey[]): number | undefined => {
    for (let n = keys.length; n >= 0; n--) {
      const node = keys.length === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return {
    problems: result.error.issues.map((issue) => {
      // An unrecognized key is reported on its parent; point at the key itself.
      const extra: unknown = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys[0] : undefined;
      const keys = typeof extra === 'string' ? [...issue.path, extra] : issue.path;
      const line = lineOf(keys);
      const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { file, ...(line === undefined ? {} : { line }), severity: 'error' as const, message: `${field}${issue.message}` };
    }),
  };
}

/**
 * A warning per field `corpus add` inferred and nobody has reviewed yet (still listed under `inferred:`): the
 * document is indexed, but its metadata is a guess until a reviewer checks it and removes the entry.
 */
function reviewProblems(meta: DocumentMeta, file: string, node: unknown, lineCounter: LineCounter): Problem[] {
  const line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  return (meta.inferred ?? []).map((field) => ({
    file,
    ...(line === undefined ? {} : { line }),
    severity: 'warning' as const,
    message: `${field} was inferred by \`corpus add\`: review it, then remove it from \`inferred:\``,
  }));
}

function errorMessage(err: unknown): string {
  if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return 'file not found';
  return err instanceof Error ? err.message : String(err);
}

const hasErrors = (problems: Problem[]) => problems.some((p) => p.severity === 'error');

async function loadDocument(root: string, folder: string): Promise<{ document?: CorpusDocument; problems: Problem[] }> {
  const metaPath = path.join(root, folder, META_FILE);
  let metaText: string;
  try {
    metaText = (await readBounded(metaPath, CORPUS_LIMITS.metaBytes)).toString('utf8');
  } catch (err) {
    return { problems: [{ file: metaPath, severity: 'error', message: `cannot read metadata: ${errorMessage(err)}` }] };
  }
  const { meta, problems } = parseMetaYaml(metaText, metaPath);
  if (!meta) return { problems };
  if (meta.id !== folder) {
    return { problems: [{ file: metaPath, line: 1, severity: 'error', message: `id "${meta.id}" does not match its folder "${folder}"` }] };
  }
  const sourcePath = path.join(root, folder, meta.sourceFile);
  let raw: string;
  try {
    // Only a file inside the document folder (symlinks resolved) can be a source: `../../x` would publish x.
    const real = await resolveInside(path.join(root, folder), meta.sourceFile);
    // Fatal decoding: a mis-encoded source is reported, not indexed as mojibake.
    raw = new TextDecoder('utf-8', { fatal: true }).decode(await readBounded(real, CORPUS_LIMITS.sourceBytes));
  } catch (err) {
    // A path leaving the folder is the metadata's fault; name that file, never the one it points at.
    if (err instanceof OutsideFolderError) return { problems: [{ file: metaPath, severity: 'error', message: `sourceFile: ${err.message}` }] };
    const reason = err instanceof TypeError ? 'not valid UTF-8' : errorMessage(err);
    return { problems: [{ file: sourcePath, severity: 'error', message: `cannot read source: ${reason}` }] };
  }
  const parsed = parseDocument(meta, raw, path.posix.join(folder, meta.sourceFile));
  // Problems name files as the user reaches them (corpus/<id>/source.txt), not relative to the corpus root.
  const found = parsed.problems.map((p) => ({ ...p, file: path.join(root, p.file) }));
  // A document with errors (an empty or binary source, broken numbering) is reported and left out, never indexed half-right.
  if (hasErrors(found)) return { problems: found };
  const translated = await loadTranslation(path.join(root, folder), sourcePath, parsed.document);
  const document = translated.translation ? { ...parsed.document, translation: translated.translation } : parsed.document;
  return { document, problems: [...problems, ...found, ...translated.problems] };
}

/** Plain value of a YAML text, or problems; aliases are expanded within the corpus bound (an alias bomb is a problem). */
export function parseYamlValue(text: string, file: string): { value?: unknown; problems: Problem[] } {
  const doc = parseYaml(text);
  const error = (message: string, line?: number): Problem => ({ file, ...(line === undefined ? {} : { line }), severity: 'error', message });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => error(`invalid YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0].line)) };
  const expanded = expandYaml((options) => doc.toJS(options));
  return 'error' in expanded ? { problems: [error(`invalid YAML: ${expanded.error}`)] } : { value: expanded.value, problems: [] };
}

/** The document's translation, when it has one; read under the same bounds as its metadata, from inside its folder. */
async function loadTranslation(
  folder: string,
  sourcePath: string,
  document: CorpusDocument,
): Promise<{ translation?: CorpusDocument['translation']; problems: Problem[] }> {
  const file = path.join(folder, TRANSLATION_FILE);
  let text: string;
  try {
    text = (await readBounded(await resolveInside(folder, TRANSLATION_FILE), CORPUS_LIMITS.translationBytes)).toString('utf8');
  } catch (err) {
    if (err instanceof InputError && err.message === 'file not found') return { problems: [] };
    return { problems: [{ file, severity: 'warning', message: `translation ignored: ${errorMessage(err)}` }] };
  }
  return parseTranslation(text, file, document.meta.id, document.clauses, sourcePath, (t) => parseYamlValue(t, file));
}

/** Every document folder under `root`, sorted by id so that loading is deterministic. */
export async function loadCorpus(root = 'corpus'): Promise<LoadedCorpus> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    return { documents: [], problems: [{ file: root, severity: 'error', message: `cannot read corpus folder: ${errorMessage(err)}` }], skipped: [] };
  }
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  // Whatever goes wrong with one folder is that folder's problem; the others still load.
  const loaded = await Promise.all(
    folders.map((folder) =>
      loadDocument(root, folder).catch((err: unknown) => ({
        document: undefined,
        problems: [{ file: path.join(root, folder), severity: 'error' as const, message: `cannot load: ${errorMessage(err)}` }],
      })),
    ),
  );
  const documents = loaded.flatMap((l) => (l.document ? [l.document] : []));
  return {
    documents,
    problems: [...loaded.flatMap((l) => l.problems), ...supersessionProblems(root, documents)],
    skipped: folders.filter((_, i) => !loaded[i]!.document),
  };
}

/**
 * Supersession is read from each document's own `supersededBy` (so one document's status never depends on another
 * folder): a `supersedes` naming a corpus document whose meta does not say so is reported for review.
 */
function supersessionProblems(root: string, documents: readonly CorpusDocument[]): Problem[] {
  const byId = new Map(documents.map((d) => [d.meta.id, d]));
  const problems: Problem[] = [];
  for (const doc of documents) {
    for (const ref of doc.meta.supersedes ?? []) {
      const old = byId.get(ref);
      if (old && old.meta.supersededBy !== doc.meta.id) {
        problems.push({
          file: path.join(root, ref, 'meta.yaml'),
          severity: 'warning',
          message: `${doc.meta.id} says it supersedes this document: add "supersededBy: ${doc.meta.id}" (its status stays as its own meta says)`,
        });
      }
    }
  }
  return problems;
}
