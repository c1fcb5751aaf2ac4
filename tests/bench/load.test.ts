// The load test's pure parts: how answers are classified and what fails the overload step.
import { describe, expect, it } from 'vitest';
import { overloadProblems, rejectionKey, type LoadReport, type OverloadReport } from '../../bench/load.ts';

const part = (over: Partial<LoadReport> = {}): LoadReport => ({
  url: 'http://127.0.0.1:1',
  connections: 8,
  seconds: 10,
  requests: 100,
  requestsPerSecond: 10,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  latency: { p50: 10, p95: 20, p99: 30, max: 40 },
  rejections: new Map(),
  ...over,
});
const report = (name: OverloadReport['name'], ordinary: LoadReport, amplification = part()): OverloadReport => ({
  name,
  seconds: 10,
  ordinary,
  amplification,
  overloadedShare: 0,
  servedP99: 30,
});

describe('rejectionKey', () => {
  it('names an error answer by status and code', () => {
    expect(rejectionKey(503, '{"error":{"code":"overloaded","message":"…"}}')).toBe('503 overloaded');
    expect(rejectionKey(503, '{"error":{"code":"engine_unavailable","message":"…"}}')).toBe('503 engine_unavailable');
    expect(rejectionKey(502, '<html>')).toBe('502');
  });
});

describe('overloadProblems', () => {
  it('accepts load shed as 503 overloaded and fast ordinary searches', () => {
    const shed = new Map([['503 overloaded', 900]]);
    expect(
      overloadProblems(
        report('overload', part({ non2xx: 900, rejections: shed, latency: { p50: 900, p95: 1000, p99: 1200, max: 1300 } }), part({ rejections: shed })),
      ),
    ).toEqual([]);
    expect(overloadProblems(report('beside', part(), part({ rejections: shed })))).toEqual([]);
  });

  it('fails on connection errors, other rejections, and slow or refused ordinary searches beside amplification', () => {
    expect(overloadProblems(report('overload', part({ errors: 2, timeouts: 2 })))).toEqual(['overload ordinary: 2 connection errors (2 timeouts)']);
    expect(overloadProblems(report('overload', part(), part({ rejections: new Map([['503 engine_unavailable', 3]]) })))).toEqual([
      'overload amplification: 3 × 503 engine_unavailable',
    ]);
    expect(overloadProblems(report('beside', part({ latency: { p50: 50, p95: 60, p99: 70, max: 80 } })))).toEqual([
      'beside ordinary p50 50.0 ms, not under 50 ms',
    ]);
    expect(overloadProblems(report('beside', part({ non2xx: 4, rejections: new Map([['503 overloaded', 4]]) })))).toEqual([
      'beside ordinary: 4 not answered 2xx',
    ]);
  });
});
