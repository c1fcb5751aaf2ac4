import { describe, expect, it } from 'vitest';
import { parseOperators } from '../../../server/query/operators.ts';

describe('parseOperators', () => {
  it('takes words and quoted phrases after a minus as exclusions', () => {
    expect(parseOperators('negative list -Jilin -"national treatment"')).toEqual({ parts: ['negative list'], excluded: ['Jilin', 'national treatment'] });
    expect(parseOperators('-吉林 负面清单 －“国民待遇”')).toEqual({ parts: ['负面清单'], excluded: ['吉林', '国民待遇'] });
  });

  it('leaves hyphens inside words and ranges alone', () => {
    expect(parseOperators('low-risk firms 2022-2024')).toEqual({ parts: ['low-risk firms 2022-2024'], excluded: [] });
    expect(parseOperators('R&D - subsidies')).toEqual({ parts: ['R&D - subsidies'], excluded: [] });
  });

  it('splits on upper-case OR only', () => {
    expect(parseOperators('Jiangxi negative list OR Jilin negative list')).toEqual({ parts: ['Jiangxi negative list', 'Jilin negative list'], excluded: [] });
    expect(parseOperators('R&D or innovation')).toEqual({ parts: ['R&D or innovation'], excluded: [] });
    expect(parseOperators('OR negative list OR')).toEqual({ parts: ['OR negative list OR'], excluded: [] });
  });

  it('has no parts when only exclusions are left', () => {
    expect(parseOperators('-Jilin')).toEqual({ parts: [], excluded: ['Jilin'] });
  });
});
