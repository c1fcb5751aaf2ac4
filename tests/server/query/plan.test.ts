// planQuery, pure, on the real glossary: the server's own planner deps (jieba with the glossary's user dictionary,
// the glossary lookup, the English word list) built as the runtime builds them. The index-derived parts (lexicon,
// stem and term shares) are those of an index that knows nothing, unless a test says otherwise; English planning
// with a lexicon is in plan-english.test.ts, the same plans end to end in tests/server/routes/search.test.ts.
import { describe, expect, it } from 'vitest';
import { createLookup } from '../../../glossary/lookup.ts';
import type { GlossaryEntry } from '../../../glossary/types.ts';
import { CHINESE_SEARCH_FIELDS, ENGLISH_SEARCH_FIELDS } from '../../../indexer/settings.ts';
import { DEFAULT_GLOSSARY, loadEnricher } from '../../../indexer/pipeline.ts';
import { REQUEST_BUDGET } from '../../../shared/limits.ts';
import { budgetPlan, isHeavyPlan } from '../../../server/query/budget.ts';
import { buildLexicon } from '../../../server/query/lexicon.ts';
import { detectLang, planQuery, type EngineQuery, type PlannerDeps, type QueryPlan } from '../../../server/query/plan.ts';
import { plannerDeps } from '../../../server/runtime.ts';

const { enricher } = await loadEnricher(DEFAULT_GLOSSARY);
const { glossary } = enricher;
const real = plannerDeps(enricher, createLookup(glossary));
const deps = (over: Partial<PlannerDeps> = {}): PlannerDeps => ({
  ...real,
  lexicon: buildLexicon([]),
  stemShare: () => 0,
  termShare: () => 0,
  findRegion: () => undefined,
  ...over,
});
const plan = (q: string, lang: 'zh' | 'en' | 'auto' = 'auto', over: Partial<PlannerDeps> = {}) => planQuery(q, lang, deps(over));
const entry = (id: string): GlossaryEntry => glossary.byId.get(id)!;
const zhForms = (e: GlossaryEntry) => [e.zh, ...e.variants.zh];
const cmn = (p: QueryPlan) => p.queries.filter((q) => q.locales[0] === 'cmn');
const eng = (p: QueryPlan) => p.queries.filter((q) => q.locales[0] === 'eng');
const zhQuery = (q: string): EngineQuery => ({ q, attributesToSearchOn: [...CHINESE_SEARCH_FIELDS], matchingStrategy: 'all', locales: ['cmn'] });

describe('language', () => {
  it('is decided by script: any Han character makes a query Chinese', () => {
    expect(detectLang('负面清单')).toBe('zh');
    expect(detectLang('RCEP 原产地规则')).toBe('zh');
    expect(detectLang('RCEP rules of origin')).toBe('en');
    expect(detectLang('')).toBe('en');
  });

  it('honours an explicit lang over the script', () => {
    expect(plan('RCEP', 'zh')).toMatchObject({ lang: 'zh', mode: 'chinese' });
    expect(plan('RCEP', 'auto')).toMatchObject({ lang: 'en', mode: 'english' });
  });
});

