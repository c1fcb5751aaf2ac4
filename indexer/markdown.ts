// Parser for the law Markdown corpus (one law, regulation, interpretation or case per file):
//   optional `---` front matter, `# title`, promulgation history lines up to `<!-- INFO END -->`,
//   `##`… headings (第一编 / 第一分编 / 第一章 / 第一节, 一、…, or unnumbered such as 基本案情),
//   articles `第一条 …` whose following paragraphs belong to them until the next article or heading.
// Clauses follow the conventions of parse.ts: path zh `第二章第十条`, en `Chapter 2, Article 10`; text without
// the marker. Headings nest by their Markdown level; articles and 一、 paragraphs nest under the innermost
// heading. Unnumbered headings become `section` clauses (path = the heading, en `Heading N`); the paragraphs
// before any structure form one preamble clause; an amendment's `一、将刑法…修改为` paragraphs are parts.
// Loading streams one file at a time so that thousands of files never sit in memory together.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { isCalendarDate } from './dates.ts';
import { controlCharacterProblem, hasSentencePunctuation, splitSourceLines, stripEdgeSpaces } from './normalize.ts';
import { asciiDigits, clauseKindOf, detectLawMarker, detectPart, markerLabel, type Marker } from './numbering.ts';
import { assembleClauses, numberUnnumbered, NumberingTracker, unnumberedNode, type ClauseNode } from './parse.ts';
import { DocumentMeta, type Bilingual, type CorpusDocument, type Problem } from './types.ts';

export interface MarkdownParseResult {
  document: CorpusDocument;
  problems: Problem[];
}

/** Stable id from the file's path inside the corpus (NFC, `/`-separated), never from its content. */
export function lawDocId(relPath: string): string {
  const key = relPath.split(path.sep).join('/').normalize('NFC');
  return `law-${createHash('sha1').update(key, 'utf8').digest('hex').slice(0, 12)}`;
}

interface Place {
  zh: string;
  en: string;
  /** Adjective form in official names: `Guangdong Provincial People's Congress`. */
  adj: string;
}

const PROVINCES: Record<string, Place> = Object.fromEntries(
  (
    [
      ['北京', '北京市', 'Beijing', 'Beijing Municipal'],
      ['天津', '天津市', 'Tianjin', 'Tianjin Municipal'],
      ['上海', '上海市', 'Shanghai', 'Shanghai Municipal'],
      ['重庆', '重庆市', 'Chongqing', 'Chongqing Municipal'],
      ['河北', '河北省', 'Hebei Province', 'Hebei Provincial'],
      ['山西', '山西省', 'Shanxi Province', 'Shanxi Provincial'],
      ['辽宁', '辽宁省', 'Liaoning Province', 'Liaoning Provincial'],
      ['吉林', '吉林省', 'Jilin Province', 'Jilin Provincial'],
      ['黑龙江', '黑龙江省', 'Heilongjiang Province', 'Heilongjiang Provincial'],
      ['江苏', '江苏省', 'Jiangsu Province', 'Jiangsu Provincial'],
      ['浙江', '浙江省', 'Zhejiang Province', 'Zhejiang Provincial'],
      ['安徽', '安徽省', 'Anhui Province', 'Anhui Provincial'],
      ['福建', '福建省', 'Fujian Province', 'Fujian Provincial'],
      ['江西', '江西省', 'Jiangxi Province', 'Jiangxi Provincial'],
      ['山东', '山东省', 'Shandong Province', 'Shandong Provincial'],
      ['河南', '河南省', 'Henan Province', 'Henan Provincial'],
      ['湖北', '湖北省', 'Hubei Province', 'Hubei Provincial'],
      ['湖南', '湖南省', 'Hunan Province', 'Hunan Provincial'],
      ['广东', '广东省', 'Guangdong Province', 'Guangdong Provincial'],
      ['海南', '海南省', 'Hainan Province', 'Hainan Provincial'],
      ['四川', '四川省', 'Sichuan Province', 'Sichuan Provincial'],
      ['贵州', '贵州省', 'Guizhou Province', 'Guizhou Provincial'],
      ['云南', '云南省', 'Yunnan Province', 'Yunnan Provincial'],
      ['陕西', '陕西省', 'Shaanxi Province', 'Shaanxi Provincial'],
      ['甘肃', '甘肃省', 'Gansu Province', 'Gansu Provincial'],
      ['青海', '青海省', 'Qinghai Province', 'Qinghai Provincial'],
      ['内蒙古', '内蒙古自治区', 'Inner Mongolia Autonomous Region', 'Inner Mongolia Autonomous Regional'],
      ['广西', '广西壮族自治区', 'Guangxi Zhuang Autonomous Region', 'Guangxi Zhuang Autonomous Regional'],
      ['西藏', '西藏自治区', 'Xizang Autonomous Region', 'Xizang Autonomous Regional'],
      ['宁夏', '宁夏回族自治区', 'Ningxia Hui Autonomous Region', 'Ningxia Hui Autonomous Regional'],
      ['新疆', '新疆维吾尔自治区', 'Xinjiang Uygur Autonomous Region', 'Xinjiang Uygur Autonomous Regional'],
    ] as const
  ).map(([short, zh, en, adj]) => [short, { zh, en, adj }]),
);

