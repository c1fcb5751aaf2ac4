// Extraction by content: formats recognised from their bytes, encodings detected, refused files refused with the
// reason the upload reports.
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../indexer/import/errors.ts';
import { extractText } from '../../../indexer/import/extract.ts';
import { htmlText } from '../../../indexer/import/html.ts';
import { repairRadicals } from '../../../indexer/import/pdf.ts';
import { nationalDocx } from '../../fixtures/import/national.ts';

const TEXT = '关于促进外资的若干措施\n一、优化投资环境。做好外资准入负面清单落实工作。\n';

async function rejection(bytes: Uint8Array): Promise<string> {
  const error = await extractText(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).code;
}

describe('extractText', () => {
  it('reads text in UTF-8, GBK, GB18030, UTF-16 with and without a byte-order mark', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from(TEXT), 'utf8'],
      [iconv.encode(TEXT, 'gbk'), 'gb18030'],
      [iconv.encode(`${TEXT}𠀀`, 'gb18030'), 'gb18030'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf16le')]), 'utf16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf16be')]), 'utf16be'],
      [iconv.encode(TEXT, 'utf16le'), 'utf16le'],
    ];
    for (const [bytes, encoding] of cases) {
      const out = await extractText(bytes);
      expect(out.format, encoding).toBe('text');
      expect(out.encoding, encoding).toBe(encoding);
      expect(out.text.startsWith(TEXT.trim()), encoding).toBe(true);
    }
  });

  it('reads Markdown headings as their text', async () => {
    const out = await extractText(Buffer.from('# 关于促进外资的若干措施\n\n## 一、优化投资环境\n\n（一）做好外资准入负面清单落实工作。\n'));
    expect(out.text).toBe('关于促进外资的若干措施\n\n一、优化投资环境\n\n（一）做好外资准入负面清单落实工作。\n');
  });

  it('judges the type by content: a PDF or Word file is one whatever it is called, an image is refused', async () => {
    expect((await extractText(await readFile('tests/fixtures/import/national-measures.pdf'))).format).toBe('pdf');
    expect((await extractText(await nationalDocx())).format).toBe('docx');
    expect((await extractText(Buffer.from(`<!DOCTYPE html><html><body><main><p>${TEXT}</p></main></body></html>`))).format).toBe('html');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(await rejection(png)).toBe('unknown_type');
    expect(await rejection(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x7f, 0x10]))).toBe('unknown_type');
  });

  it('refuses an encrypted PDF, a PDF without text, an empty file and a damaged Word file', async () => {
    expect(await rejection(await readFile('tests/fixtures/import/encrypted.pdf'))).toBe('encrypted_pdf');
    expect(await rejection(await readFile('tests/fixtures/import/image-only.pdf'))).toBe('image_only_pdf');
    expect(await rejection(Buffer.from(' \n\t\n'))).toBe('empty_text');
    const docx = await nationalDocx();
    expect(await rejection(docx.subarray(0, 2000))).toMatch(/^(unreadable|unknown_type)$/);
  });
});

describe('htmlText', () => {
  it('keeps the main text, one line per block, and drops navigation, scripts, styles and footers', () => {
    const html = `<html><head><title>页面标题</title><link rel="canonical" href="https://example.gov.cn/a.html"><script>var x = "脚本";</script><style>p{}</style></head>
      <body><nav>首页 新闻</nav><header>网站名</header><div id="c"><p>第一段。</p><p>第二段<br>换行。</p></div><aside>热门</aside><footer>版权</footer></body></html>`;
    expect(htmlText(html)).toBe('标题：页面标题\n链接：https://example.gov.cn/a.html\n第一段。\n第二段\n换行。');
  });
});

describe('repairRadicals', () => {
  it('maps the radicals some PDF fonts extract as back to the ideographs, leaving full-width punctuation', () => {
    expect(repairRadicals('发⽂字号：国⺠待遇，部⻔（⻓期）')).toBe('发文字号：国民待遇，部门（长期）');
  });
});
