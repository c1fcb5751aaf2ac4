// Reads glossary/data/*.yaml into a Glossary. Every entry keeps its file and line so that problems
// (here and in validate.ts) can point a translator at the exact place to fix.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { isCollection, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { expandYaml } from '../shared/safe-input.ts';
import type { Problem } from '../shared/types.ts';
import { GlossaryFileEntry, type Glossary, type GlossaryEntry } from './types.ts';

export interface GlossaryProblem {
  entryId?: string;
  file: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** As a corpus-wide Problem, the entry id leading the message. */
export function asProblem(p: GlossaryProblem): Problem {
  return { file: p.file, line: p.line, severity: p.severity, message: p.entryId === undefined ? p.message : `[${p.entryId}] ${p.message}` };
}

/** A validated file entry and where it was read. */
export type LocatedEntry = GlossaryFileEntry & { file: string; line: number };

export async function loadGlossary(dir = 'glossary/data'): Promise<{ glossary: Glossary; problems: GlossaryProblem[] }> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const entries: LocatedEntry[] = [];
  const problems: GlossaryProblem[] = [];
  if (names.length === 0) {
    problems.push({ file: dir, severity: 'error', message: 'no .yaml files in the glossary directory' });
  }
  for (const name of names) {
    const filePath = path.join(dir, name);
    const file = path.relative(process.cwd(), filePath) || filePath;
    const parsed = parseGlossaryFile(await readFile(filePath, 'utf8'), file);
    entries.push(...parsed.entries);
    problems.push(...parsed.problems);
  }
  return { glossary: buildGlossary(entries), problems };
}

/** Parses one YAML file's text; `file` is only used to label entries and problems. */
export function parseGlossaryFile(text: string, file: string): { entries: LocatedEntry[]; problems: GlossaryProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const problems: GlossaryProblem[] = [];
  for (const e of doc.errors) {
    problems.push({ file, line: lineOf(e.pos[0]), severity: 'error', message: `YAML: ${e.message.split('\n')[0]}` });
  }
  if (doc.errors.length > 0) return { entries: [], problems };
  for (const w of doc.warnings) {
    problems.push({ file, line: lineOf(w.pos[0]), severity: 'warning', message: `YAML: ${w.message.split('\n')[0]}` });
  }
  const root = doc.contents;
  if (root === null) return { entries: [], problems };
  if (!isSeq(root)) {
    problems.push({ file, line: lineOf(root.range?.[0]), severity: 'error', message: 'file must be a YAML list of entries' });
    return { entries: [], problems };
  }
  const entries: LocatedEntry[] = [];
  for (const item of root.items) {
    const line = (isNode(item) ? lineOf(item.range?.[0]) : undefined) ?? 1;
    // Alias expansion is bounded: an alias bomb is this entry's problem, not an exception that stops the load.
    const expanded = isNode(item) ? expandYaml((options) => item.toJS(doc, options)) : { value: item as unknown };
    if ('error' in expanded) {
      problems.push({ file, line, severity: 'error', message: `YAML: ${expanded.error}` });
      continue;
    }
    const raw = expanded.value;
    const result = GlossaryFileEntry.safeParse(raw);
    if (result.success) {
      entries.push({ ...result.data, file, line });
      continue;
    }
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
    for (const issue of result.error.issues) {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      // Point at the offending field when it exists (e.g. an empty `en:` two lines below the `- id:`).
      const node = isCollection(item) && issue.path.length > 0 ? item.getIn(issue.path, true) : undefined;
      const fieldLine = isNode(node) ? lineOf(node.range?.[0]) : undefined;
      problems.push({ entryId: id, file, line: fieldLine ?? line, severity: 'error', message: `${where}${issue.message}` });
    }
  }
  return { entries, problems };
}

/** Adds generated pinyin and the id index. Duplicate ids keep the first entry in `byId`; validate.ts reports them. */
export function buildGlossary(entries: LocatedEntry[]): Glossary {
  const full: GlossaryEntry[] = entries.map((e) => ({ ...e, ...pinyinOf(e.zh) }));
  const byId = new Map<string, GlossaryEntry>();
  for (const e of full) if (!byId.has(e.id)) byId.set(e.id, e);
  return { entries: full, byId };
}

/** Tone-less (Latin lowercased, for matching) and toned (for display) pinyin; Latin runs such as RCEP stay whole. */
export function pinyinOf(zh: string): { pinyin: string; pinyinTones: string } {
  const plain = pinyin(zh, { toneType: 'none', nonZh: 'consecutive', type: 'array' })
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0 && /[\p{L}\p{N}]/u.test(s));
  const toned = pinyin(zh, { nonZh: 'consecutive', type: 'array' })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && /[\p{L}\p{N}]/u.test(s));
  return { pinyin: plain.join(' '), pinyinTones: toned.join(' ') };
}