describe('Chinese queries', () => {
  it('searches the jieba tokens of the query, all required, in the Chinese fields with the Chinese tokenizer', () => {
    const p = plan('外商投资 研发中心');
    expect(p.mode).toBe('chinese');
    expect(real.cut('外商投资 研发中心')).toEqual(['外商投资', '研发中心']);
    expect(p.strict[0]).toEqual(zhQuery('外商投资 研发中心'));
    // When no clause has them all, as many as the engine can keep (dropping the last ones first).
    expect(p.queries[0]).toEqual({ ...zhQuery('外商投资 研发中心'), matchingStrategy: 'last' });
    expect(p.interpretation).toEqual({
      words: [],
      ignored: [],
      corrections: [],
      dictionary: [],
      excluded: [],
      alternatives: [],
      relaxed: false,
      allWords: null,
      unmatched: [],
      absentTerms: [],
    });
    expect(p.termIds).toEqual([]);
    expect(p.refs).toEqual([]);
  });

  it('adds an alternative for every other Chinese form of each glossary term, and names the terms', () => {
    const p = plan('外商投资 研发中心');
    const rd = entry('rd-center');
    expect(p.expansions).toEqual([
      { entryId: 'foreign-investment', zh: entry('foreign-investment').zh, en: entry('foreign-investment').en },
      { entryId: 'rd-center', zh: rd.zh, en: rd.en },
    ]);
    const swapped = rd.variants.zh.map((v) => zhQuery(`外商投资 ${v}`));
    expect(swapped.length).toBeGreaterThan(0);
    expect(p.strict).toEqual([zhQuery('外商投资 研发中心'), ...swapped]);
    // Every form of every term is marked in the Chinese, and its English renderings in the translation.
    expect(p.highlightTerms).toEqual(expect.arrayContaining(['外商投资', ...zhForms(rd)]));
    expect(p.englishMarks.phrases).toEqual(expect.arrayContaining([rd.en, ...rd.variants.en]));
    expect(p.englishMarks.stems).toEqual([]);
  });

  it('keeps every glossary form one token (the user dictionary), so each is swapped whole', () => {
    const many = glossary.entries.filter((e) => e.variants.zh.length >= 2 && real.cut(e.zh).join('|') === e.zh.toLowerCase());
    expect(many.length).toBeGreaterThan(3);
    for (const e of many) {
      const p = plan(e.zh);
      expect(
        p.expansions.map((x) => x.entryId),
        e.zh,
      ).toContain(e.id);
      for (const form of zhForms(e))
        expect(
          p.queries.map((q) => q.q),
          e.zh,
        ).toContain(form);
    }
  });

  it('plans no engine query for punctuation only, in either language', () => {
    // Full-width punctuation is not Han: auto takes it for English.
    expect(plan('，。！')).toMatchObject({ lang: 'en', queries: [], expansions: [] });
    expect(plan('，。！', 'zh')).toMatchObject({ mode: 'chinese', queries: [], highlightTerms: [] });
  });
});

describe('quoted phrases', () => {
  it('are required verbatim in the Chinese text and searched as words besides the rest', () => {
    const p = plan('"负面清单" 江西');
    expect(p.mode).toBe('chinese');
    expect(p.phrases).toEqual(['负面清单']);
    expect(p.strict[0]).toEqual(zhQuery('负面清单 江西'));
    // 江西 is a glossary term: its other forms are alternatives, the phrase stays.
    for (const q of [...p.strict, ...p.queries]) expect(q.q.startsWith('负面清单 ')).toBe(true);
    expect(p.expansions.map((e) => e.entryId)).toEqual(['negative-list', 'jiangxi']);
    expect(p.highlightTerms).toEqual(expect.arrayContaining(['负面清单', '江西']));
  });

  it('cannot occur verbatim in Chinese when English: its words and concepts are searched instead', () => {
    const p = plan('"negative list"');
    expect(p.mode).toBe('english');
    expect(p.phrases).toEqual([]);
    expect(p.expansions.map((e) => e.entryId)).toEqual(['negative-list']);
    expect(cmn(p).map((q) => q.q)).toContain('负面清单');
    expect(eng(p)).toHaveLength(1);
  });

  it('with nothing inside searches nothing', () => {
    expect(plan('""')).toMatchObject({ queries: [], phrases: [], highlightTerms: [] });
    expect(plan('"" 负面清单')).toMatchObject({ mode: 'chinese', phrases: [], queries: [zhQuery('负面清单')] });
  });
});

describe('document numbers', () => {
  it('alone: a browse filtered by the number, nothing searched or marked', () => {
    const p = plan('1586号');
    expect(p).toMatchObject({ mode: 'browse', refs: ['1586号'], queries: [], highlightTerms: [], expansions: [] });
  });

  it('in full, any brackets: the canonical year and serial, and the rest of the query searched', () => {
    const p = plan('发改外资〔2022〕1586号 制造业');
    expect(p.refs).toEqual(['〔2022〕1586号']);
    expect(plan('发改外资[2022]1586号 制造业').refs).toEqual(['〔2022〕1586号']);
    expect(p.mode).toBe('chinese');
    expect(p.queries.map((q) => q.q)).toEqual(['制造业']);
    expect(p.query).toBe('发改外资〔2022〕1586号 制造业');
  });
});

