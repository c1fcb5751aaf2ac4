// Reads `translation.en.yaml` beside a document and aligns it to the clause tree by the clauses' stable keys.
// A translation never blocks its document: a broken file or a stray key is a warning, and the document is
// indexed with the clauses that could be aligned (the others fall back to dictionary glosses).
import { isMap, isScalar, LineCounter, parseDocument as parseYaml } from 'yaml';
import { clauseId } from './clause-id.ts';
import { TranslationFile, type Clause, type ClauseTranslation, type DocumentTranslation, type Problem } from './types.ts';

export const TRANSLATION_FILE = 'translation.en.yaml';

/** The clause id's part after `<docId>--`: what translation files key clauses by. */
export function clauseKey(clause: Pick<Clause, 'id' | 'docId'>): string {
  return clause.id.slice(clauseId(clause.docId, '').length);
}

function keyLines(text: string): Map<string, number> {
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, { lineCounter });
  const lines = new Map<string, number>();
  const clauses = doc.get('clauses', true);
  if (!isMap(clauses)) return lines;
  for (const pair of clauses.items) {
    if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
  }
  return lines;
}

export interface ParsedTranslation {
  translation?: DocumentTranslation;
  problems: Problem[];
}

/**
 * Validates a translation file against the document's clauses. `file` only names the file in problems.
 * `parse` turns YAML text into a plain value (bounded parsing is the caller's: the same as for meta.yaml).
 */
export function parseTranslation(
  text: string,
  file: string,
  docId: string,
  clauses: Clause[],
  /** Source file of the clauses (as problems name it): a clause without translation is reported at its own line. */
  sourceFile: string,
  parse: (text: string) => { value?: unknown; problems: Problem[] },
): ParsedTranslation {
  const warn = (message: string, line?: number): Problem => ({ file, ...(line === undefined ? {} : { line }), severity: 'warning', message });
  const parsed = parse(text);
  if (parsed.value === undefined)
    return { problems: parsed.problems.map((p) => ({ ...p, severity: 'warning', message: `translation ignored: ${p.message}` })) };
  const result = TranslationFile.safeParse(parsed.value);
  if (!result.success) {
    return { problems: result.error.issues.map((i) => warn(`translation ignored: ${i.path.join('.') || 'file'}: ${i.message}`)) };
  }
  const data = result.data;
  const problems: Problem[] = [];
  if (data.docId !== docId) problems.push(warn(`docId "${data.docId}" is not the document's id "${docId}"`, 1));
  const lines = keyLines(text);
  const byKey = new Map(clauses.map((c) => [clauseKey(c), c]));
  const aligned = new Map<string, ClauseTranslation>();
  for (const [key, entry] of Object.entries(data.clauses)) {
    const clause = byKey.get(key);
    const line = lines.get(key) ?? 1;
    if (!clause) {
      problems.push(warn(`translation key "${key}" matches no clause of ${docId}`, line));
      continue;
    }
    aligned.set(clause.id, {
      heading: entry.heading ?? null,
      text: entry.text,
      provenance: entry.provenance ?? data.provenance,
      termNotes: entry.termNotes ?? {},
      line,
    });
  }
  for (const clause of clauses) {
    if (!aligned.has(clause.id)) {
      problems.push({
        file: sourceFile,
        line: clause.line,
        severity: 'warning',
        message: `clause ${clause.path.zh} (${clauseKey(clause)}) has no English translation in ${TRANSLATION_FILE}`,
      });
    }
  }
  return {
    translation: {
      file,
      provenance: data.provenance,
      source: data.source ?? null,
      title: data.title,
      summary: data.summary,
      clauses: aligned,
    },
    problems,
  };
}
