import { describe, expect, it } from 'vitest';
import { anyUnofficial, isUnofficial, tipOpensLeftward, versionOrder } from '../../web/src/bilingual.ts';
import { slot, slotted } from '../../web/src/dom.ts';

const english = {
  heading: 'Implement the negative list',
  text: 'Implement the negative list.',
  highlight: 'Implement the <mark>negative list</mark>.',
  matches: [{ start: 14, length: 13 }],
  excerpt: { start: 0, length: 28 },
  provenance: 'curated' as const,
};

describe('versionOrder', () => {
  it('leads with the English for an English query, when the clause has English', () => {
    expect(versionOrder('en', english)).toEqual(['en', 'zh']);
  });

  it('leads with the Chinese for a Chinese query, and wherever there is no English', () => {
    expect(versionOrder('zh', english)).toEqual(['zh', 'en']);
    expect(versionOrder('en', null)).toEqual(['zh', 'en']);
    expect(versionOrder('zh', null)).toEqual(['zh', 'en']);
  });
});

describe('isUnofficial / anyUnofficial', () => {
  it('calls curated English ours, official English and no English not', () => {
    expect(isUnofficial({ provenance: 'curated' })).toBe(true);
    expect(isUnofficial({ provenance: 'official' })).toBe(false);
    expect(isUnofficial(null)).toBe(false);
    expect(isUnofficial(undefined)).toBe(false);
  });

  it('finds our English among hits or clauses', () => {
    expect(anyUnofficial([{ translation: null }, { translation: { provenance: 'curated' } }])).toBe(true);
    expect(anyUnofficial([{ translation: null }, { translation: { provenance: 'official' } }])).toBe(false);
    expect(anyUnofficial([])).toBe(false);
  });
});

describe('tipOpensLeftward', () => {
  it('hangs the tip from the right edge of terms in the right half of the screen', () => {
    expect(tipOpensLeftward({ left: 10, right: 60 }, 360)).toBe(false);
    expect(tipOpensLeftward({ left: 200, right: 250 }, 360)).toBe(true);
    // The middle of the term decides, not its start.
    expect(tipOpensLeftward({ left: 150, right: 230 }, 360)).toBe(true);
  });
});

describe('slotted', () => {
  // Stand-ins for DOM nodes: slotted only places what it is given.
  const a = { name: 'a' } as unknown as Node;
  const b = { name: 'b' } as unknown as Node;

  it('puts each node where its slot landed in the message', () => {
    expect(slotted(`English glosses from ${slot(0)} (${slot(1)}).`, a, b)).toEqual(['English glosses from ', a, ' (', b, ').']);
  });

  it('follows the message, whatever order its language puts the slots in', () => {
    expect(slotted(`${slot(1)} / ${slot(0)}`, a, b)).toEqual(['', b, ' / ', a, '']);
  });

  it('leaves a message without slots as it is, and drops slots without a node', () => {
    expect(slotted('plain', a)).toEqual(['plain']);
    expect(slotted(`x${slot(3)}y`, a)).toEqual(['x', '', 'y']);
  });
});
