// What the text of an imported document says about it: title, document number, issuers, date, region and level,
// status. Pure: the divisions table and the English renderer are passed in. Every field is a guess to review; the
// caller lists them under `inferred:` in meta.yaml.
import { isDateLine, normalizeSource } from '../normalize.ts';
import { parseDocument } from '../parse.ts';
import type { Bilingual, DocumentMeta, Level } from '../types.ts';
import type { Region } from './divisions.ts';

export interface InferDeps {
  /** The most specific administrative division a text names, or null. */
  findRegion(text: string): Region | null;
  /** English rendering of a Chinese phrase (glossary, then dictionary). */
  english(zh: string): string;
}

export interface Inferred {
  meta: Omit<DocumentMeta, 'id' | 'sourceFile' | 'language'>;
  /** The fields guessed, as listed under `inferred:`. */
  fields: string[];
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二三 → 2023, 二十一 → 21, ２１ → 21. */
function numberOf(text: string): number {
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (!ascii.includes('十')) return Number([...ascii].map((c) => CN_DIGITS[c] ?? 0).join(''));
  const [tens, ones] = ascii.split('十');
  return (tens ? (CN_DIGITS[tens] ?? 1) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
}

const DATE_RE =
  /([0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日)?/;

/** `2023年6月21日` / `二〇二三年六月二十一日` / `2022-10-25` → ISO at the precision given. */
export function isoDate(text: string): string | undefined {
  const iso = /(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?/.exec(text);
  const m = DATE_RE.exec(text) ?? iso;
  if (!m) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = numberOf(m[1]!);
  const month = numberOf(m[2]!);
  if (month < 1 || month > 12) return undefined;
  return m[3] ? `${year}-${pad(month)}-${pad(numberOf(m[3]))}` : `${year}-${pad(month)}`;
}

/** A document number: 发改外资〔2022〕1586号, 国发〔2023〕11号, 赣府字[2021]3号. */
export const DOC_NUMBER_RE = /^[\u4e00-\u9fff]{1,12}[〔［[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,5}\s*号$/u;

const ORG_END = /(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部|委|署|院|会|行|办)$/;
const DRAFT = /征求意见稿|草案|送审稿|讨论稿/;

const ORG_NAME = /.+?(?:人民政府|办公厅|办公室|委员会|厅|局|部|委|署|院)(?=省|市|$)/gu;

/** Names of a signature line or a 发文机关 field: separated by spaces or 、, or written one after the other (省商务厅省工业和信息化厅). */
function splitIssuers(text: string): string[] {
  return text.split(/[\s\u3000、，,；;]+/).flatMap((s) => s.trim().match(ORG_NAME) ?? (s.trim() === '' ? [] : [s.trim()]));
}

/** The signature block: organisation names on the lines right above the (first) date line. */
function signatureIssuers(lines: string[], dateIndex: number): string[] {
  const out: string[] = [];
  for (let i = dateIndex - 1; i >= 0 && i >= dateIndex - 4; i--) {
    const names = splitIssuers(lines[i]!);
    if (names.length === 0 || !names.every((n) => ORG_END.test(n) && [...n].length <= 20)) break;
    out.unshift(...names);
  }
  return out;
}

function regionGovernmentEn(region: Region): string {
  return `People's Government of ${region.en}`;
}

/**
 * The metadata `text` (as it will be stored in source.txt) establishes, with what is guessed. Looks at, in order:
 * the record header (发文机关：, 发文字号：, 成文日期：), the parser's title clause, a number standing on its own
 * line, the signature block and its date, the year in the title.
 */
export function inferMeta(text: string, deps: InferDeps): Inferred {
  const fields: string[] = [];
  const { header, lines: normalized } = normalizeSource(text);
  const lines = normalized.map((l) => l.text);
  // The parser finds the title the index will show; a placeholder meta only names the document.
  const dash = { zh: '-', en: '-' };
  const placeholder: DocumentMeta = {
    id: 'import',
    title: dash,
    issuer: [dash],
    region: dash,
    level: 'national',
    status: 'final',
    language: 'zh',
    sourceFile: 'source.txt',
  };
  const parsed = parseDocument(placeholder, text, 'source.txt');
  const titleZh = parsed.document.clauses.find((c) => c.kind === 'title')?.text ?? lines[0] ?? '';
  fields.push('title.zh', 'title.en');

  const docNumber = header['发文字号'] ?? header['文号'] ?? lines.slice(0, 8).find((l) => DOC_NUMBER_RE.test(l));
  if (docNumber) fields.push('docNumber');

  const dateIndex = lines.findIndex((l) => isDateLine(l));
  const dateText = header['成文日期'] ?? header['印发日期'] ?? (dateIndex >= 0 ? lines[dateIndex] : undefined);
  const titleYear = /(\d{4})\s*(?:[—–-]\s*\d{4}\s*)?年/.exec(titleZh)?.[1];
  const date = (dateText && isoDate(dateText)) ?? titleYear;
  if (date) fields.push('date');

  const region = deps.findRegion(titleZh) ?? deps.findRegion(header['发文机关'] ?? '');
  const level: Level = region?.level ?? 'national';
  fields.push('region', 'level');

  let issuerZh = header['发文机关'] ? splitIssuers(header['发文机关']) : dateIndex >= 0 ? signatureIssuers(lines, dateIndex) : [];
  // No issuer named: a local document is taken to be its government's, a national one the State Council's.
  if (issuerZh.length === 0) issuerZh = [region ? `${region.seat}人民政府` : '国务院'];
  // Signature blocks write 省商务厅 for 江西省商务厅: the province is the region's.
  const province = region && /^(.+?(?:省|自治区|市))/u.exec(region.zh)?.[1];
  if (province) issuerZh = issuerZh.map((zh) => (/^省/.test(zh) && /省$/.test(province) ? province + zh.slice(1) : zh));
  const issuer: Bilingual[] = issuerZh.map((zh) => ({
    zh,
    en: region && zh === `${region.seat}人民政府` ? regionGovernmentEn(region) : zh === '国务院' ? 'State Council' : deps.english(zh),
  }));
  fields.push('issuer');

  const status = DRAFT.test(titleZh) || lines.slice(0, 6).some((l) => DRAFT.test(l) && l.length <= 12) ? 'draft' : 'final';
  fields.push('status');

  const source = header['链接'] ?? header['原文链接'] ?? header['网址'];
  return {
    meta: {
      title: { zh: titleZh, en: deps.english(titleZh) },
      issuer,
      region: region ? { zh: region.zh, en: region.en } : { zh: '中国', en: 'China' },
      level,
      ...(date ? { date } : {}),
      ...(docNumber ? { docNumber } : {}),
      status,
      ...(source && /^https?:\/\//.test(source) ? { source } : {}),
    },
    fields,
  };
}
