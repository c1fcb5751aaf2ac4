// Consistency checks over a loaded glossary. Pure: the CLI supplies the corpus text.
import path from 'node:path';
import { createAligner } from './align.ts';
import { normalizeEnglish } from './english.ts';
import type { GlossaryProblem } from './load.ts';
import type { Glossary, GlossaryEntry } from './types.ts';

/**
 * Errors: duplicate ids, a zh form on two entries, an English form (after normalization) on two entries,
 * blank fields. Warnings: a variant repeating the preferred form or another variant, a zh form with spaces
 * (it cannot go into the jieba user dictionary), category not matching the file name, and — when
 * `corpusText` is given — entries none of whose zh forms occur in it. Every problem carries the entry id.
 */
export function validateGlossary(glossary: Glossary, corpusText?: string): GlossaryProblem[] {
  const problems: GlossaryProblem[] = [];
  const report = (e: GlossaryEntry, severity: GlossaryProblem['severity'], message: string): void => {
    problems.push({ entryId: e.id, file: e.file, line: e.line, severity, message });
  };
  const at = (e: GlossaryEntry): string => `${e.file}:${e.line}`;

  const firstById = new Map<string, GlossaryEntry>();
  for (const e of glossary.entries) {
    const first = firstById.get(e.id);
    if (first) report(e, 'error', `duplicate id (first defined at ${at(first)})`);
    else firstById.set(e.id, e);
  }

  for (const e of glossary.entries) {
    for (const [field, value] of blankableFields(e)) {
      if (value.trim() === '') report(e, 'error', `empty ${field}`);
    }
    // Spelling variants that normalize alike (negative-list) are fine to list; literal repeats are not.
    checkVariants(e, 'zh', e.zh, e.variants.zh, (s) => s.trim(), report);
    checkVariants(e, 'en', e.en, e.variants.en, (s) => s.trim().toLowerCase(), report);
    for (const form of [e.zh, ...e.variants.zh]) {
      if (/\s/.test(form.trim())) report(e, 'warning', `zh form "${form}" contains whitespace; it is left out of the jieba user dictionary`);
    }
    const fileCategory = path.basename(e.file).replace(/\.ya?ml$/, '');
    if (fileCategory !== e.category) report(e, 'warning', `category "${e.category}" differs from its file ${path.basename(e.file)}`);
  }

  reportShared(glossary.entries, (e) => [e.zh, ...e.variants.zh].map((f) => f.trim()), 'zh form', report);
  reportShared(glossary.entries, (e) => [e.en, ...e.variants.en].map(normalizeEnglish), 'English form (normalized)', report);

  if (corpusText !== undefined) {
    const found = new Set(
      createAligner(glossary)
        .align(corpusText)
        .map((m) => m.entryId),
    );
    for (const e of glossary.entries) {
      if (!found.has(e.id)) report(e, 'warning', `zh "${[e.zh, ...e.variants.zh].join('" / "')}" never occurs in the corpus`);
    }
  }
  return problems;
}

function blankableFields(e: GlossaryEntry): [string, string][] {
  const fields: [string, string][] = [
    ['id', e.id],
    ['zh', e.zh],
    ['en', e.en],
  ];
  e.variants.zh.forEach((v, i) => fields.push([`variants.zh[${i}]`, v]));
  e.variants.en.forEach((v, i) => fields.push([`variants.en[${i}]`, v]));
  if (e.note !== undefined) fields.push(['note', e.note]);
  if (e.source !== undefined) fields.push(['source', e.source]);
  return fields;
}

type Report = (e: GlossaryEntry, severity: GlossaryProblem['severity'], message: string) => void;

function checkVariants(e: GlossaryEntry, lang: string, preferred: string, variants: string[], key: (s: string) => string, report: Report): void {
  const seen = new Set([key(preferred)]);
  for (const v of variants) {
    const k = key(v);
    if (k === '') continue;
    if (k === key(preferred)) report(e, 'warning', `${lang} variant "${v}" is the same as the preferred form "${preferred}"`);
    else if (seen.has(k)) report(e, 'warning', `${lang} variant "${v}" is listed twice`);
    seen.add(k);
  }
}

/** One error per (form, later entry): the form already belongs to an earlier entry. */
function reportShared(entries: GlossaryEntry[], formsOf: (e: GlossaryEntry) => string[], what: string, report: Report): void {
  const owner = new Map<string, GlossaryEntry>();
  for (const e of entries) {
    for (const form of new Set(formsOf(e))) {
      if (form === '') continue;
      const first = owner.get(form);
      if (!first) owner.set(form, e);
      else if (first !== e && first.id !== e.id) {
        report(e, 'error', `${what} "${form}" also belongs to entry "${first.id}" (${first.file}:${first.line})`);
      }
    }
  }
}
