import { describe, expect, it } from 'vitest';
import {
  collapseExtractionSpaces,
  continuesOnNextLine,
  detectLineMeasure,
  dropWordArtifacts,
  endsSentence,
  extractHeaderLines,
  isDateLine,
  isLabelLine,
  isPageNumberLine,
  joinFragments,
  joinTitleLines,
  normalizeSource,
  reflowWrappedLines,
  splitSourceLines,
  stripEdgeSpaces,
  visualWidth,
  type NormalizedLine,
} from '../../indexer/normalize.ts';

const lines = (...texts: string[]): NormalizedLine[] => texts.map((text, i) => ({ text, line: i + 1 }));

/**
 * A PDF-like page: paragraphs wrapped at 28 CJK characters (56 columns), blank lines between the lines and a
 * page break that leaves a leading space.
 */
const WRAPPED = [
  '近年来，我国深入推进高水平对外开放，加快构建开放型经',
  '',
  '济新体制，利用外资保持增长，为经济健康发展发挥了积极作',
  '',
  '用，现提出以下政策措施。',
  '',
  '一、优化投资环境，扩大外商投资流入',
  '',
  '（一）深入实施外资准入负面清单。做好2021年版外资准入负',
  '',
  '面清单落实工作，鼓励地方给予外资企业利润再投资与外商投',
  '',
  ' 资企业同样的配套支持政策，确保新开放措施及时落地见效，尽',
  '',
  '快将开放政策转化为实实在在的外资项目。',
  '',
  '（二）高标准落实外资准入后国民待遇。保障外商投资企业依法',
  '',
  '依规平等享受国家产业发展和区域发展等支持政策。',
];

describe('splitSourceLines', () => {
  it('splits on any line ending, drops a byte-order mark and numbers lines from 1', () => {
    expect(splitSourceLines('\uFEFF标题\r\n\r\n正文\n结尾')).toEqual(lines('标题', '', '正文', '结尾'));
  });
});

describe('dropWordArtifacts', () => {
  it('removes Word bookmarks such as [bookmark: _GoBack]', () => {
    expect(dropWordArtifacts('[bookmark: _GoBack]为深入贯彻落实')).toBe('为深入贯彻落实');
    expect(dropWordArtifacts('正文[bookmark: OLE_LINK1]继续')).toBe('正文继续');
  });

  it('keeps ordinary bracketed text', () => {
    expect(dropWordArtifacts('见[附表1]')).toBe('见[附表1]');
  });
});

describe('stripEdgeSpaces', () => {
  it('removes page-break leading spaces, indents and full-width spaces', () => {
    expect(stripEdgeSpaces(' 的服务保障。')).toBe('的服务保障。');
    expect(stripEdgeSpaces('    本行动计划到期，相关政策措施继续有效。')).toBe('本行动计划到期，相关政策措施继续有效。');
    expect(stripEdgeSpaces('\u3000\u3000第一条\u00a0')).toBe('第一条');
  });
});

describe('isPageNumberLine', () => {
  it('recognises page numbers left by PDF extraction', () => {
    expect(isPageNumberLine('- 3 -')).toBe(true);
    expect(isPageNumberLine('—12—')).toBe(true);
    expect(isPageNumberLine('第 3 页')).toBe(true);
    expect(isPageNumberLine('第3页，共12页')).toBe(true);
  });

  it('leaves text and numbered items alone', () => {
    expect(isPageNumberLine('3．鼓励外资参与基础设施建设。')).toBe(false);
    expect(isPageNumberLine('2023年6月21日')).toBe(false);
  });
});

describe('extractHeaderLines', () => {
  it('turns the 标题：/链接： lines at the top into metadata', () => {
    const { header, rest } = extractHeaderLines(lines('标题：江西：引导外资', '链接：https://example.org/a.shtml', '7月27日，江西省印发。'));
    expect(header).toEqual({ 标题: '江西：引导外资', 链接: 'https://example.org/a.shtml' });
    expect(rest).toEqual([{ text: '7月27日，江西省印发。', line: 3 }]);
  });

  it('ignores header-like lines inside the text', () => {
    const input = lines('为深入贯彻落实，制定本方案。', '来源：本市统计局');
    const { header, rest } = extractHeaderLines(input);
    expect(header).toEqual({});
    expect(rest).toEqual(input);
  });
});

