// The pieces parseDocument is made of: numbered range, front matter, body steps (opening, gap inference,
// attachments) and run-on warnings, each on a few lines written here.
import { describe, expect, it } from 'vitest';
import type { NormalizedLine } from '../../indexer/normalize.ts';
import { detectMarker, type Marker } from '../../indexer/numbering.ts';
import {
  addAttachmentLine,
  addInferredHeading,
  inferMissing,
  numberedRange,
  NumberingTracker,
  openClause,
  parseBody,
  parseFrontMatter,
  pathOf,
  runOnWarnings,
  splitFront,
  type BodyState,
} from '../../indexer/parse.ts';

const FILE = 'doc/source.txt';
const TITLE = '某市促进外商投资若干措施';

const lines = (...texts: string[]): NormalizedLine[] => texts.map((text, i) => ({ text, line: i + 1 }));
const markersOf = (paras: NormalizedLine[]) => paras.map((p) => detectMarker(p.text));

function bodyState(paras: NormalizedLine[]): BodyState {
  return { file: FILE, markers: markersOf(paras), tracker: new NumberingTracker(FILE, 'error'), stack: [], attachments: [], nodes: [], problems: [] };
}

const marker = (text: string): Marker => detectMarker(text)!;

describe('numberedRange', () => {
  it('gives the first and last numbered paragraph', () => {
    expect(numberedRange(markersOf(lines(TITLE, '一、总体要求', '正文。', '二、重点任务', '结语。')))).toEqual({ firstNumbered: 1, lastNumbered: 3 });
  });

  it('puts the first past the end, the last at -1, when nothing is numbered', () => {
    expect(numberedRange([null, null])).toEqual({ firstNumbered: 2, lastNumbered: -1 });
  });
});

describe('front matter', () => {
  it('splits note and notice at the addressee line', () => {
    const front = lines('编者按：本文转自某网站。', '各区人民政府，市政府各部门：', '现将措施印发给你们。');
    expect(splitFront(front, false)).toEqual({ note: front.slice(0, 1), notice: front.slice(1) });
  });

  it('without an addressee: a news site’s lead is a note, anything else a notice', () => {
    const front = lines('据报道，措施近日印发。');
    expect(splitFront(front, true)).toEqual({ note: front, notice: [] });
    expect(splitFront(front, false)).toEqual({ note: [], notice: front });
  });

  it('makes notice, title (a draft note merged) and one preamble clause per paragraph', () => {
    const paras = lines('各区人民政府：', '现将措施印发给你们。', TITLE, '（征求意见稿）', '为扩大外资流入，制定以下措施。', '同时做好配套。', '一、总体要求');
    const { nodes, problems } = parseFrontMatter(paras, 6, { file: FILE, fromNewsSite: false, titleZh: TITLE });
    expect(nodes.map((n) => [n.kind, n.paragraphs])).toEqual([
      ['notice', ['各区人民政府：', '现将措施印发给你们。']],
      ['title', [`${TITLE}（征求意见稿）`]],
      ['preamble', ['为扩大外资流入，制定以下措施。']],
      ['preamble', ['同时做好配套。']],
    ]);
    expect(problems).toEqual([{ file: FILE, line: 3, severity: 'warning', message: `title in the text differs from meta title.zh: ${TITLE}（征求意见稿）` }]);
  });

  it('warns when there is no title line before the first numbered clause', () => {
    const paras = lines('为扩大外资流入，制定以下措施。', '一、总体要求');
    const { nodes, problems } = parseFrontMatter(paras, 1, { file: FILE, fromNewsSite: false, titleZh: TITLE });
    expect(nodes.map((n) => n.kind)).toEqual(['preamble']);
    expect(problems.map((p) => p.message)).toEqual(['no title line found before the first numbered clause']);
  });
});

