// Plain text in whatever encoding it was saved in: UTF-8, UTF-16 (with or without BOM), GB18030/GBK/GB2312. The
// encoding is detected by jschardet and decoded by iconv-lite; a result with control characters or replacement
// characters is not text.
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

// C0 controls other than tab, LF, VT, FF, CR; a decoded text with them is a binary file or a wrong guess.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

function clean(text: string): string | null {
  if (CONTROL.test(text) || text.includes('\uFFFD')) return null;
  return text.replace(/^\uFEFF/, '');
}

/** jschardet's names → iconv-lite's; GB2312 and GBK are subsets of GB18030, which decodes them all. */
function iconvName(detected: string): string | null {
  const name = detected.toLowerCase().replace(/[-_]/g, '');
  if (name === 'gb2312' || name === 'gbk' || name === 'gb18030') return 'gb18030';
  if (name === 'ascii') return 'utf8';
  return iconv.encodingExists(name) ? name : null;
}

export interface DecodedText {
  text: string;
  encoding: string;
}

/** The text of `bytes` and the encoding it was read in, or null when it is not text in any encoding we read. */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) return { text: '', encoding: 'utf8' };
  // A byte-order mark settles it.
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return wrap(clean(buf.toString('utf8')), 'utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return wrap(clean(iconv.decode(buf, 'utf16le')), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return wrap(clean(iconv.decode(buf, 'utf16be')), 'utf16be');
  // Valid UTF-8 is UTF-8: a detector's guess could only be worse.
  try {
    return wrap(clean(new TextDecoder('utf-8', { fatal: true }).decode(buf)), 'utf8');
  } catch {
    // not UTF-8: ask the detector
  }
  const guess = jschardet.detect(buf, { minimumThreshold: 0.2 });
  // UTF-16 without a BOM only when the detector says so: any even-length binary decodes as some UTF-16.
  const candidates = [guess.encoding ? iconvName(guess.encoding) : null, 'gb18030'].filter((e): e is string => e !== null);
  for (const encoding of [...new Set(candidates)]) {
    const text = clean(iconv.decode(buf, encoding));
    if (text !== null) return { text, encoding };
  }
  return null;
}

function wrap(text: string | null, encoding: string): DecodedText | null {
  return text === null ? null : { text, encoding };
}
