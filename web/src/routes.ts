// The page's addresses (pure). The server serves the same shell page for each of them.
export type Route =
  | { name: 'search' }
  | { name: 'document'; id: string }
  | { name: 'glossary' }
  | { name: 'entry'; id: string }
  | { name: 'candidates' }
  | { name: 'compare' }
  | { name: 'notFound' };

const ID = '([A-Za-z0-9_-]{1,200})';
const PATTERNS: ReadonlyArray<[RegExp, (id: string) => Route]> = [
  [/^\/$/, () => ({ name: 'search' })],
  [new RegExp(`^/documents/${ID}/?$`), (id) => ({ name: 'document', id })],
  [/^\/glossary\/?$/, () => ({ name: 'glossary' })],
  // Before entries: `candidates` is no entry id.
  [/^\/glossary\/candidates\/?$/, () => ({ name: 'candidates' })],
  [new RegExp(`^/glossary/${ID}/?$`), (id) => ({ name: 'entry', id })],
  // The two clauses are in the query (?a=&b=), read by parseCompare.
  [/^\/compare\/?$/, () => ({ name: 'compare' })],
];

export function matchRoute(pathname: string): Route {
  for (const [re, route] of PATTERNS) {
    const m = re.exec(pathname);
    if (m) return route(m[1] ?? '');
  }
  return { name: 'notFound' };
}

/** A document in the reader, at a clause; `q` (a search opening it) is marked there: /documents/<id>?q=…#<clause>. */
export const documentPath = (docId: string, clauseId?: string, q?: string): string =>
  `/documents/${encodeURIComponent(docId)}${q?.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : ''}${clauseId ? `#${encodeURIComponent(clauseId)}` : ''}`;

/** The search a reader address carries (`?q=`), trimmed; '' for none. */
export function readerQuery(search: string): string {
  return (new URLSearchParams(search).get('q') ?? '').trim();
}

/** Whether an address (path and query) is a page of search results, where "back to results" may lead. */
export function isResultsUrl(url: string): boolean {
  const parsed = new URL(url, 'http://x');
  return parsed.pathname === '/' && parsed.search !== '';
}

/** Two clauses side by side: `a` on the left, `b` on the right (the diff goes from a to b). */
export const comparePath = (a: string, b: string): string => `/compare?${new URLSearchParams({ a, b })}`;

const CLAUSE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** The clauses a /compare address names, or null when either is missing or cannot be a clause id. */
export function parseCompare(search: string): { a: string; b: string } | null {
  const params = new URLSearchParams(search);
  const a = params.get('a')?.trim() ?? '';
  const b = params.get('b')?.trim() ?? '';
  return CLAUSE_ID.test(a) && CLAUSE_ID.test(b) ? { a, b } : null;
}

export const entryPath = (entryId: string): string => `/glossary/${encodeURIComponent(entryId)}`;

/** The element id a URL fragment names ('' for none, or when its percent-encoding is broken). */
export function hashId(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}