describe('body steps', () => {
  it('opens a clause under the innermost open clause of a higher rank, closing deeper ones', () => {
    const state = bodyState([]);
    const part = openClause(state, marker('一、总体要求'), '总体要求', 1);
    const item = openClause(state, marker('（一）稳外资'), '稳外资', 2);
    expect(item.parent).toBe(part);
    const sub = openClause(state, marker('1．落实政策。'), '落实政策。', 3);
    expect(pathOf(sub).zh).toBe('一、（一）1．');
    const part2 = openClause(state, marker('二、重点任务'), '重点任务', 4);
    expect(part2.parent).toBeNull();
    expect(state.stack).toEqual([part2]);
    expect(state.nodes).toEqual([part, item, sub, part2]);
  });

  it('infers the number a heading must have when the next sibling leaves a gap of one', () => {
    const paras = lines('（一）稳外资', '优化营商环境', '（三）强保障');
    const state = bodyState(paras);
    state.tracker.record(null, 'item', 1);
    expect(inferMissing(state, 1)).toEqual({ kind: 'item', n: 2, parent: null });
    // A gap of two is not inferred.
    const wide = bodyState(lines('（一）稳外资', '优化营商环境', '（四）强保障'));
    wide.tracker.record(null, 'item', 1);
    expect(inferMissing(wide, 1)).toBeNull();
  });

  it('turns a fitting heading into an inferred clause with a warning, and warns about one that does not fit', () => {
    const paras = lines('（一）稳外资', '优化营商环境', '（三）强保障');
    const state = bodyState(paras);
    state.tracker.record(null, 'item', 1);
    expect(addInferredHeading(state, 1, paras[1]!)).toBe(true);
    expect(state.nodes[0]).toMatchObject({ kind: 'item', inferred: true, paragraphs: ['优化营商环境'], line: 2 });
    expect(state.problems[0]!.message).toBe('heading "优化营商环境" has no number; inferred （二） after （一） before （三）');

    const none = bodyState(lines('优化营商环境'));
    expect(addInferredHeading(none, 0, { text: '优化营商环境', line: 1 })).toBe(false);
    expect(none.nodes).toEqual([]);
    expect(none.problems[0]!.message).toBe('unnumbered heading "优化营商环境" does not fit the numbering; kept as text of the clause above');
  });

  it('collects attachments: a label opens one, `2.` lines further ones, other lines continue the last', () => {
    const state = bodyState([]);
    expect(addAttachmentLine(state, { text: '正文。', line: 1 })).toBe(false);
    expect(addAttachmentLine(state, { text: '附件：1.任务分工表', line: 2 })).toBe(true);
    expect(addAttachmentLine(state, { text: '2.项目清单', line: 3 })).toBe(true);
    expect(addAttachmentLine(state, { text: '（按季度更新）', line: 4 })).toBe(true);
    expect(state.attachments.map((a) => [a.label.zh, a.paragraphs])).toEqual([
      ['附件1', ['任务分工表']],
      ['附件2', ['项目清单', '（按季度更新）']],
    ]);
    expect(state.nodes).toEqual(state.attachments);
  });

  it('parses a body: numbering problems, a heading-only clause taking the next paragraph, then closing ones', () => {
    const paras = lines('一、总体要求', '坚持稳中求进。', '三、重点任务', '推进开放。', '各地要抓好落实。');
    const { nodes, problems } = parseBody(paras, markersOf(paras), { firstNumbered: 0, lastNumbered: 2 }, FILE);
    expect(nodes.map((n) => [n.kind, n.label.zh, n.paragraphs])).toEqual([
      ['part', '一、', ['总体要求', '坚持稳中求进。']],
      ['part', '三、', ['重点任务', '推进开放。']],
      ['closing', '结语', ['各地要抓好落实。']],
    ]);
    expect(problems).toEqual([{ file: FILE, line: 3, severity: 'error', message: 'numbering gap: 二、 missing between 一、 and 三、' }]);
  });
});

describe('runOnWarnings', () => {
  it('flags a clause whose text runs on into its next sibling’s marker', () => {
    const state = bodyState([]);
    openClause(state, marker('（一）稳外资'), '稳外资。（二）强保障。', 7);
    openClause(state, marker('（三）优环境'), '优环境。', 8);
    expect(runOnWarnings(state.nodes, FILE)).toEqual([{ file: FILE, line: 7, severity: 'warning', message: '（一） seems to run on into the next item' }]);
  });
});
