import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuerEnglish, issuersFromInfoLine, latestDate, lawDocId, loadMarkdownCorpus, markdownDocuments, parseLawMarkdown } from '../../indexer/markdown.ts';
import type { Clause } from '../../indexer/types.ts';

const LAW = `# 中华人民共和国示例法

2001年4月28日 第九届全国人民代表大会常务委员会第二十一次会议通过

２０１８年１０月２６日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国示例法〉的决定》修正

<!-- INFO END -->

## 序言

本法序言。

## 第一章 总则

第一条 为了规范示例，制定本法。

第二条 本法适用于全国。

前款规定以外的情形，依照有关规定。

## 第二章　管理

### 第一节 一般规定

第三条 管理部门负责。

第三条之一 新增加的条文。

### 第二节 特别规定

第四条 特别管理。

<!-- FORCE BREAK -->

## 附则

第五条 本法自2002年1月1日起施行。
`;

const paths = (clauses: Clause[]) => clauses.map((c) => c.path.zh);
const byPath = (clauses: Clause[], zh: string) => clauses.find((c) => c.path.zh === zh)!;

describe('parseLawMarkdown', () => {
  const { document, problems } = parseLawMarkdown('经济法/示例法.md', LAW);

  it('builds chapters, sections and articles with the following paragraphs inside their article', () => {
    expect(problems).toEqual([]);
    expect(paths(document.clauses)).toEqual([
      '标题',
      '序言',
      '第一章',
      '第一章第一条',
      '第一章第二条',
      '第二章',
      '第二章第一节',
      '第二章第一节第三条',
      '第二章第一节第三条之一',
      '第二章第二节',
      '第二章第二节第四条',
      '附则',
      '附则第五条',
    ]);
    const c = document.clauses;
    expect(byPath(c, '第一章第二条')).toMatchObject({
      kind: 'article',
      text: '本法适用于全国。\n前款规定以外的情形，依照有关规定。',
      path: { en: 'Chapter 1, Article 2' },
    });
    expect(byPath(c, '第一章第二条').heading).toBeUndefined();
    expect(byPath(c, '第二章第一节第三条之一').path.en).toBe('Chapter 2, Section 1, Article 3a');
    expect(byPath(c, '第二章')).toMatchObject({ kind: 'chapter', heading: '管理', text: '管理' });
    expect(byPath(c, '第二章第二节第四条').parentId).toBe(byPath(c, '第二章第二节').id);
    expect(byPath(c, '附则')).toMatchObject({ kind: 'section', path: { en: 'Heading 1' }, heading: '附则' });
    expect(byPath(c, '附则第五条').parentId).toBe(byPath(c, '附则').id);
    expect(byPath(c, '序言')).toMatchObject({ kind: 'preamble', text: '本法序言。' });
  });

  it('fills the metadata from the title and the promulgation history', () => {
    expect(document.meta).toMatchObject({
      id: lawDocId('经济法/示例法.md'),
      title: { zh: '中华人民共和国示例法', en: '中华人民共和国示例法' },
      issuer: [{ zh: '全国人民代表大会常务委员会', en: "Standing Committee of the National People's Congress" }],
      region: { zh: '中国', en: 'China' },
      level: 'national',
      date: '2018-10-26',
      status: 'final',
      language: 'zh',
    });
    expect(document.sourcePath).toBe('经济法/示例法.md');
  });

  it('gives stable ids derived from the file path and the clause path', () => {
    expect(document.meta.id).toMatch(/^law-[0-9a-f]{12}$/);
    expect(byPath(document.clauses, '第二章第一节第三条').id).toBe(`${document.meta.id}--ch2-sec1-a3`);
    const again = parseLawMarkdown('经济法/示例法.md', LAW).document.clauses.map((c) => c.id);
    expect(again).toEqual(document.clauses.map((c) => c.id));
    expect(new Set(again).size).toBe(again.length);
    expect(lawDocId('经济法/其他法.md')).not.toBe(document.meta.id);
  });

  it("reads an amendment's 一、 paragraphs as parts holding their quoted text", () => {
    const md = `# 示例法修正案\n\n2020年12月26日 第十三届全国人民代表大会常务委员会第二十四次会议通过\n\n<!-- INFO END -->\n\n一、将示例法第十七条修改为：“已满十六周岁的人犯罪，应当负刑事责任。\n\n“前款规定的人，依照规定处理。”\n\n二、在示例法第一百三十三条后增加一条：“新条文。”\n`;
    const { document: d, problems: p } = parseLawMarkdown('刑法/示例法修正案.md', md);
    expect(p).toEqual([]);
    expect(d.clauses.map((c) => [c.path.zh, c.path.en])).toEqual([
      ['标题', 'Title'],
      ['一、', 'Part I'],
      ['二、', 'Part II'],
    ]);
    expect(d.clauses[1]!.text.split('\n')).toHaveLength(2);
  });

  it('nests articles under 一、 headings written as paragraphs, and parts under unnumbered headings', () => {
    const interpretation = parseLawMarkdown(
      '司法解释/示例解释.md',
      '# 示例解释\n\n<!-- INFO END -->\n\n一、一般规定\n\n第一条 甲。\n\n第二条 乙。\n\n二、特别规定\n\n第三条 丙。\n',
    );
    expect(paths(interpretation.document.clauses)).toEqual(['标题', '一、', '一、第一条', '一、第二条', '二、', '二、第三条']);
    expect(interpretation.problems).toEqual([]);
    const caseFile = parseLawMarkdown(
      '案例/示例案.md',
      '# 裁判要旨\n\n<!-- INFO END -->\n\n## 基本案情\n\n原告诉称。\n\n## 裁判要点\n\n一、第一点。\n\n二、第二点。\n',
    );
    expect(caseFile.document.clauses.map((c) => [c.path.zh, c.path.en, c.text])).toEqual([
      ['标题', 'Title', '裁判要旨'],
      ['基本案情', 'Heading 1', '基本案情\n原告诉称。'],
      ['裁判要点', 'Heading 2', '裁判要点'],
      ['裁判要点一、', 'Heading 2, Part I', '第一点。'],
      ['裁判要点二、', 'Heading 2, Part II', '第二点。'],
    ]);
  });

  it("keeps an article's own 一、 enumeration inside the article", () => {
    const { document: d } = parseLawMarkdown(
      'x.md',
      '# 示例\n\n<!-- INFO END -->\n\n第一条 有下列情形之一的，予以处罚：\n\n一、未经批准擅自经营的，责令改正；\n\n二、拒不改正的，处以罚款。\n',
    );
    expect(paths(d.clauses)).toEqual(['标题', '第一条']);
    expect(d.clauses[1]!.text.split('\n')).toHaveLength(3);
  });

  it('reads a local regulation as provincial, with region and issuer from its path and history', () => {
    const md =
      '# 汕头经济特区示例条例\n\n2022年5月30日 汕头市第十五届人民代表大会常务委员会第五次会议通过\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本条例。\n';
    const { document: d } = parseLawMarkdown('DLC/广东地方法规/地方性法规/广东/汕头经济特区示例条例(2022-05-30).md', md);
    expect(d.meta).toMatchObject({
      level: 'provincial',
      region: { zh: '广东省', en: 'Guangdong Province' },
      issuer: [{ zh: '汕头市人民代表大会常务委员会', en: "Standing Committee of the Shantou Municipal People's Congress" }],
      date: '2022-05-30',
    });
  });

  it('falls back to the file name for a missing title and to "not stated" for an unknown issuer', () => {
    const { document: d, problems: p } = parseLawMarkdown('其他/示例攻略(2014-01-01).md', '该攻略出自某处\n\n第一条 内容。\n');
    expect(d.meta.title.zh).toBe('示例攻略');
    expect(d.meta.issuer).toEqual([{ zh: '未注明', en: 'Not stated' }]);
    expect(d.meta.date).toBe('2014-01-01');
    expect(p[0]).toMatchObject({ file: '其他/示例攻略(2014-01-01).md', line: 1, severity: 'warning' });
    expect(paths(d.clauses)).toEqual(['标题', '序言', '第一条']);
  });

  it('warns about article numbering gaps with file and line', () => {
    const { problems: p } = parseLawMarkdown('x.md', '# 示例\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第三条 丙。\n');
    expect(p).toEqual([{ file: 'x.md', line: 7, severity: 'warning', message: 'numbering gap: 第二条 missing between 第一条 and 第三条' }]);
  });

  it('skips front matter', () => {
    const { document: d } = parseLawMarkdown('x.md', '---\nbookCollapseSection: true\n---\n# 示例\n\n第一条 甲。\n');
    expect(d.meta.title.zh).toBe('示例');
    expect(paths(d.clauses)).toEqual(['标题', '第一条']);
  });
});

