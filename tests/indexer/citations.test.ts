import { describe, expect, it } from 'vitest';
import { citations } from '../../indexer/citations.ts';
import { loadCorpus } from '../../indexer/corpus.ts';

describe('citations', () => {
  it('links the seed clauses citing 发改外资〔2022〕1586号 to the national measures, and lists them there', async () => {
    const docs = (await loadCorpus('corpus')).documents;
    const { cites, citedBy } = citations(
      docs.map((d) => d.meta),
      docs.flatMap((d) => d.clauses),
    );
    const citing = citedBy.get('national-2022-fdi-manufacturing') ?? [];
    // Jiangxi's preamble cites the national measures by number (issue 13: "Jiangxi's reference to 1586号").
    expect(citing.some((id) => id.startsWith('jiangxi-2023-fdi-manufacturing--'))).toBe(true);
    for (const id of citing) expect(cites.get(id)).toEqual(['national-2022-fdi-manufacturing']);
    // A document's own number (on its first clause) is no citation.
    expect(citing.some((id) => id.startsWith('national-2022-fdi-manufacturing--'))).toBe(false);
  });

  it('ignores numbers of documents outside the corpus, and bracket styles do not matter', () => {
    const { cites, citedBy } = citations(
      [{ id: 'n', docNumber: '发改外资〔2022〕1586号' }],
      [
        { id: 'a-1', docId: 'a', text: '按照《若干政策措施》（发改外资[2022]1586号）要求' },
        { id: 'a-2', docId: 'a', text: '根据国发〔2023〕11号文件' },
      ],
    );
    expect(cites.get('a-1')).toEqual(['n']);
    expect(cites.has('a-2')).toBe(false);
    expect(citedBy.get('n')).toEqual(['a-1']);
  });
});
