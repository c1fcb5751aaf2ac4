import { describe, expect, it } from 'vitest';
import { documentPath, entryPath, hashId, isResultsUrl, matchRoute, readerQuery } from '../../web/src/routes.ts';
import { PAGE_ROUTES } from '../../server/routes/web.ts';

describe('matchRoute', () => {
  it('knows the four pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'search' });
    expect(matchRoute('/documents/jiangxi-2023')).toEqual({ name: 'document', id: 'jiangxi-2023' });
    expect(matchRoute('/glossary')).toEqual({ name: 'glossary' });
    expect(matchRoute('/glossary/')).toEqual({ name: 'glossary' });
    expect(matchRoute('/glossary/negative-list')).toEqual({ name: 'entry', id: 'negative-list' });
  });

  it('rejects anything else, including odd ids', () => {
    for (const p of ['/api/search', '/documents', '/documents/a/b', '/documents/%3Cx%3E', '/glossary/a.b', '/x']) {
      expect(matchRoute(p)).toEqual({ name: 'notFound' });
    }
  });

  it('agrees with the routes the server answers with the page', () => {
    const examples = PAGE_ROUTES.map((r) => r.replace(':id', 'some-id'));
    for (const p of examples) expect(matchRoute(p).name).not.toBe('notFound');
  });

  it('builds links that it reads back', () => {
    expect(matchRoute(documentPath('jiangxi-2023'))).toEqual({ name: 'document', id: 'jiangxi-2023' });
    expect(documentPath('d', 'd--p2-i12')).toBe('/documents/d#d--p2-i12');
    expect(matchRoute(entryPath('negative-list'))).toEqual({ name: 'entry', id: 'negative-list' });
  });
});

describe('hashId', () => {
  it('decodes the fragment and survives broken encoding', () => {
    expect(hashId('#d--p2-i12')).toBe('d--p2-i12');
    expect(hashId('#c%23d')).toBe('c#d');
    expect(hashId('')).toBe('');
    expect(hashId('#%E0%A4%A')).toBe('');
  });
});

describe('the reader opened from a search', () => {
  it('carries the query in its address, before the clause', () => {
    expect(documentPath('national', 'national--p2-i10', ' negative list ')).toBe('/documents/national?q=negative+list#national--p2-i10');
    expect(documentPath('national', undefined, '研发')).toBe('/documents/national?q=%E7%A0%94%E5%8F%91');
    expect(documentPath('national', 'national--p1', '  ')).toBe('/documents/national#national--p1');
    expect(readerQuery('?q=negative+list&view=en')).toBe('negative list');
    expect(readerQuery('?view=en')).toBe('');
    expect(readerQuery(new URL(`http://x${documentPath('d', 'c', 'a&b=c #x')}`).search)).toBe('a&b=c #x');
  });

  it('leads back only to a page of results', () => {
    expect(isResultsUrl('/?q=land')).toBe(true);
    expect(isResultsUrl('/?region=Jiangxi&page=2')).toBe(true);
    expect(isResultsUrl('/')).toBe(false);
    expect(isResultsUrl('/glossary?q=land')).toBe(false);
    expect(isResultsUrl('/documents/x?q=land')).toBe(false);
  });
});
