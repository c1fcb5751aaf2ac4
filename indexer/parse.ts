// Clause parser for policy texts: normalized paragraphs → a tree of Clause records. Pure.
//
// Conventions (shared with the law-Markdown parser, which builds on `assembleClauses`):
//  - Numbered clauses nest by marker rank: 第一编 > 第一分编 > 第一章 > 第一节 > 第一条 > 一、 > （一） > 1． > 一是.
//    Their path concatenates the canonical markers of all ancestors:
//      zh `二、（十）`, `三、（二）4．`, `二、（三）一是`, `第二章第十条`
//      en `Part II, Item 10`, `Part III, Item 2, Sub-item 4`, `Part II, Item 3, Point 1`, `Chapter 2, Article 10`
//    Markers are canonicalized (`7.` → `7．`, `(一)` → `（一）`); the clause text never contains its own marker.
//  - Unnumbered text has fixed paths, numbered only when a document has several of a kind:
//      note     `编者按` / `Editor's note`   a news site's lead paragraphs and its 原文如下： line
//      notice   `通知` / `Notice`            transmittal notice: addressees, body, signatures, date (one clause)
//      title    `标题` / `Title`
//      preamble `序言` / `Preamble`          one clause per paragraph: `序言 2` / `Preamble ¶2`
//      closing  `结语` / `Closing`           paragraphs after the last numbered clause
//      attachment `附件1` / `Attachment 1`   the 附件 list at the end
//  - Text: paragraphs of one clause joined by '\n' (PDF line breaks are already repaired).
//  - Heading: a lead phrase standing on its own line (一、优化投资环境，扩大外商投资流入), or the first sentence of
//    the clause up to 。 when more text follows (深入实施外资准入负面清单). At most 40 characters.
//  - A heading line without a number where the numbering has a one-step gap (seed 003's missing （二）) becomes
//    that clause, marked `inferred`, with a warning.
//  - Ids: `<docId>--<key>` with keys like `p2-i10`, `preamble-1`, `title` (see clause-id.ts).
import { clauseId, PathKeyRegistry } from './clause-id.ts';
import {
  endsSentence,
  hasSentencePunctuation,
  isDateLine,
  isLabelLine,
  normalizeSource,
  RECORD_HEADER_KEYS,
  visualWidth,
  type NormalizedLine,
} from './normalize.ts';
import {
  asciiDigits,
  clauseKindOf,
  detectMarker,
  detectSubitem,
  markerLabel,
  markerRank,
  toChineseNumeral,
  type Marker,
  type MarkerKind,
  type MarkerLabel,
} from './numbering.ts';
import type { Clause, ClauseKind, CorpusDocument, DocumentMeta, Problem } from './types.ts';

export interface ParseResult {
  document: CorpusDocument;
  problems: Problem[];
}

/** A clause under construction. Numbered nodes carry their marker; their path comes from the ancestors. */
export interface ClauseNode {
  kind: ClauseKind;
  /** Own path segment for numbered clauses; the whole path for unnumbered ones. */
  label: MarkerLabel;
  marker?: { kind: MarkerKind; n: number; sub?: number };
  parent: ClauseNode | null;
  paragraphs: string[];
  line: number;
  inferred?: boolean;
  /** Explicit heading, or null for none; when absent, `leadHeading` derives one for numbered clauses. */
  heading?: string | null;
}

export type UnnumberedKind = 'note' | 'notice' | 'title' | 'preamble' | 'closing';

const UNNUMBERED: Record<UnnumberedKind, { zh: string; en: string; key: string }> = {
  note: { zh: '编者按', en: "Editor's note", key: 'note' },
  notice: { zh: '通知', en: 'Notice', key: 'notice' },
  title: { zh: '标题', en: 'Title', key: 'title' },
  preamble: { zh: '序言', en: 'Preamble', key: 'preamble' },
  closing: { zh: '结语', en: 'Closing', key: 'closing' },
};

