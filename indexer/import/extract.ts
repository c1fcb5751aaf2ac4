// A file's text by its format, detected from its bytes: what `corpus add` and the upload store as source.txt.
import { detectFormat, type ImportFormat } from './detect.ts';
import { docxText } from './docx.ts';
import { ImportError } from './errors.ts';
import { htmlText } from './html.ts';
import { pdfText } from './pdf.ts';
import { decodeText } from './text.ts';

export interface Extracted {
  format: ImportFormat;
  /** Encoding a text or HTML file was read in. */
  encoding?: string;
  text: string;
}

/** Markdown heading marks (`# 标题`, `## 一、总体要求`): the parser reads the heading's text, not its mark. */
export function markdownHeadings(text: string): string {
  return text.replace(/^#{1,6}[ \t]+/gm, '');
}

export async function extractText(bytes: Uint8Array): Promise<Extracted> {
  let decoded: ReturnType<typeof decodeText> = null;
  const format = await detectFormat(bytes, (b) => (decoded = decodeText(b))?.text ?? null);
  if (format === null) throw new ImportError('unknown_type', 'not a .docx, .pdf, .html or text file (judged by its content)');
  let out: Extracted;
  if (format === 'docx') out = { format, text: await docxText(bytes) };
  else if (format === 'pdf') out = { format, text: await pdfText(bytes) };
  else {
    const { text, encoding } = decoded as unknown as { text: string; encoding: string };
    out = { format, encoding, text: format === 'html' ? htmlText(text) : markdownHeadings(text) };
  }
  // One line ending, no trailing spaces: what the parser reads is what the folder keeps.
  out.text = `${out.text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim()}\n`;
  if (out.text.replace(/\s/g, '') === '') throw new ImportError('empty_text', 'the file has no text');
  return out;
}
