// What the two concordance operations share: reading the clauses from the index (bounded), building the sentence
// pairs (translator/bilingual.ts), filtering, sorting, counting and the CSV form.
import { stringify } from 'csv-stringify/sync';
import { searchStems } from '../../glossary/english.ts';
import type { GlossaryEntry } from '../../glossary/types.ts';
import type { IndexedClause } from '../../indexer/search-documents.ts';
import type { ConcordancePairView, ConcordanceResponse, EntryConcordanceQuery } from '../../shared/contract/concordance.ts';
import { TRANSLATOR_LIMITS } from '../../shared/limits.ts';
import {
  bilingualPairs,
  countsByRendering,
  englishPairs,
  renderingCounts,
  sortPairs,
  termAnchors,
  type BilingualPair,
  type ContextSort,
} from '../../translator/bilingual.ts';
import type { Span } from '../../translator/sentence-align.ts';
import { ApiError } from '../http/errors.ts';
import type { SearchContext } from '../search/execute.ts';
import { quote } from '../search/filters.ts';
import { pathSegments } from '../search/path-segments.ts';
import type { Glossary } from '../../glossary/types.ts';

const FIELDS = ['id', 'docId', 'path_zh', 'path_en', 'text', 'text_en', 'termSpans'] as const;
type ConcordanceClause = Pick<IndexedClause, (typeof FIELDS)[number]>;

export type Target = { kind: 'entry'; entry: GlossaryEntry } | { kind: 'zh'; text: string } | { kind: 'en'; text: string };

interface Filters {
  sort: ContextSort;
  doc?: string[] | undefined;
  region?: string[] | undefined;
}

/** Document ids the `doc` and `region` filters allow (null: no filter); unknown values are a 400, as for search. */
function allowedDocs(ctx: SearchContext, filters: Filters): string[] | null {
  let ids: string[] | null = null;
  if (filters.doc?.length) {
    for (const id of filters.doc) if (!ctx.catalog.byId.has(id)) throw ApiError.badParam('doc', 'unknown_value', { value: id });
    ids = [...new Set(filters.doc)];
  }
  if (filters.region?.length) {
    const regions = new Set<string>();
    for (const name of filters.region) {
      const region = ctx.catalog.regionByName.get(name.trim().toLowerCase());
      if (!region) throw ApiError.badParam('region', 'unknown_value', { value: name });
      regions.add(region.zh);
    }
    const inRegion = ctx.catalog.documents.filter((d) => regions.has(d.region.zh)).map((d) => d.id);
    ids = ids ? ids.filter((id) => inRegion.includes(id)) : inRegion;
  }
  return ids;
}

async function readClauses(ctx: SearchContext, target: Target, docs: string[] | null): Promise<{ clauses: ConcordanceClause[]; truncated: boolean }> {
  if (docs?.length === 0) return { clauses: [], truncated: false };
  const filters: string[] = [];
  if (docs) filters.push(`docId IN [${docs.map(quote).join(', ')}]`);
  const limit = TRANSLATOR_LIMITS.concordanceClauses;
  const base = { limit, attributesToRetrieve: [...FIELDS], sort: ['year:desc', 'ordinal:asc'] };
  const index = ctx.client.index<ConcordanceClause>(ctx.names.clauses);
  let res: Awaited<ReturnType<typeof index.search>>;
  if (target.kind === 'entry') {
    res = await index.search('', { ...base, filter: [`termIds = ${quote(target.entry.id)}`, ...filters].join(' AND ') });
  } else {
    // The engine narrows to clauses with every word (Chinese: the segmented text; English: the translation's
    // stems); the literal check below decides.
    const attributesToSearchOn = target.kind === 'zh' ? ['text_seg'] : ['text_en_stem'];
    const q = target.kind === 'zh' ? target.text : searchStems(target.text);
    res = await index.search(q, { ...base, filter: filters.length ? filters.join(' AND ') : undefined, attributesToSearchOn, matchingStrategy: 'all' });
  }
  const total = res.estimatedTotalHits ?? res.totalHits ?? res.hits.length;
  return { clauses: res.hits, truncated: total > res.hits.length };
}

function literal(text: string, needle: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) out.push({ start: i, end: i + needle.length });
  return out;
}

const range = (s: Span) => ({ start: s.start, length: s.end - s.start });

