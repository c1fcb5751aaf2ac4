// Repairs raw source text into logical paragraphs, each keeping the 1-based source line it starts on.
// Every repair is a small pure function; `normalizeSource` runs them in order:
//   split lines → drop Word artifacts → trim edge spaces → drop page numbers → header lines to metadata
//   → join a title broken over several lines → rejoin lines wrapped by PDF extraction → collapse
//   extraction spaces at CJK/Latin boundaries.
import { detectMarker } from './numbering.ts';

export interface NormalizedLine {
  text: string;
  /** 1-based line of the source file where this paragraph starts. */
  line: number;
}

export interface NormalizeProblem {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface NormalizedSource {
  lines: NormalizedLine[];
  /** Header lines of collected web pages (`标题：…`, `链接：…`), keyed as written. */
  header: Record<string, string>;
  problems: NormalizeProblem[];
}

/** Splits on any line ending and drops a byte-order mark. Blank lines are kept (they count for line numbers). */
export function splitSourceLines(raw: string): NormalizedLine[] {
  return raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((text, i) => ({ text, line: i + 1 }));
}

// C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL: text has none.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/** An error for the first line holding control characters (NUL-filled, binary or truncated files). */
export function controlCharacterProblem(lines: NormalizedLine[]): NormalizeProblem | undefined {
  const bad = lines.find((l) => CONTROL.test(l.text));
  if (!bad) return undefined;
  const code = bad.text.codePointAt(bad.text.search(CONTROL))!.toString(16).toUpperCase().padStart(4, '0');
  return { line: bad.line, severity: 'error', message: `contains control characters (U+${code}): a binary or corrupted file, not text` };
}

/** Word-to-text export leaves bookmarks such as `[bookmark: _GoBack]` in the text. */
export function dropWordArtifacts(text: string): string {
  return text.replace(/\[bookmark:[^\]\n]*\]/gi, '');
}

/** Leading spaces (PDF page breaks, indents) and trailing spaces, including full-width and no-break spaces. */
export function stripEdgeSpaces(text: string): string {
  return text.replace(/^[\s\u3000\u00a0\uFEFF]+|[\s\u3000\u00a0\uFEFF]+$/g, '');
}

/** Page numbers left by PDF extraction: `- 3 -`, `—12—`, `第 3 页`. */
export function isPageNumberLine(text: string): boolean {
  return /^[-—–－]\s*\d{1,4}\s*[-—–－]$/.test(text) || /^第\s*\d{1,4}\s*页(\s*[，,/共]\s*共?\s*\d{1,4}\s*页)?$/.test(text);
}

/**
 * Fields of a government site's document record (gov.cn's 发文机关 / 发文字号 / 成文日期 table), which an imported
 * document keeps above its text: metadata like a collector's header, but not a sign of a news page.
 */
export const RECORD_HEADER_KEYS = ['发文机关', '发文字号', '文号', '成文日期', '印发日期'];
const HEADER_KEYS = ['标题', '链接', '原文链接', '来源', '发布时间', '发布日期', '作者', '网址', ...RECORD_HEADER_KEYS];
const HEADER_RE = new RegExp(`^(${HEADER_KEYS.join('|')})[：:]\\s*(.*)$`);

/**
 * Header lines a collector put above the document (`标题：…`, `链接：…`) become metadata. Only a run at the
 * very top counts, so a `来源：` sentence inside the text stays text.
 */
export function extractHeaderLines(lines: NormalizedLine[]): { header: Record<string, string>; rest: NormalizedLine[] } {
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (text === '') continue;
    const m = HEADER_RE.exec(text);
    if (!m) break;
    header[m[1]!] = m[2]!.trim();
  }
  // Blank lines skipped above belong to the header run only if a header line followed them.
  const firstKept = Object.keys(header).length === 0 ? 0 : i;
  return { header, rest: lines.slice(firstKept) };
}

/** Display width as typeset: CJK characters and full-width punctuation take two columns. */
export function visualWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    width += /[\u2e80-\uffef“”‘’—…·]/u.test(ch) ? 2 : 1;
  }
  return width;
}

/** Sentence-final punctuation, possibly followed by closing quotes or brackets. */
export function endsSentence(text: string): boolean {
  return /[。！？；：!?;:][”’」』）)〕】]*$/.test(text);
}

/** Any sentence punctuation at all; titles and headings standing on their own line have none. */
export function hasSentencePunctuation(text: string): boolean {
  return /[，。；：！？,;:!?]/.test(text);
}

/** `附件`, `附件1`: a bare label, not content. */
export function isLabelLine(text: string): boolean {
  return /^附\s*件\s*[0-9０-９]*$/.test(text);
}

export function isDateLine(text: string): boolean {
  return /^([0-9０-９]{4}|[〇零一二三四五六七八九]{4})年[0-9０-９一二三四五六七八九十]{1,3}月([0-9０-９一二三四五六七八九十]{1,3}日)?$/.test(text);
}

/** A paragraph that opens with a numbering marker or an attachment label starts a new paragraph. */
export function startsWithMarker(text: string): boolean {
  return detectMarker(text) !== null || /^附\s*件/.test(text);
}

