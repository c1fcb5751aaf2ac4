import { describe, expect, it } from 'vitest';
import { documentPath, entryPath, hashId, matchRoute } from '../../web/src/routes.ts';
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
