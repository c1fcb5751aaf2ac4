// The inference's dependencies as the CLI and the server build them: the divisions table and an English renderer
// over the glossary's jieba dictionary and CC-CEDICT.
import type { Glossary } from '../../glossary/types.ts';
import { loadCedict } from '../dictionary.ts';
import { findRegion } from './divisions.ts';
import { englishRenderer } from './english.ts';
import type { InferDeps } from './infer.ts';

export function inferDeps(enricher: { cut(text: string): string[]; glossary: Glossary }): InferDeps {
  // Loaded on first use (~0.85 s) and not kept beyond these deps: an add is rare, the dictionary is ~47 MB, and a
  // file refused before inference never needs it.
  let english: ((zh: string) => string) | undefined;
  return {
    findRegion: (text) => findRegion(text),
    english: (zh) => {
      english ??= englishRenderer({ cut: (t) => enricher.cut(t), glossary: enricher.glossary, dictionary: loadCedict() });
      return english(zh);
    },
  };
}
