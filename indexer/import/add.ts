// A file becomes a corpus document: its original kept as original.<ext>, its text as source.txt (what the parser
// reads), and meta.yaml with what could be inferred, every guessed field listed under `inferred:` for review.
// The folder appears whole (written beside the corpus, then renamed into it) or not at all.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { IMPORT_LIMITS } from '../../shared/limits.ts';
import { META_FILE } from '../corpus.ts';
import { parseDocument } from '../parse.ts';
import { DocumentMeta, type Clause, type Problem } from '../types.ts';
import { ORIGINAL_EXT } from './detect.ts';
import { ImportError } from './errors.ts';
import { extractText, type Extracted } from './extract.ts';
import { inferMeta, type InferDeps } from './infer.ts';
import { pinyinName } from './divisions.ts';

export const SOURCE_FILE = 'source.txt';
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface AddOptions {
  corpusDir: string;
  id?: string;
  /** Infer and parse, write nothing. */
  dryRun?: boolean;
  deps: InferDeps;
}

export interface AddResult {
  id: string;
  folder: string;
  format: Extracted['format'];
  encoding?: string;
  meta: DocumentMeta;
  metaYaml: string;
  text: string;
  clauses: Clause[];
  /** Warnings of the parser (errors refuse the file). */
  problems: Problem[];
  written: boolean;
}

/** `jiangxi-2023-3f2a1c`: the region in pinyin, the year, and a short hash of the text (unique per text). */
export function defaultId(regionZh: string, date: string | undefined, text: string): string {
  // The place itself, without its province (防城港 of 广西壮族自治区防城港市) or the kinds of division.
  const local = regionZh.replace(/^.+?(?:省|自治区)(?=.)/u, '').replace(/(?:省|市|自治区|区|县)/gu, '');
  const place = regionZh === '中国' ? 'national' : pinyinName(local).toLowerCase();
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 6);
  return [place.replace(/[^a-z0-9]+/g, '-'), date?.slice(0, 4) ?? 'undated', hash].filter(Boolean).join('-');
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** meta.yaml as `corpus add` writes it: the schema's field order, a note saying what to review. */
export function metaYaml(meta: DocumentMeta, original: string): string {
  const { sourceFile: _sourceFile, ...fields } = meta;
  return `# Written by \`npm run corpus -- add\` from ${original}. Every field under \`inferred:\` is a guess from the text:
# check it against the original (the English title is a word-by-word gloss, not a translation), correct it, and
# remove it from the list; \`npm run corpus -- check\` warns until the list is empty.
${stringify(fields, { lineWidth: 0 })}`;
}

/** What the upload answers about the document's metadata. */
export function addDocumentMeta(meta: DocumentMeta) {
  return { title: meta.title, docNumber: meta.docNumber ?? null, date: meta.date ?? null, region: meta.region, level: meta.level, status: meta.status };
}

export async function addDocument(bytes: Uint8Array, options: AddOptions): Promise<AddResult> {
  const result = await prepareDocument(bytes, options);
  if (options.dryRun) return result;
  await writeDocument(result, bytes, options.corpusDir);
  return { ...result, written: true };
}

/** Extracts, infers and parses, writing nothing: every rejection (ImportError) happens here. */
export async function prepareDocument(bytes: Uint8Array, options: Omit<AddOptions, 'dryRun'>): Promise<AddResult> {
  if (bytes.byteLength > IMPORT_LIMITS.fileBytes)
    throw new ImportError('too_large', `the file is ${bytes.byteLength} bytes, more than the ${IMPORT_LIMITS.fileBytes} allowed`);
  const extracted = await extractText(bytes);
  const { meta: inferred, fields } = inferMeta(extracted.text, options.deps);
  const id = options.id ?? defaultId(inferred.region.zh, inferred.date, extracted.text);
  if (!ID_RE.test(id) || id.length > 100) throw new ImportError('invalid_id', `"${id.slice(0, 100)}" is not a lowercase slug (a-z, 0-9, -)`);
  const folder = path.join(options.corpusDir, id);
  if (await exists(folder)) throw new ImportError('duplicate_id', `a document "${id}" is already in ${options.corpusDir}`);
  const parsedMeta = DocumentMeta.safeParse({ id, ...inferred, language: 'zh', inferred: fields });
  if (!parsedMeta.success) throw new ImportError('unreadable', `the inferred metadata is invalid: ${parsedMeta.error.issues[0]?.message ?? ''}`);
  const meta = parsedMeta.data;
  const parsed = parseDocument(meta, extracted.text, path.posix.join(id, SOURCE_FILE));
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || parsed.document.clauses.length === 0) {
    throw new ImportError('empty_text', `the text cannot be parsed into clauses: ${errors[0]?.message ?? 'no clauses'}`);
  }
  const yaml = metaYaml(meta, `original.${ORIGINAL_EXT[extracted.format]}`);
  const result: AddResult = {
    id,
    folder,
    format: extracted.format,
    ...(extracted.encoding ? { encoding: extracted.encoding } : {}),
    meta,
    metaYaml: yaml,
    text: extracted.text,
    clauses: parsed.document.clauses,
    problems: parsed.problems,
    written: false,
  };
  return result;
}

/**
 * Writes a prepared document's folder (original, source.txt, meta.yaml) into the corpus and returns how to take it
 * out again. Beside the corpus first, then renamed in: an index build running meanwhile never sees half a folder.
 */
export async function writeDocument(result: AddResult, bytes: Uint8Array, corpusDir: string): Promise<() => Promise<void>> {
  const { id, folder } = result;
  const original = `original.${ORIGINAL_EXT[result.format]}`;
  const staging = path.join(path.dirname(path.resolve(corpusDir)), `.corpus-add-${id}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  try {
    await mkdir(corpusDir, { recursive: true });
    await writeFile(path.join(staging, original), bytes);
    await writeFile(path.join(staging, SOURCE_FILE), result.text);
    await writeFile(path.join(staging, META_FILE), result.metaYaml);
    // A concurrent add of the same id: the first one wins.
    if (await exists(folder)) throw new ImportError('duplicate_id', `a document "${id}" is already in ${corpusDir}`);
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return () => rm(folder, { recursive: true, force: true });
}

/**
 * Takes a document folder out of the corpus (renamed beside it, so the corpus never holds half a folder); null when
 * there is none. `undo` puts it back, `commit` deletes it for good.
 */
export async function stageRemoval(corpusDir: string, id: string): Promise<{ undo(): Promise<void>; commit(): Promise<void> } | null> {
  if (!ID_RE.test(id)) return null;
  const folder = path.join(corpusDir, id);
  if (!(await exists(path.join(folder, META_FILE)))) return null;
  const trash = path.join(path.dirname(path.resolve(corpusDir)), `.corpus-remove-${id}-${randomBytes(4).toString('hex')}`);
  await rename(folder, trash);
  return { undo: () => rename(trash, folder), commit: () => rm(trash, { recursive: true, force: true }) };
}
