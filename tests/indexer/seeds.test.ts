// One test per seed document of the corpus: item counts, exact paths and headings, parents, and the order of
// numbered items checked against an independent scan of the raw source lines.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../indexer/corpus.ts';
import { detectMarker } from '../../indexer/numbering.ts';
import { parseDocument } from '../../indexer/parse.ts';
import type { Clause, CorpusDocument, LoadedCorpus } from '../../indexer/types.ts';

const CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));

let corpus: LoadedCorpus;
beforeAll(async () => {
  corpus = await loadCorpus(CORPUS);
});

function doc(id: string): CorpusDocument {
  const found = corpus.documents.find((d) => d.meta.id === id);
  if (!found) throw new Error(`document ${id} not loaded`);
  return found;
}

function clause(d: CorpusDocument, zh: string): Clause {
  const found = d.clauses.find((c) => c.path.zh === zh);
  if (!found) throw new Error(`no clause ${zh} in ${d.meta.id}`);
  return found;
}

const ofKind = (d: CorpusDocument, kind: Clause['kind']) => d.clauses.filter((c) => c.kind === kind);

function rawLines(d: CorpusDocument): string[] {
  return readFileSync(`${CORPUS}/${d.sourcePath}`, 'utf8')
    .split('\n')
    .map((l) => l.trim());
}

/**
 * Numbered paragraphs as the raw source shows them, found with plain regular expressions (not the parser):
 * `二、（十）` for items, `三、（二）4．` for sub-items.
 */
function sourceSequence(d: CorpusDocument, kind: 'item' | 'subitem'): string[] {
  const cn = '[一二三四五六七八九十]+';
  let part = '';
  let item = '';
  const out: string[] = [];
  for (const line of rawLines(d)) {
    const p = new RegExp(`^(${cn})、`).exec(line);
    const i = new RegExp(`^（(${cn})）`).exec(line);
    const s = /^(\d+)[．.]/.exec(line);
    if (p) part = `${p[1]}、`;
    if (i) item = `（${i[1]}）`;
    if (i && kind === 'item') out.push(part + item);
    if (s && kind === 'subitem') out.push(`${part}${item}${s[1]}．`);
  }
  return out;
}

/** Every numbered clause sits under the clause whose path its own path extends. */
function expectParentsMatchPaths(d: CorpusDocument): void {
  const byId = new Map(d.clauses.map((c) => [c.id, c]));
  for (const c of d.clauses) {
    if (c.parentId === null) {
      expect(c.depth).toBe(0);
      continue;
    }
    const parent = byId.get(c.parentId)!;
    expect(c.path.zh.startsWith(parent.path.zh), `${c.path.zh} under ${parent.path.zh}`).toBe(true);
    expect(c.path.en.startsWith(`${parent.path.en}, `)).toBe(true);
    expect(c.depth).toBe(parent.depth + 1);
    expect(parent.ordinal).toBeLessThan(c.ordinal);
  }
}

/** No clause holds text of two items: no paragraph inside it opens with a marker, none runs on after 。. */
function expectNoMergedClauses(d: CorpusDocument): void {
  for (const c of d.clauses) {
    for (const paragraph of c.text.split('\n').slice(1)) {
      expect(detectMarker(paragraph), `${c.path.zh}: ${paragraph.slice(0, 20)}`).toBeNull();
    }
    expect(c.text, c.path.zh).not.toMatch(/[。；]\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+．)/);
  }
}

