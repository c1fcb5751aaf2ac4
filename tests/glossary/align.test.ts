import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAligner, type Aligner } from '../../glossary/align.ts';
import { loadGlossary } from '../../glossary/load.ts';
import type { Glossary, TermMatch } from '../../glossary/types.ts';

let glossary: Glossary;
let aligner: Aligner;
beforeAll(async () => {
  glossary = (await loadGlossary('tests/fixtures/glossary-sample')).glossary;
  aligner = createAligner(glossary);
});

const brief = (ms: TermMatch[]) => ms.map((m) => `${m.entryId}@${m.start}-${m.end}`);

describe('align', () => {
  it('reports every occurrence with UTF-16 offsets, sorted by start', () => {
    const text = '落实利润再投资暂不征收预提所得税政策，鼓励利润再投资。';
    const ms = aligner.align(text);
    expect(brief(ms)).toEqual(['reinvestment-of-profits@2-7', 'withholding-income-tax@11-16', 'reinvestment-of-profits@21-26']);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.form);
  });

  it('keeps a shorter entry nested in a longer one, but not a nested form of the same entry', () => {
    const ms = aligner.align('实行市场准入负面清单制度');
    // 准入负面清单 is a variant of market-access-negative-list inside its own preferred form: dropped.
    expect(brief(ms)).toEqual(['market-access-negative-list@2-10', 'negative-list@6-10']);
    expect(brief(aligner.align('准入负面清单'))).toEqual(['market-access-negative-list@0-6', 'negative-list@2-6']);
  });

  it('matches Latin forms case-insensitively on word boundaries only', () => {
    const text = '用好RCEP规则和rcep，QFLP试点；RCEPX与XQFLP不算';
    const ms = aligner.align(text);
    expect(ms.map((m) => m.form)).toEqual(['RCEP', 'rcep', 'QFLP']);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.form);
  });

  it('counts offsets in UTF-16 units around astral characters', () => {
    const text = '𠀀研发中心';
    expect(aligner.align(text)[0]).toMatchObject({ start: 2, end: 6, form: '研发中心' });
  });

  it('agrees with a brute-force search on random texts', () => {
    const forms = glossary.entries.flatMap((e) => [e.zh, ...e.variants.zh].map((form) => ({ id: e.id, form })));
    const pieces = [...forms.map((f) => f.form), '的', '和', '负面', '研发', 'x', '准入', '中心'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const expected = new Set<string>();
        for (const { id, form } of forms) {
          const lowerText = text.toLowerCase();
          for (let i = lowerText.indexOf(form.toLowerCase()); i !== -1; i = lowerText.indexOf(form.toLowerCase(), i + 1)) {
            const before = text[i - 1] ?? '';
            const after = text[i + form.length] ?? '';
            const latin = /[A-Za-z0-9]/;
            if (latin.test(form[0]!) && latin.test(before)) continue;
            if (latin.test(form.at(-1)!) && latin.test(after)) continue;
            expected.add(`${id}@${i}-${i + form.length}`);
          }
        }
        const got = brief(aligner.align(text));
        // Everything found is a real occurrence; everything missing is a same-entry nested form.
        for (const g of got) expect(expected.has(g)).toBe(true);
        const gotSet = new Set(got);
        for (const e of expected) {
          if (gotSet.has(e)) continue;
          const [id, range] = e.split('@') as [string, string];
          const [s, t] = range.split('-').map(Number) as [number, number];
          const cover = got.some((g) => {
            const [gid, gr] = g.split('@') as [string, string];
            const [gs, gt] = gr.split('-').map(Number) as [number, number];
            return gid === id && gs <= s && t <= gt;
          });
          expect(cover, e).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  // Counted, not timed (the time is a benchmark figure: `npm run bench:glossary`): the automaton's steps are its
  // trie lookups (Map get/has), counted here while aligning a text and the same text repeated twice.
  it('stays linear on long texts', () => {
    const sentence = '支持外商投资企业在华设立研发中心，落实利润再投资政策。';
    const steps = (text: string): { matches: number; lookups: number } => {
      const { get, has } = Map.prototype;
      let lookups = 0;
      Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
        lookups++;
        return get.call(this, key);
      };
      Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
        lookups++;
        return has.call(this, key);
      };
      try {
        return { matches: aligner.align(text).length, lookups };
      } finally {
        Map.prototype.get = get;
        Map.prototype.has = has;
      }
    };
    const once = steps(sentence.repeat(5_000));
    const twice = steps(sentence.repeat(10_000));
    expect(once.matches).toBe(5_000 * 3);
    expect(twice.matches).toBe(10_000 * 3);
    // At most a few lookups per character, and twice the text costs twice the steps (quadratic work would cost 4×).
    expect(once.lookups).toBeGreaterThanOrEqual(sentence.length * 5_000);
    expect(once.lookups).toBeLessThanOrEqual(4 * sentence.length * 5_000);
    expect(twice.lookups).toBeLessThanOrEqual(2 * once.lookups + 4 * sentence.length);
    // Long texts still align completely.
    expect(aligner.align(sentence.repeat(20_000))).toHaveLength(20_000 * 3);
  });
});

describe('align on the real glossary and corpus', () => {
  it("tags the national measures' item (十) with positions that slice back to each form", async () => {
    const { loadCorpus } = await import('../../indexer/corpus.ts');
    const { documents } = await loadCorpus('corpus');
    const real = (await loadGlossary('glossary/data')).glossary;
    const national = documents.find((d) => d.meta.id === 'national-2022-fdi-manufacturing')!;
    const clause = national.clauses.find((c) => c.path.zh === '二、（十）')!;
    const ms = createAligner(real).align(clause.text);
    for (const m of ms) {
      expect(clause.text.slice(m.start, m.end)).toBe(m.form);
      const e = real.byId.get(m.entryId)!;
      expect([e.zh, ...e.variants.zh]).toContain(m.form);
    }
    expect(ms.map((m) => m.start)).toEqual([...ms.map((m) => m.start)].sort((a, b) => a - b));
    const byZh = (zh: string) => ms.filter((m) => real.byId.get(m.entryId)!.zh === zh);
    expect(byZh('利润再投资').map((m) => m.start)).toEqual([
      clause.text.indexOf('利润再投资'),
      clause.text.indexOf('利润再投资', clause.text.indexOf('利润再投资') + 1),
      clause.text.indexOf('境内再投资'),
    ]);
    const tax = byZh('预提所得税');
    expect(tax.length).toBeGreaterThan(0);
    expect(tax.some((m) => m.form === '预提所得税' && m.start === clause.text.indexOf('预提所得税'))).toBe(true);
    // 暂不征收预提所得税 (its own entry) contains 预提所得税: both entries are reported.
    const outer = byZh('暂不征收预提所得税');
    expect(outer.map((m) => m.start)).toEqual([clause.text.indexOf('暂不征收预提所得税')]);
    expect(outer[0]!.start).toBeLessThan(tax[0]!.start);
    expect(outer[0]!.end).toBe(tax[0]!.end);
  });
});
