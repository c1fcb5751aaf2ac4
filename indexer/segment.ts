// Chinese word segmentation with nodejieba, for the index fields and for queries alike.
//
// nodejieba keeps ONE dictionary per process: `load()` (nodejieba 3) deletes and rebuilds the native
// segmenter, so loading another user dictionary works but silently changes every segmenter already in use.
// We therefore load once per distinct dictionary (path + content) and make segmenters created before a
// reload throw a clear error instead of segmenting with a dictionary they were not built for.
// cppjieba aborts the whole process on a missing user dictionary file, so its existence is checked first.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nodejieba from 'nodejieba';

export interface Segmenter {
  /** jieba cut with HMM; punctuation and whitespace dropped, Latin lowercased. */
  cut(text: string): string[];
  /**
   * `cut` plus every dictionary word inside its longer tokens, before the token (现代 农业 现代农业). Like
   * nodejieba.cutForSearch, but that one only adds 2- and 3-character sub-words, so a glossary term nested in
   * a longer one (预提所得税 in 暂不征收预提所得税) would be unfindable; jieba's full mode (cutAll) finds all.
   */
  searchTokens(text: string): string[];
  /** `searchTokens` joined by single spaces: the text that goes into a segmented index field. */
  segmentedField(text: string): string;
  /** `cut` with jieba part-of-speech tags (n, vn, v, …; glossary forms are tagged nz). */
  tag(text: string): { word: string; tag: string }[];
  /** jieba TF-IDF keywords (jieba's IDF table and stop words), best first. */
  keywords(text: string, topN: number): { word: string; weight: number }[];
  /** UTF-16 offsets in `text` where a jieba word starts or ends (0 and text.length included). */
  wordBoundaries(text: string): Set<number>;
}

// Present at run time, missing from nodejieba's type declarations.
const { DEFAULT_USER_DICT } = nodejieba as unknown as { DEFAULT_USER_DICT: string };

const HAN = /\p{Script=Han}/u;
const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]*$/u;

let loaded: { key: string; generation: number; label: string } | undefined;

export function createSegmenter(opts: { userDictPath?: string } = {}): Segmenter {
  const dictPath = opts.userDictPath ? path.resolve(opts.userDictPath) : DEFAULT_USER_DICT;
  if (!existsSync(dictPath)) throw new Error(`jieba user dictionary not found: ${dictPath}`);
  // Keyed by content alone: the same dictionary written to another (temporary) path needs no reload.
  const key = createHash('sha1').update(readFileSync(dictPath)).digest('hex');
  if (loaded?.key !== key) {
    nodejieba.load({ userDict: dictPath });
    loaded = { key, generation: (loaded?.generation ?? 0) + 1, label: dictPath };
  }
  const generation = loaded.generation;
  const label = loaded.label;

  const check = (): void => {
    if (loaded?.generation !== generation) {
      throw new Error(
        `segmenter built with jieba user dictionary ${label} is stale: nodejieba was reloaded with ${loaded?.label} ` +
          '(its dictionary is process-wide); create one segmenter per process or recreate it',
      );
    }
  };
  const clean = (tokens: string[]): string[] => tokens.filter((t) => !PUNCT_OR_SPACE.test(t)).map((t) => t.toLowerCase());
  const prepare = (text: string): string => text.normalize('NFKC');

  const searchTokens = (text: string): string[] => {
    check();
    const tokens: string[] = [];
    for (const token of nodejieba.cut(prepare(text), true)) {
      if (token.length > 2 && HAN.test(token)) {
        for (const sub of nodejieba.cutAll(token)) if (sub !== token && [...sub].length >= 2) tokens.push(sub);
      }
      tokens.push(token);
    }
    return clean(tokens);
  };
  return {
    cut(text) {
      check();
      return clean(nodejieba.cut(prepare(text), true));
    },
    searchTokens,
    segmentedField: (text) => searchTokens(text).join(' '),
    tag(text) {
      check();
      return nodejieba
        .tag(prepare(text))
        .filter(({ word }) => !PUNCT_OR_SPACE.test(word))
        .map(({ word, tag }) => ({ word: word.toLowerCase(), tag }));
    },
    keywords(text, topN) {
      check();
      return nodejieba.extract(prepare(text), topN).map(({ word, weight }) => ({ word, weight }));
    },
    wordBoundaries(text) {
      check();
      // Raw text, not NFKC: offsets must stay those of `text`. jieba's tokens concatenate back to its input.
      const edges = new Set([0]);
      let at = 0;
      for (const token of nodejieba.cut(text, true)) edges.add((at += token.length));
      return edges;
    },
  };
}
