// Word documents: the paragraphs' text (mammoth), one paragraph per line, as the parser reads a Word export.
import mammoth from 'mammoth';
import { ImportError } from './errors.ts';

export async function docxText(bytes: Uint8Array): Promise<string> {
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch (error) {
    throw new ImportError('unreadable', `not a readable Word document: ${(error as Error).message.split('\n')[0]}`);
  }
  // mammoth ends every paragraph with a blank line; one line per paragraph is what the parser expects.
  return value
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}
