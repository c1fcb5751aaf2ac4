import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, READER_VIEWS, parseReaderView, withReaderView } from '../../web/src/reader-view.ts';

describe('reader view in the URL', () => {
  it('reads ?view=zh|en|both, and opens both columns otherwise', () => {
    expect(parseReaderView(new URLSearchParams('view=zh'))).toBe('zh');
    expect(parseReaderView(new URLSearchParams('view=en'))).toBe('en');
    expect(parseReaderView(new URLSearchParams('view=both'))).toBe('both');
    expect(parseReaderView(new URLSearchParams(''))).toBe('both');
    expect(parseReaderView(new URLSearchParams('view=EN'))).toBe(DEFAULT_VIEW);
    expect(parseReaderView(new URLSearchParams('view=fr'))).toBe(DEFAULT_VIEW);
  });

  it('writes the view, leaving the default out so plain links stay plain', () => {
    expect(withReaderView('', 'en')).toBe('?view=en');
    expect(withReaderView('?view=en', 'zh')).toBe('?view=zh');
    expect(withReaderView('?view=en', 'both')).toBe('');
    expect(withReaderView('', 'both')).toBe('');
  });

  it('keeps the other parameters', () => {
    expect(withReaderView('?x=1&view=zh', 'en')).toBe('?x=1&view=en');
    expect(withReaderView('?x=1&view=zh', 'both')).toBe('?x=1');
  });

  it('reads back every view it writes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READER_VIEWS), fc.constantFrom('', '?x=1', '?view=fr', '?view=en&y=2'), (view, search) => {
        expect(parseReaderView(new URLSearchParams(withReaderView(search, view)))).toBe(view);
      }),
    );
  });
});
