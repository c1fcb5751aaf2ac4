import { describe, expect, it } from 'vitest';
import { filterExpression, NO_FILTERS, quote } from '../../../server/search/filters.ts';

describe('filterExpression', () => {
  it('ANDs groups and ORs values within a group', () => {
    expect(filterExpression({ ...NO_FILTERS, regionsZh: ['江西省', '吉林省'], years: [2023] }, { termIds: ['negative-list'] })).toEqual([
      ['region_zh = "江西省"', 'region_zh = "吉林省"'],
      ['year = 2023'],
      ['termIds = "negative-list"'],
    ]);
  });
  it('quotes so that no value can close its string', () => {
    expect(quote('a" OR id EXISTS OR x = "b\\')).toBe('"a\\" OR id EXISTS OR x = \\"b\\\\"');
  });
  it('is empty without filters', () => {
    expect(filterExpression(NO_FILTERS)).toEqual([]);
  });
});