/** Joins two fragments of one sentence; only two Latin words need a space between them. */
export function joinFragments(left: string, right: string): string {
  return /[A-Za-z]$/.test(left) && /^[A-Za-z]/.test(right) ? `${left} ${right}` : left + right;
}

/**
 * A title set over several lines (吉林省关于…环境 / 加大…实施意见 / （征求意见稿）) is one paragraph.
 * The run is the first lines of the document (after a bare `附件` label) that carry no sentence
 * punctuation, no numbering and no date; at most four of them.
 */
export function joinTitleLines(lines: NormalizedLine[]): { before: NormalizedLine[]; title?: NormalizedLine; after: NormalizedLine[] } {
  const content = lines.filter((l) => l.text !== '');
  let start = 0;
  while (start < content.length && isLabelLine(content[start]!.text)) start++;
  let end = start;
  while (
    end < content.length &&
    end - start < 4 &&
    !hasSentencePunctuation(content[end]!.text) &&
    !startsWithMarker(content[end]!.text) &&
    !isDateLine(content[end]!.text)
  ) {
    end++;
  }
  if (end - start < 2) return { before: [], after: content };
  const run = content.slice(start, end);
  const title = { text: run.map((l) => l.text).reduce(joinFragments), line: run[0]!.line };
  return { before: content.slice(0, start), title, after: content.slice(end) };
}

/**
 * The line width a PDF wrapped the text at, or null when the text was not wrapped (one paragraph per
 * line, as Word exports give). Wrapped text has most of its lines at (nearly) the same, full width.
 */
export function detectLineMeasure(lines: NormalizedLine[]): number | null {
  const widths = lines.filter((l) => l.text !== '').map((l) => visualWidth(l.text));
  if (widths.length < 5) return null;
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let measure = 0;
  let best = 0;
  for (const w of counts.keys()) {
    // Punctuation squeezing and paragraph indents shorten a full line by up to two characters.
    const near = widths.filter((x) => x >= w - 4 && x <= w).length;
    if (near > best || (near === best && w > measure)) {
      best = near;
      measure = w;
    }
  }
  const wrapped = measure >= 30 && best >= Math.max(5, widths.length * 0.4);
  return wrapped ? measure : null;
}

/**
 * Whether a wrapped line continues on the next non-blank line: it must reach the right margin, and the next
 * line must not open with a numbering marker. A full line ending a sentence continues only when the next line
 * is full too: a new paragraph would start indented.
 */
export function continuesOnNextLine(line: string, next: string, measure: number): boolean {
  if (startsWithMarker(next)) return false;
  const width = visualWidth(line);
  if (!endsSentence(line)) return width >= measure - 4;
  return width >= measure - 2 && visualWidth(next) >= measure - 2;
}

/** Rejoins lines that PDF extraction broke at the right margin (mid-sentence, even mid-word: 外商投 / 资企业). */
export function reflowWrappedLines(lines: NormalizedLine[], measure: number): NormalizedLine[] {
  const out: NormalizedLine[] = [];
  let current: NormalizedLine | null = null;
  let lastPhysical = '';
  for (const l of lines) {
    if (l.text === '') continue;
    if (current && continuesOnNextLine(lastPhysical, l.text, measure)) {
      current.text = joinFragments(current.text, l.text);
    } else {
      if (current) out.push(current);
      current = { ...l };
    }
    lastPhysical = l.text;
  }
  if (current) out.push(current);
  return out;
}

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’';

/**
 * Spaces PDF extraction puts between CJK text and digits or Latin words (`做好 2021 年版`, `的 RCEP 规则`).
 * Spaces between two CJK characters are kept: they separate names in signature blocks.
 */
export function collapseExtractionSpaces(text: string): string {
  return text.replace(new RegExp(`(?<=[${CJK}])[ \\t]+(?=[0-9A-Za-z])`, 'gu'), '').replace(new RegExp(`(?<=[0-9A-Za-z%])[ \\t]+(?=[${CJK}])`, 'gu'), '');
}

export function normalizeSource(raw: string): NormalizedSource {
  const problems: NormalizeProblem[] = [];
  const control = controlCharacterProblem(splitSourceLines(raw));
  if (control) problems.push(control);
  const physical = splitSourceLines(raw).map((l) => {
    const text = stripEdgeSpaces(dropWordArtifacts(l.text));
    if (text.includes('\uFFFD')) {
      problems.push({ line: l.line, severity: 'warning', message: 'contains U+FFFD replacement characters: the source may be mis-encoded' });
    }
    return { line: l.line, text: isPageNumberLine(text) ? '' : text };
  });
  const { header, rest } = extractHeaderLines(physical);
  const { before, title, after } = joinTitleLines(rest);
  const measure = detectLineMeasure(rest);
  const body = measure === null ? after.filter((l) => l.text !== '') : reflowWrappedLines(after, measure);
  const lines = [...before, ...(title ? [title] : []), ...body].map((l) => ({
    line: l.line,
    text: collapseExtractionSpaces(l.text),
  }));
  if (lines.length === 0) problems.push({ line: 1, severity: 'error', message: 'the source has no text' });
  return { lines, header, problems };
}
