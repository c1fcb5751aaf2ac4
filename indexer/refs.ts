// Chinese document numbers (文号) such as 发改外资〔2022〕1586号 or 国发〔2023〕11号.
// Sources and users write the year brackets several ways (〔〕, [], （）, ()), so everything is
// canonicalised to 〔〕 before it is stored or compared.

const OPEN = '〔\\[［（(【';
const CLOSE = '〕\\]］）)】';
const FULL = new RegExp(`([\\u4e00-\\u9fff]{1,10})\\s*[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]\\s*(\\d{1,5})\\s*号`, 'gu');
const SHORT = /(?<![\d〕\]］）)】])(\d{1,5})\s*号/gu;

export interface DocNumber {
  /** `发改外资〔2022〕1586号` */
  canonical: string;
  /**
   * `〔2022〕1586号`: the issuer prefix cannot be delimited reliably in running text (`及国发〔2023〕11号`),
   * so full-number queries match on year and serial.
   */
  yearSerial: string;
  /** `1586号`: how people cite a number in passing. */
  short: string;
}

export function canonicalDocNumber(prefix: string, year: string, serial: string): DocNumber {
  const n = String(Number(serial));
  return { canonical: `${prefix}〔${year}〕${n}号`, yearSerial: `〔${year}〕${n}号`, short: `${n}号` };
}

/** Every full document number written in `text`. */
export function findDocNumbers(text: string): DocNumber[] {
  const found: DocNumber[] = [];
  for (const m of text.matchAll(FULL)) found.push(canonicalDocNumber(m[1]!, m[2]!, m[3]!));
  return found;
}

/** Values stored in `IndexedClause.refs` for a clause citing these numbers. */
export function refTokens(numbers: DocNumber[]): string[] {
  return [...new Set(numbers.flatMap((n) => [n.canonical, n.yearSerial, n.short]))];
}

/**
 * Reads a document-number query: a full number (any bracket style) or a bare `1586号`.
 * Returns the ref tokens to filter on and the rest of the query, or null when there is none.
 */
export function parseDocNumberQuery(q: string): { refs: string[]; rest: string } | null {
  const full = [...q.matchAll(FULL)];
  if (full.length > 0) {
    const refs = full.map((m) => canonicalDocNumber(m[1]!, m[2]!, m[3]!).yearSerial);
    return { refs, rest: q.replace(FULL, ' ').trim() };
  }
  const short = [...q.matchAll(SHORT)];
  if (short.length > 0) {
    const refs = short.map((m) => `${Number(m[1])}号`);
    return { refs, rest: q.replace(SHORT, ' ').trim() };
  }
  return null;
}