const CHINA: Bilingual = { zh: '中国', en: 'China' };
const UNKNOWN_ISSUER: Bilingual = { zh: '未注明', en: 'Not stated' };

const NATIONAL_BODIES: Record<string, string> = {
  全国人民代表大会: "National People's Congress",
  全国人民代表大会常务委员会: "Standing Committee of the National People's Congress",
  国务院: 'State Council',
  中央军事委员会: 'Central Military Commission',
  中央军委: 'Central Military Commission',
  最高人民法院: "Supreme People's Court",
  最高人民检察院: "Supreme People's Procuratorate",
};

function capitalizedPinyin(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' }).join('');
  return syllables.charAt(0).toUpperCase() + syllables.slice(1);
}

/** 广东省 / 北京市 / 汕头市 as a place with English names; null for county-level and unknown forms. */
function placeOf(zh: string): Place | null {
  const province = Object.entries(PROVINCES).find(([, p]) => p.zh === zh)?.[1];
  if (province) return province;
  const city = /^(\p{Script=Han}{2,4})市$/u.exec(zh);
  if (!city) return null;
  const name = capitalizedPinyin(city[1]!);
  return { zh, en: `${name} City`, adj: `${name} Municipal` };
}

/** English name of an issuing body, in the forms official translations use; the Chinese name when unknown. */
export function issuerEnglish(zh: string): string {
  const national = NATIONAL_BODIES[zh];
  if (national) return national;
  const m = /^(.+?)(人民代表大会常务委员会|人民代表大会|人民政府)$/.exec(zh);
  const place = m ? placeOf(m[1]!) : null;
  if (!m || !place) return zh;
  if (m[2] === '人民代表大会常务委员会') return `Standing Committee of the ${place.adj} People's Congress`;
  if (m[2] === '人民代表大会') return `${place.adj} People's Congress`;
  return `People's Government of ${place.en}`;
}

const NUM = '[0-9一二三四五六七八九十百千零〇]+';

/**
 * Issuing bodies named in a promulgation line: `1979年7月1日 第五届全国人民代表大会第二次会议通过`
 * → 全国人民代表大会; `民政部、总后勤部令第1号发布` → 民政部, 总后勤部.
 */
export function issuersFromInfoLine(line: string): string[] {
  const withoutDate = asciiDigits(line)
    .replace(/^\s*\d{4}年\d{1,2}月\d{1,2}日\s*/, '')
    .trim();
  const cut = withoutDate.split(/《|令第|公告|会议|批准|通过|发布|公布|修订|修正|施行|决定|，|,/)[0] ?? '';
  return (
    cut
      .split('、')
      .map((body) =>
        body
          .replace(new RegExp(`第${NUM}[届次]`, 'g'), '')
          .replace(/^中华人民共和国(?=.)/, '')
          .replace(/(审判委员会|检察委员会|部长办公|局务|常务|全体|主任)$/, '')
          .trim(),
      )
      // A body's name ends like one (…院, …部, …委员会); anything else is not an issuer (`该攻略出自`).
      .filter((body) => body.length >= 2 && body.length <= 30 && /[院部委局署府会厅办室行军处司]$/.test(body))
  );
}

