// English query planning, pure: what is searched for a query, before any engine is involved.
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../../glossary/load.ts';
import { createLookup } from '../../../glossary/lookup.ts';
import { englishWords } from '../../../server/query/english-words.ts';
import { buildLexicon } from '../../../server/query/lexicon.ts';
import { REQUEST_BUDGET } from '../../../shared/limits.ts';
import { budgetPlan } from '../../../server/query/budget.ts';
import { MAX_DICTIONARY_WORDS, planQuery, type PlannerDeps } from '../../../server/query/plan.ts';

const { glossary } = await loadGlossary('glossary/data');
const lookup = createLookup(glossary);
const SHARES: Record<string, number> = { foreign: 0.92, invest: 0.86, enterpr: 0.53, project: 0.44, manufactur: 0.26, fund: 0.2, land: 0.05, secur: 0.02 };
const deps = (over: Partial<PlannerDeps> = {}): PlannerDeps => ({
  cut: (t) => [t],
  findInEnglish: (q) => lookup.findInEnglish(q),
  findPinyin: (q) => lookup.findPinyin(q),
  entriesWithZh: () => [],
  isEnglishWord: (w) => englishWords().has(w),
  lexicon: buildLexicon([
    { id: 'w0', kind: 'zh', zh: '抽查', en: ['do a spot check'], clauses: 3 },
    { id: 'w1', kind: 'zh', zh: '债券', en: ['bond'], clauses: 2 },
    ...'low risk company face fewer spot check bond foreign funded manufacturing project land securing negative list'
      .split(' ')
      .map((word, i) => ({ id: `e${i}`, kind: 'en' as const, zh: '', en: [word], clauses: 1 })),
  ]),
  stemShare: (s) => SHARES[s] ?? 0,
  termShare: () => 0,
  findRegion: (name) => (name.toLowerCase() === 'jiangxi' ? { zh: '江西省', en: 'Jiangxi Province' } : undefined),
  ...over,
});

describe('planning an English query', () => {
  it('searches the words by stem, drops question words and says which', () => {
    const plan = planQuery('Will low-risk companies face fewer spot checks?', 'auto', deps());
    expect(plan.mode).toBe('english');
    expect(plan.interpretation.ignored).toEqual(expect.arrayContaining(['will']));
    expect(plan.queries[0]).toMatchObject({
      q: 'low risk compani face fewer spot check',
      attributesToSearchOn: expect.arrayContaining(['text_en_stem']),
      locales: ['eng'],
    });
  });

  it('never corrects a real English word to a glossary term: "taking part" is not "park"', () => {
    const plan = planQuery('foreign firms taking part in standard setting', 'auto', deps());
    expect(plan.expansions.map((e) => e.en)).not.toContain('park');
    expect(plan.interpretation.corrections).toEqual([]);
    expect(plan.termIds).toEqual([]);
  });

  it('corrects a word that is not English and says so', () => {
    const plan = planQuery('negativ list', 'auto', deps());
    expect(plan.expansions.map((e) => e.zh)).toEqual(['负面清单']);
    expect(plan.interpretation.corrections).toEqual([{ from: 'negativ list', to: 'negative list', entryId: 'negative-list' }]);
  });

  it('boosts clauses with a named concept without requiring it', () => {
    const plan = planQuery('negative list', 'auto', deps());
    expect(plan.termIds).toEqual([]);
    expect(plan.queries.some((q) => q.locales[0] === 'cmn' && q.q.includes('负面清单'))).toBe(true);
    expect(plan.queries.some((q) => q.locales[0] === 'eng')).toBe(true);
    expect(plan.englishMarks.phrases).toContain('negative list');
  });

  it('searches words no concept covers through the dictionary, only where no translation speaks', () => {
    const plan = planQuery('fewer spot checks and bonds', 'auto', deps());
    expect(plan.interpretation.dictionary).toEqual([
      { en: 'spot checks', zh: ['抽查'] },
      { en: 'bonds', zh: ['债券'] },
    ]);
    const dict = plan.queries.find((q) => q.filter === 'translation IS NULL');
    expect(dict?.q).toBe('抽查 债券');
    expect(plan.highlightTerms).toEqual(expect.arrayContaining(['抽查', '债券']));
  });

  it('leaves out words most clauses contain when the query has rarer ones, and tries it without its rarest word', () => {
    const plan = planQuery('securing land for foreign-funded manufacturing projects', 'auto', deps());
    const english = plan.queries.filter((q) => q.locales[0] === 'eng').map((q) => q.q);
    expect(english).toEqual(['secur land fund manufactur', 'land fund manufactur']);
    expect(plan.englishMarks.stems).toContain('foreign');
  });

  it('stays within its budget of engine queries however many concepts the query names', () => {
    const plan = budgetPlan(
      planQuery(
        glossary.entries
          .slice(0, 60)
          .map((e) => e.en)
          .join(' '),
        'auto',
        deps(),
      ),
    );
    expect(plan.queries.length).toBeLessThanOrEqual(REQUEST_BUDGET.engineQueries);
    expect(plan.queries.filter((q) => q.locales[0] === 'eng').length).toBeGreaterThan(0);
    expect(plan.expansions.length).toBeLessThanOrEqual(REQUEST_BUDGET.concepts);
    const dict = plan.queries.find((q) => q.filter)?.q.split(' ') ?? [];
    expect(dict.length).toBeLessThanOrEqual(MAX_DICTIONARY_WORDS);
  });

  it("marks a Chinese query's concepts in the English too", () => {
    const negative = glossary.byId.get('negative-list')!;
    const plan = planQuery('负面清单', 'auto', deps({ cut: () => ['负面清单'], entriesWithZh: (f) => (f === '负面清单' ? [negative] : []) }));
    expect(plan.mode).toBe('chinese');
    expect(plan.englishMarks.phrases).toContain('negative list');
  });
});

