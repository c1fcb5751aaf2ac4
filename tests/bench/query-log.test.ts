// The benchmark's query log: the committed file loads, expands the same way every time with Zipf-like repetition,
// and each request is asked of our API and of raw Meilisearch alike.
import { describe, expect, it } from 'vitest';
import { expandLog, loadQueryLog, logApiPath, logRawBody, logStats, PAGE_SIZE } from '../../bench/query-log.ts';

describe('query log', async () => {
  const entries = await loadQueryLog();
  const requests = expandLog(entries);

  it('holds a few hundred requests over every entry, the popular ones repeated about 1/rank as often', () => {
    expect(entries.length).toBeGreaterThanOrEqual(100);
    const stats = logStats(requests);
    expect(stats.requests).toBeGreaterThanOrEqual(500);
    expect(stats.distinct).toBe(entries.length);
    const count = (rank: number) => requests.filter((r) => r.rank === rank).length;
    expect(count(0)).toBeGreaterThan(50);
    expect(Math.abs(count(1) - count(0) / 2)).toBeLessThanOrEqual(1);
    expect(count(entries.length - 1)).toBe(1);
    expect(stats.share.chinese).toBeGreaterThan(0.2);
    expect(stats.share.filtered).toBeGreaterThan(0.03);
    expect(stats.share.laterPages).toBeGreaterThan(0.05);
  });

  it('is the same sequence on every run, and pages only entries that have pages', () => {
    expect(expandLog(entries)).toEqual(requests);
    expect(expandLog(entries, 600, 1)).not.toEqual(requests);
    for (const r of requests) expect(r.offset / PAGE_SIZE).toBeLessThan(r.entry.pages ?? 1);
  });

  it('asks both sides the same page, filter and string', () => {
    const r = { entry: { q: '外资', filter: 'doc' as const, pages: 2 }, rank: 0, offset: 10 };
    const params = new URL(logApiPath(r, 'd1'), 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({ q: '外资', limit: '10', offset: '10', doc: 'd1' });
    expect(logRawBody(r, 'd1')).toEqual({ q: '外资', limit: 10, offset: 10, facets: [], attributesToHighlight: ['text'], filter: 'docId = "d1"' });
    expect(logRawBody({ ...r, offset: 0 }, 'd1').facets).toEqual(['docId']);
    expect(new URL(logApiPath({ entry: { q: 'x', filter: 'level' }, rank: 1, offset: 0 }, 'd1'), 'http://x').searchParams.get('level')).toBe('national');
  });
});