/** Latest `YYYY年M月D日` in the promulgation history, as an ISO date. */
export function latestDate(lines: string[]): string | undefined {
  const dates = lines.flatMap((l) =>
    [...asciiDigits(l).matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)].map((m) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`),
  );
  // A typo such as 2月30日 is no date: it would fail the metadata schema and lose the whole law.
  return dates.filter(isCalendarDate).sort().at(-1);
}

function regionOf(relPath: string): { region: Bilingual; level: 'national' | 'provincial' } {
  const parts = relPath.split(/[\\/]/);
  const at = parts.indexOf('地方性法规');
  if (at < 0) return { region: CHINA, level: 'national' };
  const short = parts[at + 1] ?? '';
  const province = PROVINCES[short];
  const region = province ? { zh: province.zh, en: province.en } : short && at + 2 < parts.length ? { zh: short, en: capitalizedPinyin(short) } : CHINA;
  return { region, level: 'provincial' };
}

/** A law file's title when it has no `# ` line: its name without the date suffix. */
function titleFromFileName(relPath: string): string {
  return path
    .basename(relPath, path.extname(relPath))
    .replace(/\(\d{4}-\d{2}-\d{2}\)$/, '')
    .trim();
}

/** Nesting level of headings written as paragraphs: below every Markdown heading (`######` is 6). */
const PARAGRAPH_HEADING_LEVEL = 7;

export function parseLawMarkdown(relPath: string, raw: string): MarkdownParseResult {
  const file = relPath;
  const problems: Problem[] = [];
  const lines = splitSourceLines(raw).map((l) => ({ ...l, text: stripEdgeSpaces(l.text) }));
  const control = controlCharacterProblem(lines);
  if (control) problems.push({ file, ...control });
  let i = 0;
  if (lines[0]?.text === '---') {
    const end = lines.findIndex((l, k) => k > 0 && l.text === '---');
    i = end < 0 ? lines.length : end + 1;
  }
  while (i < lines.length && lines[i]!.text === '') i++;
  let title = titleFromFileName(relPath);
  let titleLine = 1;
  const titleMatch = /^#\s+(.+)$/.exec(lines[i]?.text ?? '');
  if (titleMatch) {
    title = titleMatch[1]!.trim();
    titleLine = lines[i]!.line;
    i++;
  } else {
    problems.push({ file, line: lines[i]?.line ?? 1, severity: 'warning', message: 'no "# title" line; title taken from the file name' });
  }
  const infoEnd = lines.findIndex((l, k) => k >= i && l.text === '<!-- INFO END -->');
  const info =
    infoEnd < 0
      ? []
      : lines
          .slice(i, infoEnd)
          .map((l) => l.text)
          .filter((t) => t !== '');
  if (infoEnd >= 0) i = infoEnd + 1;

  const docId = lawDocId(relPath);
  const issuers = [...new Set(info.length > 0 ? issuersFromInfoLine(info[0]!) : [])];
  const { region, level } = regionOf(relPath);
  const fileDate = /\((\d{4}-\d{2}-\d{2})\)\.md$/.exec(relPath)?.[1];
  const date = latestDate(info) ?? (fileDate !== undefined && isCalendarDate(fileDate) ? fileDate : undefined);
  const meta = DocumentMeta.parse({
    id: docId,
    title: { zh: title || docId, en: title || docId },
    issuer: issuers.length > 0 ? issuers.map((zh) => ({ zh, en: issuerEnglish(zh) })) : [UNKNOWN_ISSUER],
    region,
    level,
    ...(date ? { date, dateNote: 'Latest date in the promulgation history (adoption, amendment or entry into force).' } : {}),
    status: 'final',
    language: 'zh',
    sourceFile: path.basename(relPath),
  });

  const nodes: ClauseNode[] = [unnumberedNode('title', [{ text: title, line: titleLine }])];
  const tracker = new NumberingTracker(file, 'warning');
  // Open clauses, outermost first, with the Markdown level of headings (paragraph-level clauses have none).
  const stack: Array<{ node: ClauseNode; level?: number }> = [];
  let headings = 0;

  /**
   * Closes open clauses down to the one a new clause nests under: headings nest by level, paragraph-level
   * clauses under the innermost heading, and never a marker under one of its own kind (十、 is not part of 九、).
   */
  const enter = (level: number | undefined, kind?: Marker['kind']): ClauseNode | null => {
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const holds = top.level !== undefined && (level === undefined || top.level < level);
      if (holds && (kind === undefined || top.node.marker?.kind !== kind)) break;
      stack.pop();
    }
    return stack.at(-1)?.node ?? null;
  };

  const push = (node: ClauseNode, level: number | undefined): void => {
    stack.push({ node, ...(level === undefined ? {} : { level }) });
    nodes.push(node);
  };

  const openNumbered = (marker: Marker, level: number | undefined, line: number): void => {
    const parent = enter(level, marker.kind);
    problems.push(...tracker.check(marker, parent, line));
    const node: ClauseNode = {
      kind: clauseKindOf(marker.kind),
      label: markerLabel(marker.kind, marker.n, marker.sub),
      marker: { kind: marker.kind, n: marker.n, ...(marker.sub === undefined ? {} : { sub: marker.sub }) },
      parent,
      paragraphs: [marker.rest],
      line,
      // Headings carry their title (第一章 总则 → 总则); laws' articles have no lead phrase.
      heading: level !== undefined && marker.rest !== '' ? marker.rest : null,
    };
    push(node, level);
  };

  for (const { text, line } of lines.slice(i)) {
    if (text === '' || /^<!--.*-->$/.test(text)) continue;
    const headingMatch = /^(#{1,6})\s+(.*)$/.exec(text);
    if (headingMatch) {
      const level = headingMatch[1]!.length;
      const heading = headingMatch[2]!.trim();
      const marker = detectLawMarker(heading) ?? detectPart(heading);
      if (marker && marker.kind !== 'article') {
        openNumbered(marker, level, line);
      } else if (heading === '序言') {
        enter(level);
        push({ ...unnumberedNode('preamble', []), line }, level);
      } else {
        headings++;
        const parent = enter(level);
        push(
          {
            kind: 'section',
            label: { zh: heading, en: `Heading ${headings}`, key: `h${headings}` },
            parent,
            paragraphs: [heading],
            line,
            heading,
          },
          level,
        );
      }
      continue;
    }
    const article = detectLawMarker(text);
    if (article?.kind === 'article') {
      openNumbered(article, undefined, line);
      continue;
    }
    // A short 一、 line without punctuation is a heading written as a paragraph: it holds the articles after it.
    // Other 一、 paragraphs structure amendments and some interpretations, but inside an article they are its text.
    const part = detectPart(text);
    if (part && !hasSentencePunctuation(part.rest) && [...part.rest].length <= 30) {
      openNumbered(part, PARAGRAPH_HEADING_LEVEL, line);
      continue;
    }
    if (part && !stack.some((s) => s.node.marker?.kind === 'article')) {
      openNumbered(part, undefined, line);
      continue;
    }
    // Any other paragraph continues the clause opened last.
    const current = stack.at(-1)?.node;
    if (current) current.paragraphs.push(text);
    else push(unnumberedNode('preamble', [{ text, line }]), undefined);
  }
  numberUnnumbered(nodes);
  const assembled = assembleClauses(docId, nodes, file);
  problems.push(...assembled.problems);
  return { document: { meta, sourcePath: relPath, header: {}, clauses: assembled.clauses }, problems };
}

/** Markdown files of a law corpus, relative to `dir`, sorted; the `_index.md` section pages are not documents. */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => f.endsWith('.md') && path.basename(f) !== '_index.md').sort();
}