describe('the query language', () => {
  it('requires every word first, a named region as where to look, and keeps the relaxed alternatives', () => {
    const plan = planQuery('negative list Jiangxi', 'auto', deps());
    expect(plan.strict.length).toBeGreaterThan(0);
    for (const q of plan.strict) expect(q.regions).toEqual(['江西省']);
    const english = plan.strict.find((q) => q.locales[0] === 'eng')!;
    expect(english).toMatchObject({ matchingStrategy: 'all', q: 'neg list' });
    // Relaxed: no region restriction, the rarest words required.
    expect(plan.queries.every((q) => q.regions === undefined)).toBe(true);
    expect(plan.queries[0]!.matchingStrategy).toBe('frequency');
  });

  it('has no strict pass for one word, which relaxing could not change', () => {
    expect(planQuery('bond', 'auto', deps()).strict).toEqual([]);
  });

  it('excludes a region by filter, a glossary term by tag and other words by their stems', () => {
    const plan = planQuery('land -Jiangxi -"negative list" -bonds', 'auto', deps());
    expect(plan.interpretation.excluded).toEqual(['Jiangxi', 'negative list', 'bonds']);
    expect(plan.exclude).toEqual({ regions: ['江西省'], termIds: ['negative-list'] });
    for (const q of [...plan.strict, ...plan.queries]) expect(q.q).toMatch(/ -bond$/);
    expect(plan.highlightTerms).not.toContain('负面清单');
  });

  it('merges the parts of an OR query, each part keeping its best alternative within the budget', () => {
    const plan = budgetPlan(planQuery('fewer spot checks OR bonds', 'auto', deps()), 2);
    expect(plan.interpretation.alternatives).toEqual(['fewer spot checks', 'bonds']);
    expect(plan.queries.map((q) => q.q)).toEqual([expect.stringContaining('spot'), 'bond']);
  });

  it('searches as typed with verbatim: no correction to a glossary term', () => {
    expect(planQuery('negativ list', 'auto', deps()).interpretation.corrections).not.toEqual([]);
    const typed = planQuery('negativ list', 'auto', deps(), { verbatim: true });
    expect(typed.interpretation.corrections).toEqual([]);
    expect(typed.expansions).toEqual([]);
  });
});