describe('promulgation history', () => {
  it.each([
    ['1979年7月1日 第五届全国人民代表大会第二次会议通过', ['全国人民代表大会']],
    ['2005年5月11日 国务院第89次常务会议通过', ['国务院']],
    ['1989年10月4日 国务院、中央军委批准', ['国务院', '中央军委']],
    ['2021年7月22日 国家市场监督管理总局令第43号公布', ['国家市场监督管理总局']],
    ['２０１２年１２月３日 公安部部长办公会议通过', ['公安部']],
    ['2002年3月19日 中华人民共和国国务院令第349号公布', ['国务院']],
    ['2004年11月30日 最高人民法院审判委员会第1335次会议通过', ['最高人民法院']],
    ['该攻略出自', []],
  ])('names the issuers of %s', (line, issuers) => {
    expect(issuersFromInfoLine(line)).toEqual(issuers);
  });

  it("translates well-known bodies and people's congresses", () => {
    expect(issuerEnglish('国务院')).toBe('State Council');
    expect(issuerEnglish('广东省人民代表大会常务委员会')).toBe("Standing Committee of the Guangdong Provincial People's Congress");
    expect(issuerEnglish('北京市人民代表大会常务委员会')).toBe("Standing Committee of the Beijing Municipal People's Congress");
    expect(issuerEnglish('郑州市人民政府')).toBe("People's Government of Zhengzhou City");
    expect(issuerEnglish('国家市场监督管理总局')).toBe('国家市场监督管理总局');
  });

  it('takes the latest date, with full-width digits', () => {
    expect(latestDate(['1997年3月14日 修订', '２０２３年１２月２９日 通过', '2020年12月26日 通过'])).toBe('2023-12-29');
    expect(latestDate(['没有日期'])).toBeUndefined();
  });
});