describe('text predicates', () => {
  it('measures CJK and full-width punctuation as two columns', () => {
    expect(visualWidth('外资')).toBe(4);
    expect(visualWidth('RCEP')).toBe(4);
    expect(visualWidth('“十四五”')).toBe(10);
  });

  it('knows sentence-final punctuation, also before closing quotes', () => {
    expect(endsSentence('现提出以下政策措施。')).toBe(true);
    expect(endsSentence('省直有关单位：')).toBe(true);
    expect(endsSentence('争做能效、水效等方面的“领跑者”。')).toBe(true);
    expect(endsSentence('“经济工作要求。”')).toBe(true);
    expect(endsSentence('加快构建开放型经')).toBe(false);
    expect(endsSentence('对标“十四五”规划《纲要》')).toBe(false);
  });

  it('recognises bare labels and date lines', () => {
    expect(isLabelLine('附件')).toBe(true);
    expect(isLabelLine('附件2')).toBe(true);
    expect(isLabelLine('附件：1.扩大利用外资规模工作任务分工表')).toBe(false);
    expect(isDateLine('2023年6月21日')).toBe(true);
    expect(isDateLine('二〇二三年六月二十一日')).toBe(true);
    expect(isDateLine('2023年6月21日印发')).toBe(false);
  });
});

describe('joinFragments', () => {
  it('joins CJK fragments without a space, even mid-word (外商投 / 资企业)', () => {
    expect(joinFragments('支持符合条件的外商投', '资企业通过上市融资')).toBe('支持符合条件的外商投资企业通过上市融资');
  });

  it('keeps a space between two Latin words', () => {
    expect(joinFragments('Regional Comprehensive Economic', 'Partnership')).toBe('Regional Comprehensive Economic Partnership');
    expect(joinFragments('面向企业的RCEP', '规则')).toBe('面向企业的RCEP规则');
  });
});

describe('joinTitleLines', () => {
  it('joins a title set over several lines, after a bare 附件 label', () => {
    const { before, title, after } = joinTitleLines(
      lines('附件', '', '吉林省关于进一步优化外商投资环境', '', '加大吸引外商投资力度的实施意见', '', '（征求意见稿）', '为深入贯彻，现提出如下实施意见。'),
    );
    expect(before.map((l) => l.text)).toEqual(['附件']);
    expect(title).toEqual({ text: '吉林省关于进一步优化外商投资环境加大吸引外商投资力度的实施意见（征求意见稿）', line: 3 });
    expect(after.map((l) => l.line)).toEqual([8]);
  });

  it('stops at the first line with sentence punctuation', () => {
    const { title, after } = joinTitleLines(
      lines('关于以制造业为重点促进外资扩增量稳存量', '提质量的若干政策措施', '近年来，我国深入推进高水平对外开放，加快构建开放型经'),
    );
    expect(title?.text).toBe('关于以制造业为重点促进外资扩增量稳存量提质量的若干政策措施');
    expect(after).toHaveLength(1);
  });

  it('leaves a one-line title and a document that opens with prose alone', () => {
    expect(joinTitleLines(lines('2021年防城港市扩大利用外资规模工作方案', '为贯彻落实，特制定本方案。')).title).toBeUndefined();
    expect(joinTitleLines(lines('7月27日，江西省印发通知。', '原文如下：')).title).toBeUndefined();
  });

  it('does not swallow a numbered heading', () => {
    expect(joinTitleLines(lines('某市工作方案', '一、工作目标')).title).toBeUndefined();
  });
});

describe('detectLineMeasure', () => {
  it('finds the wrap width of PDF-extracted text', () => {
    expect(detectLineMeasure(lines(...WRAPPED.map(stripEdgeSpaces)))).toBe(56);
  });

  it('returns null for one paragraph per line (Word export)', () => {
    const word = lines(
      '一、总体要求',
      '以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，更大力度推动高水平对外开放。',
      '二、发展目标',
      '坚持补链、固链、强链、扩链与引资、引技、引智、引才相结合。',
      '三、重点任务',
      '（一）推动高水平对外开放',
      '1．落实外商投资市场准入政策。深入贯彻落实外商投资准入前国民待遇加负面清单管理制度。',
    );
    expect(detectLineMeasure(word)).toBeNull();
  });
});

