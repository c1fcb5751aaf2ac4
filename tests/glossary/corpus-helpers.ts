// Small synthetic corpus documents for glossary unit tests.
import type { Clause, CorpusDocument } from '../../indexer/types.ts';

export function syntheticDocument(id: string, texts: string[]): CorpusDocument {
  const clauses: Clause[] = texts.map((text, i) => ({
    id: `${id}--c${i + 1}`,
    docId: id,
    ordinal: i,
    kind: 'item',
    depth: 0,
    parentId: null,
    path: { zh: `（${i + 1}）`, en: `Item ${i + 1}` },
    text,
    line: i + 1,
  }));
  return {
    meta: {
      id,
      title: { zh: id, en: id },
      issuer: [{ zh: '某部门', en: 'Some Department' }],
      region: { zh: '全国', en: 'China' },
      level: 'national',
      status: 'final',
      language: 'zh',
      sourceFile: 'source.txt',
    },
    sourcePath: `${id}/source.txt`,
    header: {},
    clauses,
  };
}