describe('corpus', () => {
  it('loads all five seed documents without errors', () => {
    expect(corpus.documents.map((d) => d.meta.id)).toEqual([
      'changshou-2022-fdi-action-plan-draft',
      'fangchenggang-2021-fdi-work-plan',
      'jiangxi-2023-fdi-manufacturing',
      'jilin-2023-fdi-environment-draft',
      'national-2022-fdi-manufacturing',
    ]);
    expect(corpus.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('gives the same ids on every parse, unique across the corpus', () => {
    const ids = corpus.documents.flatMap((d) => d.clauses.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of corpus.documents) {
      const raw = readFileSync(`${CORPUS}/${d.sourcePath}`, 'utf8');
      expect(parseDocument(d.meta, raw, d.sourcePath).document.clauses.map((c) => c.id)).toEqual(d.clauses.map((c) => c.id));
    }
  });

  it('numbers clauses in document order', () => {
    for (const d of corpus.documents) {
      expect(d.clauses.map((c) => c.ordinal)).toEqual(d.clauses.map((_, i) => i));
      const lines = d.clauses.map((c) => c.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }
  });
});

describe('seed 000: jiangxi-2023-fdi-manufacturing', () => {
  it('has 18 items in three parts, after a news note, the notice, the title and a preamble', () => {
    const d = doc('jiangxi-2023-fdi-manufacturing');
    expect(ofKind(d, 'item')).toHaveLength(18);
    expect(ofKind(d, 'part').map((c) => c.heading)).toEqual([
      '优化投资环境，扩大外商投资流入',
      '加强投资服务，支持外商投资企业发展',
      '引导投资方向，提升外商投资质量',
    ]);
    expect(d.clauses.slice(0, 4).map((c) => [c.kind, c.line])).toEqual([
      ['note', 3],
      ['notice', 5],
      ['title', 10],
      ['preamble', 11],
    ]);
    expect(d.header['链接']).toBe(d.meta.source);
    expect(clause(d, '通知').text.split('\n').at(-1)).toBe('2023年6月21日');
    expect(clause(d, '二、（十二）')).toMatchObject({
      heading: '鼓励外商投资企业利润再投资',
      path: { en: 'Part II, Item 12' },
      parentId: clause(d, '二、').id,
    });
    expect(clause(d, '三、（十八）')).toMatchObject({ heading: '加快外商投资绿色低碳升级', path: { en: 'Part III, Item 18' } });
    expect(clause(d, '一、（一）').text.startsWith('大力优化外商投资营商环境。')).toBe(true);
    expect(clause(d, '结语').text.startsWith('各地各部门要高度重视')).toBe(true);
    expect(ofKind(d, 'item').map((c) => c.path.zh)).toEqual(sourceSequence(d, 'item'));
    expectParentsMatchPaths(d);
    expectNoMergedClauses(d);
  });
});

describe('seed 001: jilin-2023-fdi-environment-draft', () => {
  it('has 17 items in four parts under a title joined from three lines', () => {
    const d = doc('jilin-2023-fdi-environment-draft');
    expect(ofKind(d, 'item')).toHaveLength(17);
    expect(ofKind(d, 'part')).toHaveLength(4);
    expect(clause(d, '标题')).toMatchObject({ text: d.meta.title.zh, line: 3 });
    expect(clause(d, '序言').line).toBe(8);
    expect(clause(d, '一、（三）')).toMatchObject({ heading: '支持外资参与我省新能源产业发展建设', path: { en: 'Part I, Item 3' } });
    expect(clause(d, '三、（十一）')).toMatchObject({ heading: '加强金融支持', path: { en: 'Part III, Item 11' }, line: 33 });
    expect(clause(d, '四、（十七）')).toMatchObject({ heading: '优化外商投资促进评价', parentId: clause(d, '四、').id });
    expect(ofKind(d, 'item').map((c) => c.path.zh)).toEqual(sourceSequence(d, 'item'));
    expectParentsMatchPaths(d);
    expectNoMergedClauses(d);
  });
});

describe('seed 002: changshou-2022-fdi-action-plan-draft', () => {
  it('has 8 items and 14 sub-items numbered across items, and a closing line', () => {
    const d = doc('changshou-2022-fdi-action-plan-draft');
    expect(ofKind(d, 'item')).toHaveLength(8);
    expect(ofKind(d, 'subitem')).toHaveLength(14);
    expect(clause(d, '标题').text).toBe('重庆市长寿区建设高质量外资集聚地三年行动计划（2022—2024年）（征求意见稿）');
    expect(clause(d, '序言').text.startsWith('为深入贯彻落实')).toBe(true);
    expect(clause(d, '三、（二）4．')).toMatchObject({
      heading: '激发开放平台外资利用引擎作用',
      path: { en: 'Part III, Item 2, Sub-item 4' },
      parentId: clause(d, '三、（二）').id,
    });
    // Written `7.` with an ASCII dot in the source.
    expect(clause(d, '三、（三）7．')).toMatchObject({ heading: '创新利用外资方式', line: 20 });
    expect(clause(d, '四、（一）')).toMatchObject({ heading: '加强组织领导', path: { en: 'Part IV, Item 1' } });
    expect(clause(d, '一、')).toMatchObject({ heading: '总体要求' });
    expect(clause(d, '一、').text.split('\n')).toHaveLength(2);
    expect(clause(d, '结语')).toMatchObject({ text: '本行动计划到期，相关政策措施继续有效。', line: 34 });
    expect(ofKind(d, 'item').map((c) => c.path.zh)).toEqual(sourceSequence(d, 'item'));
    expect(ofKind(d, 'subitem').map((c) => c.path.zh)).toEqual(sourceSequence(d, 'subitem'));
    expect(d.clauses.some((c) => c.text.includes('bookmark'))).toBe(false);
    expectParentsMatchPaths(d);
    expectNoMergedClauses(d);
  });
});

describe('seed 003: fangchenggang-2021-fdi-work-plan', () => {
  it('has 15 items, one inferred, 5 points and an attachment', () => {
    const d = doc('fangchenggang-2021-fdi-work-plan');
    expect(ofKind(d, 'item')).toHaveLength(15);
    expect(ofKind(d, 'point')).toHaveLength(5);
    const inferred = d.clauses.filter((c) => c.inferred);
    expect(inferred.map((c) => [c.path.zh, c.path.en, c.heading, c.line])).toEqual([['二、（二）', 'Part II, Item 2', '强化利用外资政策支持', 15]]);
    expect(inferred[0]!.text.split('\n')[1]!.startsWith('加大对外资招商引资奖励政策的支持力度')).toBe(true);
    expect(clause(d, '二、（三）一是')).toMatchObject({
      kind: 'point',
      heading: '实施重大投资项目外资优先机制',
      path: { en: 'Part II, Item 3, Point 1' },
      parentId: clause(d, '二、（三）').id,
    });
    expect(clause(d, '二、（四）三是')).toMatchObject({ heading: '创新开展外资招商活动', path: { en: 'Part II, Item 4, Point 3' } });
    expect(clause(d, '二、（一）')).toMatchObject({ heading: '全面落实外商投资法及其实施条例', line: 12 });
    expect(clause(d, '三、（五）')).toMatchObject({ heading: '强化工作考核', path: { en: 'Part III, Item 5' } });
    expect(clause(d, '附件1')).toMatchObject({ kind: 'attachment', text: '扩大利用外资规模工作任务分工表', line: 40 });
    expect(ofKind(d, 'subitem')).toEqual([]);
    // The source numbers every item but the inferred one.
    expect(
      ofKind(d, 'item')
        .filter((c) => !c.inferred)
        .map((c) => c.path.zh),
    ).toEqual(sourceSequence(d, 'item'));
    const warnings = corpus.problems.filter((p) => p.file.includes('fangchenggang'));
    expect(warnings).toEqual([expect.objectContaining({ line: 15, severity: 'warning' })]);
    expectParentsMatchPaths(d);
    expectNoMergedClauses(d);
  });
});

describe('seed 004: national-2022-fdi-manufacturing (PDF-extracted)', () => {
  it('has 15 items in three parts, its title joined from two lines', () => {
    const d = doc('national-2022-fdi-manufacturing');
    expect(ofKind(d, 'item')).toHaveLength(15);
    expect(clause(d, '标题')).toMatchObject({ text: d.meta.title.zh, line: 1 });
    expect(clause(d, '一、')).toMatchObject({ heading: '优化投资环境，扩大外商投资流入', text: '优化投资环境，扩大外商投资流入', line: 16 });
    expect(clause(d, '二、（十）')).toMatchObject({ heading: '鼓励外商投资企业利润再投资', path: { en: 'Part II, Item 10' }, line: 116 });
    expect(clause(d, '三、（十五）')).toMatchObject({ heading: '引导制造业外商投资企业国内梯度转移', parentId: clause(d, '三、').id });
    expect(ofKind(d, 'item').map((c) => c.path.zh)).toEqual(sourceSequence(d, 'item'));
    expectParentsMatchPaths(d);
    expectNoMergedClauses(d);
  });

  it('reads as continuous sentences', () => {
    const d = doc('national-2022-fdi-manufacturing');
    expect(clause(d, '序言').text).toContain('加快构建开放型经济新体制');
    expect(clause(d, '二、（十）').text).toContain('鼓励地方给予外商投资企业利润再投资');
    expect(clause(d, '二、（九）').text).toContain('支持符合条件的外商投资企业通过在主板');
    expect(clause(d, '一、（一）').text).toContain('做好2021年版外资准入负面清单落实工作');
    expect(clause(d, '二、（十一）').text).toContain('面向制造业外商投资企业的RCEP规则宣传培训');
    expect(clause(d, '二、（十）').text.endsWith('降低企业投资和运营成本。')).toBe(true);
    expect(clause(d, '结语').text.endsWith('增强对全国稳外资的带动作用。')).toBe(true);
    for (const c of d.clauses) {
      expect(c.text, c.path.zh).not.toMatch(/[\n ]/);
    }
  });

  it('keeps every character of the source text', () => {
    const d = doc('national-2022-fdi-manufacturing');
    const cjk = (s: string) => s.replace(/[^\p{Script=Han}]/gu, '');
    const raw = rawLines(d).join('');
    // Markers are carried by paths, so compare after removing them from the source.
    const withoutMarkers = raw.replace(/（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、/g, '');
    expect(cjk(d.clauses.map((c) => c.text).join(''))).toBe(cjk(withoutMarkers));
  });
});
