// PDFs with a text layer: the text of each page, one line per printed line (pdf.js through unpdf). Line breaks and
// page numbers are left in: indexer/normalize.ts rejoins wrapped lines when the parser reads the source. An
// encrypted PDF or one without text (a scan) is refused.
import { getDocumentProxy } from 'unpdf';
import { ImportError } from './errors.ts';

/**
 * Radicals of the CJK Radicals Supplement that stand for whole (simplified) characters, and those characters:
 * Unicode gives them no decomposition (EquivalentUnifiedIdeograph.txt lists them), so NFKC leaves them.
 */
const SUPPLEMENT = new Map(
  [...'⺁厂⺟母⺠民⺧牛⺮竹⻄西⻅见⻆角⻉贝⻊足⻋车⻓长⻔门⻗雨⻘青⻚页⻛风⻜飞⻝食⻟食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟'].flatMap(
    (ch, i, all) => (i % 2 === 0 ? [[ch, all[i + 1]!] as const] : []),
  ),
);

/**
 * CJK fonts embedded by some PDF producers (Chromium with Noto CJK among them) map ideographs to the look-alike
 * radicals (⽂ U+2F42 for 文, ⻓ U+2ED3 for 长). NFKC turns the Kangxi radicals back, the table above the
 * supplement's; applied to those blocks only, so full-width punctuation (（：) keeps its form.
 */
export function repairRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/gu, (ch) => SUPPLEMENT.get(ch) ?? ch.normalize('NFKC'));
}

interface TextItem {
  str: string;
  hasEOL: boolean;
}

/** One line per printed line: items are concatenated until one ends its line. */
export function itemsToLines(items: readonly TextItem[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const item of items) {
    current += item.str;
    if (item.hasEOL) {
      lines.push(current);
      current = '';
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  let pdf;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false });
  } catch (error) {
    if ((error as Error).name === 'PasswordException') throw new ImportError('encrypted_pdf', 'the PDF is encrypted (password-protected)');
    throw new ImportError('unreadable', `not a readable PDF: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(itemsToLines(content.items.filter((i): i is TextItem & typeof i => 'str' in i)).join('\n'));
    }
    const text = repairRadicals(pages.join('\n'));
    if (text.replace(/\s/g, '') === '') throw new ImportError('image_only_pdf', 'the PDF has no text layer (a scan or images only); run OCR first');
    return text;
  } finally {
    await pdf.destroy();
  }
}
