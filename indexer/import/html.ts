// Saved web pages: the main text only (cheerio). Navigation, headers, footers, scripts, styles and forms are
// dropped; the page's <main> or <article> (or the block holding most of the text) is kept, one line per block.
// The page title and canonical address go above the text as collector header lines (标题：/链接：), which the
// parser turns into metadata, as it does for pages collected by hand.
import * as cheerio from 'cheerio';

/** The parts of cheerio's (domhandler's) nodes the walk reads. */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  children?: DomNode[];
}

const NOISE =
  'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select, [role=navigation], [role=banner], [role=contentinfo], [hidden], [aria-hidden=true]';
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'center',
  'td',
  'th',
]);

function linesOf(root: DomNode): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
    if (line !== '') lines.push(line);
    current = '';
  };
  const walk = (node: DomNode): void => {
    if (node.type === 'text') {
      current += node.data ?? '';
      return;
    }
    if (node.type !== 'tag') return;
    const el = node as DomNode & { name: string; children: DomNode[] };
    if (el.name === 'br') {
      flush();
      return;
    }
    const block = BLOCKS.has(el.name);
    if (block) flush();
    for (const child of el.children) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

/** The element holding the document: <main>, <article>, [role=main], else the block with the most direct text. */
function mainElement($: cheerio.CheerioAPI): DomNode | undefined {
  const explicit = $('main, article, [role=main]').first();
  if (explicit.length > 0) return explicit.get(0);
  let best: DomNode | undefined;
  let bestLength = 0;
  $('body div, body section, body td').each((_, el) => {
    // Text of its own paragraphs, not of nested blocks: the innermost block holding the paragraphs wins.
    const own = $(el).children('p').text().replace(/\s+/g, '').length;
    if (own > bestLength) {
      bestLength = own;
      best = el;
    }
  });
  return best ?? $('body').get(0);
}

export function htmlText(html: string): string {
  const $ = cheerio.load(html);
  const title = $('title').first().text().replace(/\s+/g, ' ').trim();
  const link = $('link[rel=canonical]').attr('href') ?? $('meta[property="og:url"]').attr('content');
  $(NOISE).remove();
  const main = mainElement($);
  const lines = main ? linesOf(main) : [];
  // The article's headline repeating the page title is already the 标题： header line.
  const body = title !== '' && lines[0] === title ? lines.slice(1) : lines;
  const header = [...(title ? [`标题：${title}`] : []), ...(link && /^https?:\/\//.test(link) ? [`链接：${link}`] : [])];
  return [...header, ...body].join('\n');
}
