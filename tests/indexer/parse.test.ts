import { describe, expect, it } from 'vitest';
import { detectAttachment, isAddresseeLine, leadHeading, parseDocument } from '../../indexer/parse.ts';
import { DocumentMeta, type Clause } from '../../indexer/types.ts';

const TITLE = '某市促进外商投资若干措施';

function meta(title = TITLE): DocumentMeta {
  return DocumentMeta.parse({
    id: 'test-doc',
    title: { zh: title, en: 'Test document' },
    issuer: [{ zh: '某市人民政府', en: "People's Government of a City" }],
    region: { zh: '某市', en: 'A City' },
    level: 'municipal',
    status: 'final',
    language: 'zh',
  });
}

function parse(...lines: string[]) {
  return parseDocument(meta(), lines.join('\n'), 'test-doc/source.txt');
}

const byPath = (clauses: Clause[], zh: string): Clause => {
  const clause = clauses.find((c) => c.path.zh === zh);
  if (!clause) throw new Error(`no clause ${zh} in ${clauses.map((c) => c.path.zh).join(' ')}`);
  return clause;
};

describe('numbering styles', () => {
  it('nests 一、 parts, （一） items, 1． sub-items and 一是 points with zh and en paths', () => {
    const { document, problems } = parse(
      TITLE,
      '为扩大外资流入，制定以下措施。',
      '一、总体要求',
      '坚持稳中求进。',
      '二、重点任务',
      '（一）推动高水平对外开放',
      '1．落实外商投资市场准入政策。深入贯彻落实准入前国民待遇。',
      '2.深化重点领域开放。鼓励外资投资农业。',
      '（二）聚焦重点平台',
      '一是实施外资优先机制。优化重大项目投资结构。',
      '二是引导外资向园区集聚。给予园区倾斜。',
    );
    expect(problems).toEqual([]);
    const c = document.clauses;
    expect(c.map((x) => x.path.zh)).toEqual([
      '标题',
      '序言',
      '一、',
      '二、',
      '二、（一）',
      '二、（一）1．',
      '二、（一）2．',
      '二、（二）',
      '二、（二）一是',
      '二、（二）二是',
    ]);
    expect(byPath(c, '二、（一）2．').path.en).toBe('Part II, Item 1, Sub-item 2');
    expect(byPath(c, '二、（二）一是').path.en).toBe('Part II, Item 2, Point 1');
    expect(byPath(c, '二、（二）一是')).toMatchObject({ kind: 'point', depth: 2, parentId: byPath(c, '二、（二）').id });
    expect(byPath(c, '二、（一）')).toMatchObject({ kind: 'item', depth: 1, parentId: byPath(c, '二、').id });
    expect(byPath(c, '一、')).toMatchObject({ kind: 'part', depth: 0, parentId: null, text: '总体要求\n坚持稳中求进。', heading: '总体要求' });
  });

  it('accepts half-width and mixed parentheses and canonicalizes the path', () => {
    const { document, problems } = parse(TITLE, '一、任务', '(一)第一项工作。内容。', '（二)第二项工作。内容。');
    expect(problems).toEqual([]);
    expect(document.clauses.filter((c) => c.kind === 'item').map((c) => c.path.zh)).toEqual(['一、（一）', '一、（二）']);
  });

  it('accepts items that continue their numbering across parts, or restart under a new part', () => {
    const continued = parse(TITLE, '一、甲', '（一）甲一。内容。', '（二）甲二。内容。', '二、乙', '（三）乙一。内容。');
    expect(continued.problems).toEqual([]);
    expect(byPath(continued.document.clauses, '二、（三）').path.en).toBe('Part II, Item 3');
    const restarted = parse(TITLE, '一、甲', '（一）甲一。内容。', '（二）甲二。内容。', '二、乙', '（一）乙一。内容。');
    expect(restarted.problems).toEqual([]);
  });

  it('reads chapters, sections and articles in a policy text', () => {
    const { document, problems } = parse(
      TITLE,
      '第一章 总则',
      '第一条 为了促进外商投资，制定本办法。',
      '第二条 本办法适用于本市。',
      '第二章 促进',
      '第三条 市政府设立专项资金。',
    );
    expect(problems).toEqual([]);
    expect(byPath(document.clauses, '第二章第三条')).toMatchObject({ kind: 'article', path: { en: 'Chapter 2, Article 3' }, text: '市政府设立专项资金。' });
  });
});

