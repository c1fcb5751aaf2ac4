import { describe, expect, it } from 'vitest';
import { describeCall } from '../../bench/engine-calls.ts';

describe('describeCall', () => {
  it('reads a single search: one search, the engine time, the response size', () => {
    const res = JSON.stringify({ hits: [], processingTimeMs: 6 });
    expect(describeCall('POST', '/indexes/bench_clauses/search?x=1', '{"q":"保护"}', res)).toEqual({
      method: 'POST',
      route: '/indexes/<index>/search',
      searches: 1,
      engineMs: 6,
      responseBytes: Buffer.byteLength(res),
    });
  });

  it('counts the queries of a multi-search, federated or not', () => {
    const body = JSON.stringify({ queries: [{ q: 'a' }, { q: 'b' }, { q: 'c' }] });
    expect(describeCall('POST', '/multi-search', body, '{"hits":[],"processingTimeMs":9}')).toMatchObject({ searches: 3, engineMs: 9 });
    const separate = JSON.stringify({ results: [{ processingTimeMs: 2 }, { processingTimeMs: 3 }] });
    expect(describeCall('POST', '/multi-search', body, separate)).toMatchObject({ searches: 3, engineMs: 5 });
  });

  it('keeps calls without a JSON answer, without engine time', () => {
    expect(describeCall('GET', '/health', '', '')).toEqual({ method: 'GET', route: '/health', searches: 0, engineMs: null, responseBytes: 0 });
  });
});
