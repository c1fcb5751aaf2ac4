// Splitting clause text into runs for display (pure): highlighted matches and glossary-term spans.

export interface Run<T = true> {
  text: string;
  /** Set on highlighted or annotated runs. */
  mark?: T;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The API's highlight (escaped text with `<mark>` around matches) as plain-text runs, so the page renders
 * it with text nodes and never assigns server HTML to innerHTML. Any other tag is kept as literal text.
 */
export function parseHighlight(html: string): Run[] {
  const runs: Run[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let at = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > at) runs.push({ text: unescapeHtml(html.slice(at, m.index)) });
    if (m[1]) runs.push({ text: unescapeHtml(m[1]), mark: true });
    at = m.index + m[0].length;
  }
  if (at < html.length) runs.push({ text: unescapeHtml(html.slice(at)) });
  return runs;
}

export interface Span {
  start: number;
  end: number;
}

/** `text` cut at the given spans (UTF-16 offsets); overlapping or out-of-range spans are dropped. */
export function spanRuns<S extends Span>(text: string, spans: readonly S[]): Run<S>[] {
  const ordered = spans
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: Run<S>[] = [];
  let at = 0;
  for (const s of ordered) {
    if (s.start < at) continue;
    if (s.start > at) runs.push({ text: text.slice(at, s.start) });
    runs.push({ text: text.slice(s.start, s.end), mark: s });
    at = s.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}
