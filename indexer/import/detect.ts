// The kind of an uploaded file, from its bytes (magic numbers, then markup), never from its name: a PDF renamed
// .txt is still read as a PDF, and an executable renamed .docx is refused.
import { fileTypeFromBuffer } from 'file-type';

export type ImportFormat = 'docx' | 'pdf' | 'html' | 'text';

/** File extension the original is kept under, per format. */
export const ORIGINAL_EXT: Record<ImportFormat, string> = { docx: 'docx', pdf: 'pdf', html: 'html', text: 'txt' };

// Markup at the start of a page (after a BOM, spaces, comments or an XML declaration) marks HTML.
const HTML_START = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/i;

/**
 * docx and pdf by magic number (file-type); a file file-type does not recognize is HTML when it opens with markup
 * and text when `looksLikeText` says so (the caller decodes it); anything else (images, archives, executables) is null.
 */
export async function detectFormat(bytes: Uint8Array, looksLikeText: (bytes: Uint8Array) => string | null): Promise<ImportFormat | null> {
  // A byte-order mark is text whatever file-type makes of it (FF FE reads as an MPEG audio frame header to it).
  const bom =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  const type = bom ? undefined : await fileTypeFromBuffer(bytes);
  if (type) {
    if (type.ext === 'pdf') return 'pdf';
    if (type.ext === 'docx') return 'docx';
    // file-type recognizes some text-based formats (xml, svg); only real binaries are refused outright.
    if (type.mime !== 'application/xml') return null;
  }
  const text = looksLikeText(bytes);
  if (text === null) return null;
  return HTML_START.test(text.slice(0, 4096)) ? 'html' : 'text';
}