describe('continuesOnNextLine', () => {
  const measure = 56;

  it('continues a full line that stops mid-sentence', () => {
    expect(continuesOnNextLine('近年来，我国深入推进高水平对外开放，加快构建开放型经', '济新体制', measure)).toBe(true);
  });

  it('lets a short heading without punctuation stand alone', () => {
    expect(continuesOnNextLine('一、优化投资环境，扩大外商投资流入', '（一）深入实施外资准入负面清单。', measure)).toBe(false);
  });

  it('never continues into a line that opens with a numbering marker', () => {
    expect(continuesOnNextLine('（一）深入实施外资准入负面清单。做好2021年版外资准入负', '（二）高标准落实', measure)).toBe(false);
  });

  it('ends a paragraph at a sentence end unless the sentence ended exactly at the margin and the next line is full', () => {
    expect(continuesOnNextLine('快将开放政策转化为实实在在的外资项目。', '（二）高标准', measure)).toBe(false);
    const full = '支持外商投资企业更好融入国内大循环，促进国内国际双循环。';
    const nextFull = '吸引外资大省要充分发挥优势，加大引资力度，增强对全国稳外';
    const nextIndented = '各地方要高度重视，加强配合，做好外资扩增量工作。';
    expect(continuesOnNextLine(full, nextFull, measure)).toBe(true);
    expect(continuesOnNextLine(full, nextIndented, measure)).toBe(false);
  });
});

describe('reflowWrappedLines', () => {
  it('rejoins wrapped lines into paragraphs that start at their first source line', () => {
    const out = reflowWrappedLines(lines(...WRAPPED.map(stripEdgeSpaces)), 56);
    expect(out.map((l) => l.line)).toEqual([1, 7, 9, 17]);
    expect(out[0]!.text).toBe(
      '近年来，我国深入推进高水平对外开放，加快构建开放型经济新体制，利用外资保持增长，为经济健康发展发挥了积极作用，现提出以下政策措施。',
    );
    expect(out[1]!.text).toBe('一、优化投资环境，扩大外商投资流入');
    expect(out[2]!.text).toContain('外资企业利润再投资与外商投资企业同样的配套支持政策');
    expect(out[2]!.text.endsWith('外资项目。')).toBe(true);
    expect(out.every((l) => !l.text.includes('\n'))).toBe(true);
  });
});

describe('collapseExtractionSpaces', () => {
  it('removes spaces PDF extraction put between CJK and digits or Latin', () => {
    expect(collapseExtractionSpaces('做好 2021 年版外资准入负面清单')).toBe('做好2021年版外资准入负面清单');
    expect(collapseExtractionSpaces('面向制造业外商投资企业的 RCEP 规则宣传培训')).toBe('面向制造业外商投资企业的RCEP规则宣传培训');
    expect(collapseExtractionSpaces('增长 20% 以上')).toBe('增长20%以上');
  });

  it('keeps spaces between Latin words, between numbers and between CJK names', () => {
    expect(collapseExtractionSpaces('Regional Comprehensive Economic Partnership')).toBe('Regional Comprehensive Economic Partnership');
    expect(collapseExtractionSpaces('价格138 000元')).toBe('价格138 000元');
    expect(collapseExtractionSpaces('省发展改革委 省商务厅')).toBe('省发展改革委 省商务厅');
  });
});

describe('normalizeSource', () => {
  it('applies every repair and keeps source line numbers', () => {
    const raw = [
      '标题：测试页面',
      '链接：https://example.org/x',
      '[bookmark: _GoBack]为落实政策，制定本方案。',
      '',
      '   一、总体要求',
      '- 2 -',
      '（一）做好 2021 年版清单工作。',
    ].join('\n');
    const { lines: out, header, problems } = normalizeSource(raw);
    expect(header).toEqual({ 标题: '测试页面', 链接: 'https://example.org/x' });
    expect(out).toEqual([
      { text: '为落实政策，制定本方案。', line: 3 },
      { text: '一、总体要求', line: 5 },
      { text: '（一）做好2021年版清单工作。', line: 7 },
    ]);
    expect(problems).toEqual([]);
  });

  it('reflows a wrapped document but leaves its title joined separately', () => {
    const raw = [' 关于促进外资扩增量稳存量', '提质量的若干政策措施', '', ...WRAPPED].join('\n');
    const { lines: out } = normalizeSource(raw);
    expect(out[0]).toEqual({ text: '关于促进外资扩增量稳存量提质量的若干政策措施', line: 1 });
    expect(out[1]!.text.startsWith('近年来')).toBe(true);
    expect(out[1]!.line).toBe(4);
  });

  it('reports an empty source and mis-encoded characters', () => {
    expect(normalizeSource(' \n\n').problems).toEqual([{ line: 1, severity: 'error', message: 'the source has no text' }]);
    expect(normalizeSource('正文\uFFFD。').problems[0]).toMatchObject({ line: 1, severity: 'warning' });
  });
});
