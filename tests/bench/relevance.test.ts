import { describe, expect, it } from 'vitest';
import { docIdsForParams, rawFilter } from '../../bench/relevance.ts';

const docs = [
  { id: 'national', region: { zh: '中国', en: 'China' }, level: 'national' as const, date: '2022-10-20' },
  { id: 'jiangxi', region: { zh: '江西省', en: 'Jiangxi Province' }, level: 'provincial' as const, date: '2023-03' },
  { id: 'jilin', region: { zh: '吉林省', en: 'Jilin Province' }, level: 'provincial' as const, date: '2023' },
  { id: 'changshou', region: { zh: '重庆市长寿区', en: 'Changshou District, Chongqing' }, level: 'district' as const },
];

describe('docIdsForParams', () => {
  it('is null when no parameter maps to documents (term and category are ignored)', () => {
    expect(docIdsForParams({}, docs)).toBeNull();
    expect(docIdsForParams({ term: ['negative-list'], category: ['tax'] }, docs)).toBeNull();
  });

  it('maps English short names, English and Chinese full names of regions', () => {
    expect(docIdsForParams({ region: ['Jiangxi'] }, docs)).toEqual(['jiangxi']);
    expect(docIdsForParams({ region: ['jilin province'] }, docs)).toEqual(['jilin']);
    expect(docIdsForParams({ region: ['Changshou District'] }, docs)).toEqual(['changshou']);
    expect(docIdsForParams({ region: ['吉林省', '重庆市长寿区'] }, docs)).toEqual(['jilin', 'changshou']);
  });

  it('ORs values within a parameter and ANDs parameters', () => {
    expect(docIdsForParams({ level: ['provincial'], year: ['2023'] }, docs)).toEqual(['jiangxi', 'jilin']);
    expect(docIdsForParams({ level: ['provincial'], region: ['China'] }, docs)).toEqual([]);
    expect(docIdsForParams({ level: ['national', 'district'] }, docs)).toEqual(['national', 'changshou']);
    expect(docIdsForParams({ doc: ['jilin'], level: ['provincial'] }, docs)).toEqual(['jilin']);
  });

  it('does not take a region prefix for a region', () => {
    expect(docIdsForParams({ region: ['Jiang'] }, docs)).toEqual([]);
  });
});

describe('rawFilter', () => {
  it('builds an IN filter with quoted ids', () => {
    expect(rawFilter(['a', 'b"c'])).toBe('docId IN ["a", "b\\"c"]');
    expect(rawFilter([])).toBe('docId IN []');
  });
});