const MAX_HEADING_CHARS = 40;

/** The lead phrase of a numbered clause (see the conventions above). */
export function leadHeading(paragraphs: string[]): string | undefined {
  const first = paragraphs[0] ?? '';
  if (first === '') return undefined;
  if (!/[。！？]/.test(first) && !endsSentence(first)) {
    return [...first].length <= MAX_HEADING_CHARS ? first : undefined;
  }
  const stop = first.search(/[。！？]/);
  const more = stop < first.length - 1 || paragraphs.slice(1).some((p) => p !== '');
  if (stop <= 0 || !more) return undefined;
  const heading = first.slice(0, stop);
  return [...heading].length <= MAX_HEADING_CHARS ? heading : undefined;
}

export function pathOf(node: ClauseNode): { zh: string; en: string; key: string } {
  const chain: ClauseNode[] = [];
  for (let n: ClauseNode | null = node; n; n = n.parent) chain.unshift(n);
  return {
    zh: chain.map((n) => n.label.zh).join(''),
    en: chain.map((n) => n.label.en).join(', '),
    key: chain.map((n) => n.label.key).join('-'),
  };
}

function depthOf(node: ClauseNode): number {
  let depth = 0;
  for (let n = node.parent; n; n = n.parent) depth++;
  return depth;
}

/**
 * Turns nodes (in document order) into Clause records: paths, stable unique ids, parents, headings, and an
 * error for every empty clause.
 */