describe('English and pinyin on the real glossary', () => {
  it('finds a concept by its English name and searches its Chinese forms after the words', () => {
    const p = plan('RCEP');
    expect(p.expansions.map((e) => e.entryId)).toEqual(['rcep']);
    expect(p.queries[0]).toMatchObject({
      q: 'rcep',
      attributesToSearchOn: [...ENGLISH_SEARCH_FIELDS],
      matchingStrategy: 'frequency',
      locales: ['eng'],
      weight: 1,
    });
    expect(cmn(p).map((q) => q.q)).toEqual(zhForms(entry('rcep')));
    expect(cmn(p).every((q) => q.weight !== undefined && q.weight < 1)).toBe(true);
  });

  it('finds a concept by pinyin', () => {
    const p = plan('fumian qingdan');
    expect(p.expansions.map((e) => e.entryId)).toEqual(['negative-list']);
    expect(cmn(p).map((q) => q.q)).toContain('负面清单');
  });

  it('leaves out a concept on most clauses, still naming it', () => {
    const p = plan('RCEP', 'auto', { termShare: (id) => (id === 'rcep' ? 0.9 : 0) });
    expect(p.expansions.map((e) => e.entryId)).toEqual(['rcep']);
    expect(cmn(p)).toEqual([]);
  });

  it('searches a concept together with another before each alone', () => {
    const p = plan('negative list RCEP');
    const concepts = cmn(p).map((q) => q.q);
    expect(p.expansions.map((e) => e.entryId).sort()).toEqual(['negative-list', 'rcep']);
    expect(concepts[0]!.split(' ').sort()).toEqual(['负面清单', entry('rcep').zh].sort());
  });
});

describe('budgets', () => {
  // Chinese: every token a glossary term with variants, so the alternatives outnumber the budget.
  const dense = glossary.entries.filter((e) => e.variants.zh.length >= 2 && real.cut(e.zh).join('|') === e.zh.toLowerCase()).slice(0, 8);

  it('caps a Chinese plan at REQUEST_BUDGET.engineQueries, keeping the query as typed first', () => {
    const q = dense.map((e) => e.zh).join(' ');
    const full = plan(q);
    expect(full.queries.length).toBeGreaterThan(REQUEST_BUDGET.engineQueries);
    const cut = budgetPlan(full);
    expect(cut.queries).toHaveLength(REQUEST_BUDGET.engineQueries);
    expect(cut.queries[0]).toEqual(full.queries[0]);
    expect(cut.expansions).toEqual(full.expansions);
    expect(budgetPlan(plan('外商投资'))).toEqual(plan('外商投资'));
  });

  it("cuts an English plan's concept variants first: every concept keeps its preferred form", () => {
    const named = ['rcep', 'negative-list', 'qualified-foreign-limited-partner'].map(entry);
    const full = plan(named.map((e) => e.en).join(' and '));
    expect(full.expansions.map((e) => e.entryId).sort()).toEqual(named.map((e) => e.id).sort());
    // The words, the concepts together, then one preferred form per concept: the smallest budget keeping them all.
    const together = full.queries.findIndex((q) => q.locales[0] === 'cmn');
    const budget = together + 1 + named.length;
    const cut = budgetPlan(full, budget);
    expect(cut.queries).toHaveLength(budget);
    expect(cut.queries.slice(0, together)).toEqual(eng(full));
    const alone = cut.queries.slice(together + 1).map((q) => q.q);
    expect(alone.sort()).toEqual(full.expansions.map((e) => e.zh).sort());
  });

  it('names at most REQUEST_BUDGET.concepts concepts and marks a long one heavy', () => {
    const p = plan(
      glossary.entries
        .slice(0, 80)
        .map((e) => e.en)
        .join(' '),
    );
    expect(p.expansions.length).toBe(REQUEST_BUDGET.concepts);
    expect(isHeavyPlan(p)).toBe(true);
    expect(budgetPlan(p).queries.length).toBeLessThanOrEqual(REQUEST_BUDGET.engineQueries);
    expect(isHeavyPlan(plan('negative list'))).toBe(false);
  });
});