/** The whole concordance of `target` (every pair, sorted), before paging. */
export async function buildConcordance(
  ctx: SearchContext,
  glossary: Glossary,
  target: Target,
  filters: Filters,
): Promise<Omit<ConcordanceResponse, 'pairs'> & { all: ConcordancePairView[] }> {
  const docs = allowedDocs(ctx, filters);
  const { clauses, truncated } = await readClauses(ctx, target, docs);
  const renderingsOf = (id: string) => {
    const e = glossary.byId.get(id);
    return e && [e.en, ...e.variants.en];
  };
  let pairs: BilingualPair[];
  let renderings: ConcordanceResponse['renderings'];
  if (target.kind === 'en') {
    pairs = englishPairs(
      clauses.map((c) => ({ clauseId: c.id, docId: c.docId, path: { zh: c.path_zh, en: c.path_en }, text: c.text, textEn: c.text_en, terms: c.termSpans })),
      target.text,
      renderingsOf,
    );
    renderings = countsByRendering(pairs).map((r) => ({ ...r, preferred: false }));
  } else {
    const entry = target.kind === 'entry' ? target.entry : null;
    const needle = target.kind === 'zh' ? target.text : '';
    const forms = entry ? [entry.en, ...entry.variants.en] : [];
    pairs = bilingualPairs(
      clauses.map((c) => {
        const matches = entry ? c.termSpans.filter((s) => s.entryId === entry.id) : literal(c.text, needle);
        const others = c.text_en ? termAnchors(c.text_en, entry ? c.termSpans.filter((s) => s.entryId !== entry.id) : c.termSpans, renderingsOf) : [];
        return { clauseId: c.id, docId: c.docId, path: { zh: c.path_zh, en: c.path_en }, text: c.text, textEn: c.text_en, matches, anchors: others };
      }),
      forms,
    );
    renderings = entry
      ? renderingCounts(pairs, forms).map((r) => ({ ...r, preferred: r.rendering === entry.en }))
      : countsByRendering(pairs).map((r) => ({ ...r, preferred: false }));
  }
  const all = sortPairs(pairs, filters.sort).map((p): ConcordancePairView => {
    const doc = ctx.catalog.byId.get(p.docId);
    return {
      clauseId: p.clauseId,
      docId: p.docId,
      docTitle: doc?.title ?? null,
      region: doc?.region ?? null,
      path: p.path,
      pathSegments: pathSegments(p.path),
      zh: { text: p.zh.text, ranges: p.zh.ranges.map(range) },
      en: p.en && { text: p.en.text, ranges: p.en.ranges.map(range) },
      rendering: p.rendering,
      alignment: p.alignment,
      left: p.left,
      right: p.right,
    };
  });
  return {
    query: {
      entryId: target.kind === 'entry' ? target.entry.id : null,
      text: target.kind === 'entry' ? target.entry.zh : target.text,
      lang: target.kind === 'en' ? 'en' : 'zh',
    },
    renderings,
    total: all.length,
    truncated,
    unaligned: all.filter((p) => p.alignment.status !== 'aligned').length,
    all,
  };
}

/** A page of the concordance. */
export function page(c: Awaited<ReturnType<typeof buildConcordance>>, q: { limit: number; offset: number }): ConcordanceResponse {
  const { all, ...rest } = c;
  return { ...rest, pairs: all.slice(q.offset, q.offset + q.limit) };
}

const marked = (text: string, ranges: { start: number; length: number }[]): string => {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += `${text.slice(at, r.start)}【${text.slice(r.start, r.start + r.length)}】`;
    at = r.start + r.length;
  }
  return out + text.slice(at);
};

/** The concordance as CSV: one row a pair, the term and rendering in 【】 in the `*_marked` columns. */
export function concordanceCsv(pairs: readonly ConcordancePairView[]): string {
  return stringify(
    pairs.map((p) => ({
      doc: p.docId,
      path_zh: p.path.zh,
      path_en: p.path.en,
      zh: p.zh.text,
      en: p.en?.text ?? '',
      zh_marked: marked(p.zh.text, p.zh.ranges),
      en_marked: p.en ? marked(p.en.text, p.en.ranges) : '',
      rendering: p.rendering ?? '',
      alignment: p.alignment.status,
      reason: p.alignment.reason ?? '',
      clause: p.clauseId,
    })),
    { header: true, bom: false },
  );
}

export type { EntryConcordanceQuery };