export function assembleClauses(docId: string, nodes: ClauseNode[], file: string): { clauses: Clause[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const registry = new PathKeyRegistry();
  const ids = new Map<ClauseNode, string>();
  const clauses = nodes.map((node, ordinal): Clause => {
    const path = pathOf(node);
    const id = clauseId(docId, registry.claim(path.key));
    ids.set(node, id);
    const text = node.paragraphs.filter((p) => p !== '').join('\n');
    if (text === '') problems.push({ file, line: node.line, severity: 'error', message: `${path.zh} is empty` });
    const heading = node.heading === undefined ? (node.marker ? leadHeading(node.paragraphs) : undefined) : (node.heading ?? undefined);
    return {
      id,
      docId,
      ordinal,
      kind: node.kind,
      depth: depthOf(node),
      parentId: node.parent ? (ids.get(node.parent) ?? null) : null,
      path: { zh: path.zh, en: path.en },
      ...(heading === undefined ? {} : { heading }),
      text,
      ...(node.inferred ? { inferred: true } : {}),
      line: node.line,
    };
  });
  return { clauses, problems };
}

export function unnumberedNode(kind: UnnumberedKind, paragraphs: NormalizedLine[]): ClauseNode {
  const { zh, en, key } = UNNUMBERED[kind];
  return { kind, label: { zh, en, key }, parent: null, paragraphs: paragraphs.map((p) => p.text), line: paragraphs[0]?.line ?? 1 };
}

/** Numbers unnumbered clauses of a kind when there are several: `序言 2` / `Preamble ¶2`, key `preamble-2`. */
export function numberUnnumbered(nodes: ClauseNode[]): void {
  for (const kind of Object.keys(UNNUMBERED) as UnnumberedKind[]) {
    const group = nodes.filter((n) => n.kind === kind && !n.marker);
    const base = UNNUMBERED[kind];
    group.forEach((node, i) => {
      const several = group.length > 1;
      node.label = {
        zh: several ? `${base.zh} ${i + 1}` : base.zh,
        en: several ? `${base.en} ¶${i + 1}` : base.en,
        key: kind === 'title' && !several ? base.key : `${base.key}-${i + 1}`,
      };
    });
  }
}

/**
 * Checks a marker against the numbering of its siblings. A first child may start at 1 or continue the
 * numbering of the previous parent (items （九） under 二、 after （八） under 一、).
 */
export class NumberingTracker {
  private readonly lastChild = new Map<ClauseNode | null, Map<MarkerKind, number>>();
  private readonly lastAnywhere = new Map<MarkerKind, number>();

  constructor(
    private readonly file: string,
    private readonly severity: Problem['severity'],
  ) {}

  previous(parent: ClauseNode | null, kind: MarkerKind): number | undefined {
    return this.lastChild.get(parent)?.get(kind);
  }

  /** The number a first child of this kind may continue from (the last one seen anywhere). */
  continued(kind: MarkerKind): number | undefined {
    return this.lastAnywhere.get(kind);
  }

  check(marker: Pick<Marker, 'kind' | 'n' | 'sub'>, parent: ClauseNode | null, line: number): Problem[] {
    const { kind, n } = marker;
    const prev = this.previous(parent, kind);
    const cont = this.continued(kind);
    const label = (x: number) => markerLabel(kind, x).zh;
    const own = markerLabel(kind, n, marker.sub).zh;
    const where = parent ? ` under ${pathOf(parent).zh}` : '';
    let message: string | undefined;
    if (marker.sub !== undefined) {
      // 第十条之一 is inserted after 第十条.
      if (prev !== n) message = `${own} does not follow ${label(n)}${where}`;
    } else if (prev === undefined) {
      if (n !== 1 && (cont === undefined || n !== cont + 1)) {
        const expected = cont === undefined ? label(1) : `${label(1)} or ${label(cont + 1)}`;
        message = `numbering starts at ${own}${where}; expected ${expected}`;
      }
    } else if (n === prev) {
      message = `duplicate ${own}${where}`;
    } else if (n < prev) {
      message = `${own} after ${label(prev)}${where}: out of order`;
    } else if (n > prev + 1) {
      const missing = n - prev === 2 ? label(prev + 1) : `${label(prev + 1)}…${label(n - 1)}`;
      message = `numbering gap${where}: ${missing} missing between ${label(prev)} and ${own}`;
    }
    this.record(parent, kind, n);
    return message ? [{ file: this.file, line, severity: this.severity, message }] : [];
  }

  record(parent: ClauseNode | null, kind: MarkerKind, n: number): void {
    const byKind = this.lastChild.get(parent) ?? new Map<MarkerKind, number>();
    byKind.set(kind, n);
    this.lastChild.set(parent, byKind);
    this.lastAnywhere.set(kind, n);
  }
}

const ATTACHMENT_RE = /^附\s*件\s*([0-9０-９]*)\s*(?:[：:]\s*(.*))?$/;

/** `附件：1.扩大利用外资规模工作任务分工表`, `附件2：…`, a bare `附件` at the end. */
export function detectAttachment(text: string): { n?: number; text: string } | null {
  const m = ATTACHMENT_RE.exec(text);
  if (!m) return null;
  const body = m[2] ?? '';
  const inner = detectSubitem(body);
  const number = m[1] ? Number(asciiDigits(m[1])) : inner?.n;
  return { ...(number === undefined ? {} : { n: number }), text: inner ? inner.rest : body };
}

/** The first line of a transmittal notice: its addressees (各设区市人民政府、…，省直有关单位：). */
export function isAddresseeLine(text: string): boolean {
  return /[：:]$/.test(text) && (/^各/.test(text) || /(政府|单位|部门|委员会|机关|机构|厅|局|委)[：:]$/.test(text));
}

function attachmentLabel(n: number | undefined, position: number): MarkerLabel {
  return n === undefined && position === 1
    ? { zh: '附件', en: 'Attachment', key: 'attachment-1' }
    : { zh: `附件${n ?? position}`, en: `Attachment ${n ?? position}`, key: `attachment-${n ?? position}` };
}

const DRAFT_NOTE_RE = /^[（(](征求意见稿|草案|送审稿|试行|暂行)[）)]$/;

export function isTitleLike(text: string): boolean {
  return !hasSentencePunctuation(text) && !isDateLine(text) && !isLabelLine(text) && visualWidth(text) <= 120;
}

/** Paragraph index range of the title, searched backwards from the first numbered paragraph. */
export function findTitle(paras: NormalizedLine[], firstNumbered: number): { start: number; end: number } | null {
  for (let i = firstNumbered - 1; i >= 0; i--) {
    const text = paras[i]!.text;
    if (hasSentencePunctuation(text)) continue;
    if (!isTitleLike(text)) return null;
    const merge = DRAFT_NOTE_RE.test(text) && i > 0 && isTitleLike(paras[i - 1]!.text);
    return { start: merge ? i - 1 : i, end: i };
  }
  return null;
}

/** Body text that looks like a heading of its own: no sentence punctuation, short. */
export function isHeadingLike(text: string): boolean {
  return !hasSentencePunctuation(text) && visualWidth(text) <= 60 && !isDateLine(text);
}

export function isHeadingOnly(node: ClauseNode): boolean {
  const first = node.paragraphs[0] ?? '';
  return node.paragraphs.length === 1 && !/[。！？]/.test(first) && !endsSentence(first);
}

/** Flags a clause whose text runs on into the next sibling's marker (a missed paragraph break). */
export function runOnMarker(kind: MarkerKind, n: number): RegExp | null {
  const cn = toChineseNumeral(n + 1);
  switch (kind) {
    case 'part':
      return new RegExp(`[。；]\\s*${cn}、`);
    case 'item':
      return new RegExp(`[。；]\\s*[（(]${cn}[）)]`);
    case 'subitem':
      return new RegExp(`[。；]\\s*${n + 1}[．.、](?![0-9])`);
    case 'point':
      return new RegExp(`[。；]\\s*${cn}是`);
    default:
      return null;
  }
}

/** The node a new marker of this kind nests under: the innermost open clause of a higher rank. */
export function parentFor(stack: ClauseNode[], kind: MarkerKind): ClauseNode | null {
  const rank = markerRank(kind);
  return [...stack].reverse().find((s) => s.marker && markerRank(s.marker.kind) < rank) ?? null;
}

/** Where the numbered clauses begin and end: paragraph indexes of the first and last marker (-1 for none). */
export function numberedRange(markers: readonly (Marker | null)[]): { firstNumbered: number; lastNumbered: number } {
  const firstIndex = markers.findIndex((m) => m !== null);
  return {
    firstNumbered: firstIndex < 0 ? markers.length : firstIndex,
    lastNumbered: markers.reduce((last, m, i) => (m ? i : last), -1),
  };
}

/**
 * The paragraphs before the title: an editor's note, a transmittal notice, or both, split at the addressee line.
 * Without one, a news site's lead paragraphs (it has a header) are its note, anything else is a notice.
 */
export function splitFront(front: NormalizedLine[], fromNewsSite: boolean): { note: NormalizedLine[]; notice: NormalizedLine[] } {
  const addressee = front.findIndex((p) => isAddresseeLine(p.text));
  if (addressee >= 0) return { note: front.slice(0, addressee), notice: front.slice(addressee) };
  return fromNewsSite ? { note: front, notice: [] } : { note: [], notice: front };
}

/** Editor's note, transmittal notice, title and preamble: the nodes before the first numbered clause. */
export function parseFrontMatter(
  paras: NormalizedLine[],
  firstNumbered: number,
  opts: { file: string; fromNewsSite: boolean; titleZh: string },
): { nodes: ClauseNode[]; problems: Problem[] } {
  const { file } = opts;
  const nodes: ClauseNode[] = [];
  const problems: Problem[] = [];
  const title = findTitle(paras, firstNumbered);
  const { note, notice } = splitFront(
    paras.slice(0, title ? title.start : 0).filter((p) => !isLabelLine(p.text)),
    opts.fromNewsSite,
  );
  if (note.length > 0) nodes.push(unnumberedNode('note', note));
  if (notice.length > 0) nodes.push(unnumberedNode('notice', notice));
  if (title) {
    const titleParas = paras.slice(title.start, title.end + 1);
    const text = titleParas.map((p) => p.text).join('');
    nodes.push(unnumberedNode('title', [{ text, line: titleParas[0]!.line }]));
    if (text !== opts.titleZh) {
      problems.push({ file, line: titleParas[0]!.line, severity: 'warning', message: `title in the text differs from meta title.zh: ${text}` });
    }
  } else {
    problems.push({ file, line: paras[0]?.line ?? 1, severity: 'warning', message: 'no title line found before the first numbered clause' });
  }
  for (const p of paras.slice(title ? title.end + 1 : 0, firstNumbered)) {
    if (!isLabelLine(p.text)) nodes.push(unnumberedNode('preamble', [p]));
  }
  return { nodes, problems };
}

/** The body under construction: open numbered clauses (innermost last), attachments, and every node in order. */
export interface BodyState {
  readonly file: string;
  readonly markers: readonly (Marker | null)[];
  readonly tracker: NumberingTracker;
  readonly stack: ClauseNode[];
  readonly attachments: ClauseNode[];
  readonly nodes: ClauseNode[];
  readonly problems: Problem[];
}

/** Opens a numbered clause under the innermost open clause of a higher rank, closing the deeper ones. */
export function openClause(state: BodyState, marker: { kind: MarkerKind; n: number; sub?: number }, text: string, line: number): ClauseNode {
  const parent = parentFor(state.stack, marker.kind);
  while (state.stack.length > 0 && state.stack.at(-1) !== parent) state.stack.pop();
  const node: ClauseNode = {
    kind: clauseKindOf(marker.kind),
    label: markerLabel(marker.kind, marker.n, marker.sub),
    marker,
    parent,
    paragraphs: [text],
    line,
  };
  state.stack.push(node);
  state.nodes.push(node);
  return node;
}

/** The number a heading without one must have, when the next numbered sibling leaves exactly one gap. */
export function inferMissing(
  state: Pick<BodyState, 'markers' | 'stack' | 'tracker'>,
  i: number,
): { kind: MarkerKind; n: number; parent: ClauseNode | null } | null {
  const next = state.markers.find((m, k) => k > i && m !== null);
  if (!next || next.sub !== undefined) return null;
  const parent = parentFor(state.stack, next.kind);
  const prev = state.tracker.previous(parent, next.kind);
  const cont = state.tracker.continued(next.kind);
  const fits = prev !== undefined ? next.n === prev + 2 : next.n === 2 || (cont !== undefined && next.n === cont + 2);
  return fits ? { kind: next.kind, n: next.n - 1, parent } : null;
}

/**
 * Once the attachment label is seen, everything belongs to the attachments: a label or a `2.…` line opens
 * another, other lines continue the last. False for a paragraph before the label.
 */
export function addAttachmentLine(state: Pick<BodyState, 'attachments' | 'nodes'>, p: NormalizedLine): boolean {
  const attachment = detectAttachment(p.text);
  if (!attachment && state.attachments.length === 0) return false;
  const sub = attachment ? null : detectSubitem(p.text);
  const entry = attachment ?? (sub ? { n: sub.n, text: sub.rest } : null);
  if (entry) {
    const node: ClauseNode = {
      kind: 'attachment',
      label: attachmentLabel(entry.n, state.attachments.length + 1),
      parent: null,
      paragraphs: [entry.text],
      line: p.line,
    };
    state.attachments.push(node);
    state.nodes.push(node);
  } else {
    state.attachments.at(-1)!.paragraphs.push(p.text);
  }
  return true;
}

/** An unnumbered heading inside the numbering becomes the clause a one-step gap is missing, with a warning. */
export function addInferredHeading(state: BodyState, i: number, p: NormalizedLine): boolean {
  const missing = inferMissing(state, i);
  if (!missing) {
    state.problems.push({
      file: state.file,
      line: p.line,
      severity: 'warning',
      message: `unnumbered heading "${p.text}" does not fit the numbering; kept as text of the clause above`,
    });
    return false;
  }
  const prev = state.tracker.previous(missing.parent, missing.kind);
  state.tracker.record(missing.parent, missing.kind, missing.n);
  const node = openClause(state, { kind: missing.kind, n: missing.n }, p.text, p.line);
  node.inferred = true;
  const label = (n: number) => markerLabel(missing.kind, n).zh;
  const after = prev === undefined ? '' : ` after ${label(prev)}`;
  state.problems.push({
    file: state.file,
    line: p.line,
    severity: 'warning',
    message: `heading "${p.text}" has no number; inferred ${pathOf(node).zh}${after} before ${label(missing.n + 1)}`,
  });
  return true;
}

/** Numbered clauses, closing paragraphs and attachments, from the first numbered paragraph on. */
export function parseBody(
  paras: NormalizedLine[],
  markers: readonly (Marker | null)[],
  range: { firstNumbered: number; lastNumbered: number },
  file: string,
): { nodes: ClauseNode[]; problems: Problem[] } {
  const state: BodyState = { file, markers, tracker: new NumberingTracker(file, 'error'), stack: [], attachments: [], nodes: [], problems: [] };
  for (let i = range.firstNumbered; i < paras.length; i++) {
    const p = paras[i]!;
    if (addAttachmentLine(state, p)) continue;
    const marker = markers[i];
    if (marker) {
      state.problems.push(...state.tracker.check(marker, parentFor(state.stack, marker.kind), p.line));
      openClause(state, marker, marker.rest, p.line);
      continue;
    }
    const top = state.stack.at(-1);
    if (top && isHeadingOnly(top)) {
      top.paragraphs.push(p.text);
      continue;
    }
    if (i < range.lastNumbered && isHeadingLike(p.text) && addInferredHeading(state, i, p)) continue;
    if (i > range.lastNumbered || !top) state.nodes.push(unnumberedNode('closing', [p]));
    else top.paragraphs.push(p.text);
  }
  return { nodes: state.nodes, problems: state.problems };
}

/** A warning for every numbered clause whose text runs on into its next sibling's marker. */
export function runOnWarnings(nodes: readonly ClauseNode[], file: string): Problem[] {
  const problems: Problem[] = [];
  for (const node of nodes) {
    const re = node.marker ? runOnMarker(node.marker.kind, node.marker.n) : null;
    if (re && node.paragraphs.some((p) => re.test(p))) {
      problems.push({ file, line: node.line, severity: 'warning', message: `${pathOf(node).zh} seems to run on into the next ${node.marker!.kind}` });
    }
  }
  return problems;
}

export function parseDocument(meta: DocumentMeta, raw: string, sourcePath: string): ParseResult {
  const file = sourcePath;
  const normalized = normalizeSource(raw);
  const paras = normalized.lines;
  // An attachment line (附件：1.…) is never a numbered clause, whatever its list number says.
  const markers = paras.map((p) => (detectAttachment(p.text) ? null : detectMarker(p.text)));
  const range = numberedRange(markers);
  const front = parseFrontMatter(paras, range.firstNumbered, {
    file,
    fromNewsSite: Object.keys(normalized.header).some((k) => !RECORD_HEADER_KEYS.includes(k)),
    titleZh: meta.title.zh,
  });
  const body = parseBody(paras, markers, range, file);
  const nodes = [...front.nodes, ...body.nodes];
  numberUnnumbered(nodes);
  const assembled = assembleClauses(meta.id, nodes, file);
  return {
    document: { meta, sourcePath, header: normalized.header, clauses: assembled.clauses },
    problems: [...normalized.problems.map((p) => ({ file, ...p })), ...front.problems, ...body.problems, ...runOnWarnings(nodes, file), ...assembled.problems],
  };
}