describe('structure checks', () => {
  it('reports a numbering gap with file and line', () => {
    const { problems } = parse(TITLE, '一、任务', '（一）甲。内容。', '（三）丙。内容。');
    expect(problems).toEqual([
      { file: 'test-doc/source.txt', line: 4, severity: 'error', message: 'numbering gap under 一、: （二） missing between （一） and （三）' },
    ]);
  });

  it('reports duplicates and numbers out of order, and still gives every clause a unique id', () => {
    const { document, problems } = parse(TITLE, '一、任务', '（一）甲。内容。', '（二）乙。内容。', '（二）乙again。内容。', '（一）甲again。内容。');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'duplicate （二） under 一、'],
      [6, '（一） after （二） under 一、: out of order'],
    ]);
    const ids = document.clauses.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports a first item that does not start at one', () => {
    const { problems } = parse(TITLE, '一、任务', '（三）丙。内容。');
    expect(problems[0]).toMatchObject({ line: 3, severity: 'error', message: 'numbering starts at （三） under 一、; expected （一）' });
  });

  it('reports an empty clause', () => {
    const { problems } = parse(TITLE, '一、任务', '（一）', '（二）乙。内容。');
    expect(problems).toEqual([{ file: 'test-doc/source.txt', line: 3, severity: 'error', message: '一、（一） is empty' }]);
  });

  it('warns when a clause runs on into the next sibling (a missed paragraph break)', () => {
    const { problems } = parse(TITLE, '一、任务', '（一）甲。内容。（二）乙。内容。');
    expect(problems).toEqual([{ file: 'test-doc/source.txt', line: 3, severity: 'warning', message: '一、（一） seems to run on into the next item' }]);
  });

  it('warns when the text has no title or a title different from the metadata', () => {
    expect(parse('一、任务', '（一）甲。内容。').problems[0]).toMatchObject({
      severity: 'warning',
      message: 'no title line found before the first numbered clause',
    });
    expect(parse('另一个标题', '一、任务').problems[0]).toMatchObject({ line: 1, severity: 'warning' });
  });
});

describe('unnumbered headings', () => {
  it('infers a missing item number from its neighbours and marks it', () => {
    const { document, problems } = parse(
      TITLE,
      '一、工作目标',
      '实际利用外资增长20%以上。',
      '二、主要任务',
      '（一）全面落实外商投资法',
      '落实好负面清单。',
      '强化利用外资政策支持',
      '加大奖励政策支持力度。',
      '（三）聚焦重点平台',
      '一是实施优先机制。优化结构。',
    );
    const inferred = byPath(document.clauses, '二、（二）');
    expect(inferred).toMatchObject({
      kind: 'item',
      inferred: true,
      heading: '强化利用外资政策支持',
      text: '强化利用外资政策支持\n加大奖励政策支持力度。',
      line: 7,
    });
    expect(inferred.path.en).toBe('Part II, Item 2');
    expect(byPath(document.clauses, '二、（一）').inferred).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'test-doc/source.txt',
        line: 7,
        severity: 'warning',
        message: 'heading "强化利用外资政策支持" has no number; inferred 二、（二） after （一） before （三）',
      },
    ]);
  });

  it('keeps a heading-like line that fits no gap as text, with a warning', () => {
    const { document, problems } = parse(TITLE, '一、任务', '（一）甲。内容。', '附表说明', '（二）乙。内容。');
    expect(byPath(document.clauses, '一、（一）').text).toBe('甲。内容。\n附表说明');
    expect(problems[0]).toMatchObject({ line: 4, severity: 'warning' });
  });
});