export async function countMarkdownFiles(dir: string): Promise<number> {
  return (await listMarkdownFiles(dir)).length;
}

export interface MarkdownFileResult {
  file: string;
  document?: CorpusDocument;
  problems: Problem[];
}

/** Parses the corpus one file at a time; problems name files as `dir/relPath`. */
export async function* markdownDocuments(dir: string): AsyncGenerator<MarkdownFileResult> {
  for (const relPath of await listMarkdownFiles(dir)) {
    const file = path.join(dir, relPath);
    let raw: string;
    try {
      raw = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
    } catch (err) {
      const reason = err instanceof TypeError ? 'not valid UTF-8' : err instanceof Error ? err.message : String(err);
      yield { file, problems: [{ file, severity: 'error', message: `cannot read: ${reason}` }] };
      continue;
    }
    const { document, problems } = parseLawMarkdown(relPath.split(path.sep).join('/'), raw);
    yield { file, document, problems: problems.map((p) => ({ ...p, file })) };
  }
}

export interface MarkdownCorpusSummary {
  files: number;
  documents: number;
  clauses: number;
  problems: Problem[];
}

/**
 * Streams every document to `onDocument` (awaited, so a slow consumer such as an indexer batch applies
 * back-pressure) and keeps only counts and problems.
 */
export async function loadMarkdownCorpus(dir: string, onDocument?: (doc: CorpusDocument) => void | Promise<void>): Promise<MarkdownCorpusSummary> {
  const summary: MarkdownCorpusSummary = { files: 0, documents: 0, clauses: 0, problems: [] };
  for await (const result of markdownDocuments(dir)) {
    summary.files++;
    summary.problems.push(...result.problems);
    if (!result.document) continue;
    summary.documents++;
    summary.clauses += result.document.clauses.length;
    await onDocument?.(result.document);
  }
  return summary;
}
