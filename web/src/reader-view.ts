// The reader's column choice and its URL form (pure): /documents/<id>?view=zh#<clause>. "both" is the
// default and is left out of the URL, so plain links to a document open it in parallel columns.
export const READER_VIEWS = ['both', 'zh', 'en'] as const;
export type ReaderView = (typeof READER_VIEWS)[number];

export const DEFAULT_VIEW: ReaderView = 'both';

function isReaderView(value: unknown): value is ReaderView {
  return (READER_VIEWS as readonly unknown[]).includes(value);
}

/** The view a URL asks for; anything unknown (an old or mistyped link) opens the default. */
export function parseReaderView(params: URLSearchParams): ReaderView {
  const value = params.get('view');
  return isReaderView(value) ? value : DEFAULT_VIEW;
}

/** `search` (a location.search) with the view set, other parameters kept; `?`-prefixed, or '' when empty. */
export function withReaderView(search: string, view: ReaderView): string {
  const params = new URLSearchParams(search);
  if (view === DEFAULT_VIEW) params.delete('view');
  else params.set('view', view);
  const query = params.toString();
  return query ? `?${query}` : '';
}