describe('unnumbered parts of a document', () => {
  it("splits an editor's note, a transmittal notice, the title and the preamble", () => {
    const { document, problems } = parseDocument(
      meta(),
      [
        '标题：新闻标题',
        '链接：https://example.org/news/1.shtml',
        '7月27日，某市印发《某市促进外商投资若干措施》的通知。',
        '原文如下：',
        '各区人民政府，市直有关单位：',
        '《某市促进外商投资若干措施》已经市政府同意，现印发给你们，请认真组织实施。',
        '市发展改革委 市商务局',
        '2023年6月21日',
        TITLE,
        '为扩大外资流入，制定以下措施。',
        '为稳定外资规模，结合实际。',
        '一、任务',
        '（一）甲。内容。',
        '各区要高度重视，抓好落实。',
        '本措施自印发之日起施行。',
      ].join('\n'),
      'test-doc/source.txt',
    );
    expect(problems).toEqual([]);
    expect(document.header).toEqual({ 标题: '新闻标题', 链接: 'https://example.org/news/1.shtml' });
    expect(document.clauses.map((c) => [c.kind, c.path.zh, c.path.en, c.line])).toEqual([
      ['note', '编者按', "Editor's note", 3],
      ['notice', '通知', 'Notice', 5],
      ['title', '标题', 'Title', 9],
      ['preamble', '序言 1', 'Preamble ¶1', 10],
      ['preamble', '序言 2', 'Preamble ¶2', 11],
      ['part', '一、', 'Part I', 12],
      ['item', '一、（一）', 'Part I, Item 1', 13],
      ['closing', '结语 1', 'Closing ¶1', 14],
      ['closing', '结语 2', 'Closing ¶2', 15],
    ]);
    expect(document.clauses[0]!.text).toBe('7月27日，某市印发《某市促进外商投资若干措施》的通知。\n原文如下：');
    expect(document.clauses[1]!.text.split('\n')).toHaveLength(4);
    expect(document.clauses.map((c) => c.id.split('--')[1])).toEqual([
      'note-1',
      'notice-1',
      'title',
      'preamble-1',
      'preamble-2',
      'p1',
      'p1-i1',
      'closing-1',
      'closing-2',
    ]);
  });

  it('treats the 附件 list at the end as attachments, not sub-items', () => {
    const { document, problems } = parse(TITLE, '一、任务', '（一）甲。内容。', '附件：1.扩大利用外资规模工作任务分工表', '2.重点项目清单');
    expect(problems).toEqual([]);
    expect(document.clauses.slice(-2).map((c) => [c.kind, c.path.zh, c.path.en, c.text])).toEqual([
      ['attachment', '附件1', 'Attachment 1', '扩大利用外资规模工作任务分工表'],
      ['attachment', '附件2', 'Attachment 2', '重点项目清单'],
    ]);
  });

  it('joins a title and its draft note set on separate lines', () => {
    const doc = parseDocument(
      meta(`${TITLE}（征求意见稿）`),
      ['附件', '', TITLE, '', '（征求意见稿）', '为扩大外资流入，制定以下措施。', '一、任务'].join('\n'),
      'x',
    );
    expect(doc.document.clauses[0]).toMatchObject({ kind: 'title', text: `${TITLE}（征求意见稿）`, line: 3 });
    expect(doc.problems.filter((p) => p.message.includes('title'))).toEqual([]);
  });
});

describe('clause text and headings', () => {
  it('keeps the text without its marker and takes the lead phrase as heading', () => {
    const { document } = parse(TITLE, '一、优化投资环境，扩大外商投资流入', '（十）鼓励外商投资企业利润再投资。落实好暂不征收预提所得税政策。');
    expect(byPath(document.clauses, '一、')).toMatchObject({ heading: '优化投资环境，扩大外商投资流入', text: '优化投资环境，扩大外商投资流入' });
    expect(document.clauses.at(-1)).toMatchObject({
      heading: '鼓励外商投资企业利润再投资',
      text: '鼓励外商投资企业利润再投资。落实好暂不征收预提所得税政策。',
    });
  });

  it('derives headings by the documented rules', () => {
    expect(leadHeading(['深入实施外资准入负面清单。做好落实工作。'])).toBe('深入实施外资准入负面清单');
    expect(leadHeading(['全面落实外商投资法及其实施条例', '落实好负面清单。'])).toBe('全面落实外商投资法及其实施条例');
    expect(leadHeading(['加强组织领导。'])).toBeUndefined();
    expect(leadHeading(['这是一段很长的第一句话没有任何可以作为标题的短语而是直接进入了具体内容的叙述并且一直延续下去。后文。'])).toBeUndefined();
    expect(leadHeading([''])).toBeUndefined();
  });
});

describe('clause ids', () => {
  it('are the same on every parse and unique within the document', () => {
    const lines = [TITLE, '为扩大外资，制定措施。', '一、任务', '（一）甲。内容。', '（二）乙。内容。', '二、保障', '（一）丙。内容。'];
    const first = parse(...lines).document.clauses.map((c) => c.id);
    const second = parse(...lines).document.clauses.map((c) => c.id);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    expect(first).toContain('test-doc--p2-i1');
  });

  it('do not depend on the text', () => {
    const a = parse(TITLE, '一、任务', '（一）甲。内容。').document.clauses.map((c) => c.id);
    const b = parse(TITLE, '一、另一个任务', '（一）完全不同。内容。').document.clauses.map((c) => c.id);
    expect(b).toEqual(a);
  });
});

describe('helpers', () => {
  it('recognises addressee lines of a transmittal notice', () => {
    expect(isAddresseeLine('各设区市人民政府、赣江新区管委会，省直有关单位：')).toBe(true);
    expect(isAddresseeLine('原文如下：')).toBe(false);
  });

  it('parses attachment lines', () => {
    expect(detectAttachment('附件：1.扩大利用外资规模工作任务分工表')).toEqual({ n: 1, text: '扩大利用外资规模工作任务分工表' });
    expect(detectAttachment('附件2：重点项目清单')).toEqual({ n: 2, text: '重点项目清单' });
    expect(detectAttachment('附件')).toEqual({ text: '' });
    expect(detectAttachment('附件所列项目按规定执行。')).toBeNull();
  });
});
