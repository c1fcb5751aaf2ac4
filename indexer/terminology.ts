// Terminology QA of translations: every glossary term a clause's Chinese contains must appear in its
// English as the preferred rendering or a listed variant, unless the clause's termNotes explain why not.
// The comparison goes through the same English normalization as queries (case, plural, British spelling),
// so "R&D centres" satisfies "R&D center"; word order and the words themselves must be the rendering's.
import { contentTokens, tokenizeEnglish } from '../glossary/english.ts';
import type { Glossary, TermMatch } from '../glossary/types.ts';
import type { CorpusDocument, Problem } from './types.ts';

const norms = (text: string): string[] => contentTokens(tokenizeEnglish(text)).map((t) => t.norm);

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((n, j) => haystack[i + j] === n)) return true;
  }
  return false;
}

/** Matches not inside a longer match: 外资准入负面清单's rendering covers the 负面清单 and 外资 nested in it. */
export function outermost(matches: TermMatch[]): TermMatch[] {
  return matches.filter((m) => !matches.some((o) => o !== m && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start));
}

/** True when the English names the entry by its preferred rendering or a variant. */
export function rendersEntry(english: string, entry: Glossary['entries'][number]): boolean {
  const haystack = norms(english);
  return [entry.en, ...entry.variants.en].some((form) => containsRun(haystack, norms(form)));
}

export function checkTerminology(doc: CorpusDocument, glossary: Glossary, terms: (text: string) => TermMatch[]): Problem[] {
  const translation = doc.translation;
  if (!translation) return [];
  const problems: Problem[] = [];
  for (const clause of doc.clauses) {
    const english = translation.clauses.get(clause.id);
    if (!english) continue;
    const text = `${english.heading ?? ''}\n${english.text}`;
    for (const entryId of new Set(outermost(terms(clause.text)).map((m) => m.entryId))) {
      const entry = glossary.byId.get(entryId);
      if (!entry || entryId in english.termNotes || rendersEntry(text, entry)) continue;
      const forms = [entry.en, ...entry.variants.en].map((f) => `"${f}"`).join(' / ');
      problems.push({
        file: translation.file,
        line: english.line,
        severity: 'warning',
        message: `${clause.path.zh}: ${entry.zh} [${entry.id}] is not rendered as ${forms}; use one, or explain in termNotes.${entry.id}`,
      });
    }
    for (const noted of Object.keys(english.termNotes)) {
      if (!glossary.byId.has(noted)) {
        problems.push({ file: translation.file, line: english.line, severity: 'warning', message: `termNotes: no glossary entry "${noted}"` });
      }
    }
  }
  return problems;
}