describe('loadMarkdownCorpus', () => {
  it('streams every document, skips section pages and reports unreadable files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'laws-'));
    try {
      await mkdir(path.join(dir, '经济法'));
      await writeFile(path.join(dir, '经济法', '_index.md'), '---\nbookCollapseSection: true\n---');
      await writeFile(path.join(dir, '经济法', '甲法.md'), '# 甲法\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 乙。\n');
      await writeFile(path.join(dir, '乙法.md'), '# 乙法\n\n<!-- INFO END -->\n\n第一条 甲。\n');
      await writeFile(path.join(dir, '坏文件.md'), Buffer.from([0x23, 0x20, 0xb9, 0xd8]));
      const seen: string[] = [];
      const summary = await loadMarkdownCorpus(dir, (doc) => {
        seen.push(doc.meta.title.zh);
      });
      expect(seen).toEqual(['乙法', '甲法']);
      expect(summary).toMatchObject({ files: 3, documents: 2, clauses: 5 });
      expect(summary.problems).toEqual([{ file: path.join(dir, '坏文件.md'), severity: 'error', message: 'cannot read: not valid UTF-8' }]);

      const files: string[] = [];
      for await (const result of markdownDocuments(dir)) files.push(path.relative(dir, result.file));
      expect(files).toEqual(['乙法.md', '坏文件.md', path.join('经济法', '甲法.md')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
