// A stored clause path (`二、（十）` / `Part II, Item 10`) read back into its segments, with the numbering
// knowledge of the indexer (indexer/numbering.ts), so that no client re-parses Chinese numerals.
// The English path is regular (one label per level, joined by ", "): each label names its kind and number;
// the Chinese is then checked against the canonical marker of each (or, for a law's free heading, taken as
// written). A path that does not read back exactly becomes one `other` segment: never a wrong citation.
import { markerLabel, toChineseNumeral, toRoman, type MarkerKind } from '../../indexer/numbering.ts';
import type { PathSegment, PathSegmentKind } from '../../shared/structure.ts';

const MARKERS: Record<string, MarkerKind> = {
  Book: 'book',
  'Sub-book': 'subbook',
  Chapter: 'chapter',
  Section: 'section',
  Article: 'article',
  Part: 'part',
  Item: 'item',
  'Sub-item': 'subitem',
  Point: 'point',
};

// Unnumbered parts (indexer/parse.ts): `序言` / `Preamble`, `序言 2` / `Preamble ¶2`, `附件1` / `Attachment 1`.
const UNNUMBERED: Record<string, { kind: PathSegmentKind; zh: string; spaced: boolean }> = {
  "Editor's note": { kind: 'note', zh: '编者按', spaced: true },
  Notice: { kind: 'notice', zh: '通知', spaced: true },
  Title: { kind: 'title', zh: '标题', spaced: true },
  Preamble: { kind: 'preamble', zh: '序言', spaced: true },
  Closing: { kind: 'closing', zh: '结语', spaced: true },
  Attachment: { kind: 'attachment', zh: '附件', spaced: false },
};

function fromRoman(text: string): number | null {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const v = values[text[i]!];
    if (v === undefined) return null;
    const next = values[text[i + 1] ?? ''] ?? 0;
    n += v < next ? -v : v;
  }
  // Only the canonical spelling counts (IIII is not 4 here).
  return n >= 1 && n <= 3999 && toRoman(n) === text ? n : null;
}

/** A marker's Chinese citation: parts, items, sub-items and points are cited by name; law markers as written. */
function citeMarker(kind: MarkerKind, n: number, zh: string): string {
  switch (kind) {
    case 'part':
      return `第${toChineseNumeral(n)}部分`;
    case 'item':
      return `第（${toChineseNumeral(n)}）项`;
    case 'subitem':
      return `第${n}目`;
    case 'point':
      return `第${toChineseNumeral(n)}点`;
    default:
      return zh;
  }
}

/** What one English label says, with the Chinese it must have; zh null for a heading (free text). */
function readLabel(en: string): (Omit<PathSegment, 'zh' | 'citeZh'> & { zh: string | null; cite: (zh: string) => string }) | null {
  const marker = /^(Sub-book|Sub-item|Book|Chapter|Section|Article|Part|Item|Point) ([0-9]+|[IVXLCDM]+)(?:([a-z])|-([0-9]+))?$/.exec(en);
  if (marker) {
    const kind = MARKERS[marker[1]!]!;
    const n = kind === 'part' ? fromRoman(marker[2]!) : /^[0-9]+$/.test(marker[2]!) ? Number(marker[2]) : null;
    const sub = marker[3] ? marker[3].charCodeAt(0) - 96 : marker[4] ? Number(marker[4]) : null;
    if (n === null || n < 1 || n > 9999 || (sub !== null && kind !== 'article')) return null;
    const label = markerLabel(kind, n, sub ?? undefined);
    if (label.en !== en) return null;
    return { kind, number: n, sub, en, zh: label.zh, cite: (zh) => citeMarker(kind, n, zh) };
  }
  const heading = /^Heading ([0-9]+)$/.exec(en);
  if (heading) return { kind: 'heading', number: Number(heading[1]), sub: null, en, zh: null, cite: (zh) => zh };
  const unnumbered = /^(Editor's note|Notice|Title|Preamble|Closing|Attachment)(?: ¶?([0-9]+))?$/.exec(en);
  if (unnumbered) {
    const spec = UNNUMBERED[unnumbered[1]!]!;
    const n = unnumbered[2] ? Number(unnumbered[2]) : null;
    const zh = n === null ? spec.zh : `${spec.zh}${spec.spaced ? ' ' : ''}${n}`;
    return { kind: spec.kind, number: n, sub: null, en, zh, cite: (z) => z };
  }
  return null;
}

function whole(zh: string, en: string): PathSegment[] {
  const z = zh.trim();
  const e = en.trim();
  if (!z && !e) return [];
  return [{ kind: 'other', number: null, sub: null, zh: z || e, en: e || z, citeZh: z || e }];
}

/** The segments of a clause path, outermost first; [] for an empty path. */
export function pathSegments(path: { zh: string; en: string }): PathSegment[] {
  if (path.en.trim() === '' && path.zh.trim() === '') return [];
  const labels = path.en.split(', ').map(readLabel);
  if (labels.some((l) => l === null)) return whole(path.zh, path.en);
  const out: PathSegment[] = [];
  let at = 0;
  for (let i = 0; i < labels.length; i++) {
    const { cite, zh: expected, ...rest } = labels[i]!;
    let zh: string;
    if (expected !== null) {
      if (!path.zh.startsWith(expected, at)) return whole(path.zh, path.en);
      zh = expected;
    } else {
      // A free heading runs up to the next segment's canonical Chinese (or to the end); two in a row cannot be told apart.
      const next = labels[i + 1];
      if (next && next.zh === null) return whole(path.zh, path.en);
      const end = next ? path.zh.indexOf(next.zh!, at + 1) : path.zh.length;
      if (end <= at) return whole(path.zh, path.en);
      zh = path.zh.slice(at, end);
    }
    at += zh.length;
    out.push({ kind: rest.kind, number: rest.number, sub: rest.sub, zh, en: rest.en, citeZh: cite(zh) });
  }
  return at === path.zh.length ? out : whole(path.zh, path.en);
}
