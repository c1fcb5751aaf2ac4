// The documents of the live index, held in memory: they label facets, decorate hits and tell which
// filter values exist (an unknown filter value is a 400, never an engine error).
import type { Meilisearch } from 'meilisearch';
import { meiliErrorCode } from '../../engine/client.ts';
import type { IndexedDocument, IndexNames, IndexState, LexiconEntry } from '../../indexer/search-documents.ts';
import type { Bilingual } from '../../indexer/types.ts';
import { buildLexicon, EMPTY_LEXICON, type Lexicon } from '../query/lexicon.ts';
import type { PlannerDeps } from '../query/plan.ts';
import type { DocSummary } from '../../shared/api-types.ts';
import { dayNumber, documentStatus, validityFacts } from '../../indexer/validity.ts';

export interface Catalog {
  contentHash: string;
  documents: IndexedDocument[];
  byId: Map<string, IndexedDocument>;
  /** Region keyed by every accepted spelling (lower-cased): `江西省`, `江西`, `jiangxi province`, `jiangxi`. */
  regionByName: Map<string, Bilingual>;
  years: Set<number>;
  /** English → Chinese through the dictionary glosses of the corpus's words. */
  lexicon: Lexicon;
  /** Share of clauses containing an English search stem, for all but the rarest (below 0.01: 0). */
  stemShare(stem: string): number;
  /** Share of clauses tagged with a glossary entry, for all but the rarest (below 0.01: 0). */
  termShare(entryId: string): number;
}

const REGION_SUFFIXES_ZH = ['壮族自治区', '自治区', '省', '市', '区'];
const REGION_SUFFIXES_EN = [' province', ' municipality', ' district', ' city'];

function stripSuffix(name: string, suffixes: string[]): string {
  const suffix = suffixes.find((s) => name.endsWith(s) && name.length > s.length);
  return suffix ? name.slice(0, -suffix.length) : name;
}

function regionNames(region: Bilingual): string[] {
  const zh = region.zh;
  const en = region.en.toLowerCase();
  // "Changshou District, Chongqing" is also looked for as "Changshou".
  const head = en.split(',')[0]!.trim();
  const names = [zh, stripSuffix(zh, REGION_SUFFIXES_ZH), en, stripSuffix(en, REGION_SUFFIXES_EN), head, stripSuffix(head, REGION_SUFFIXES_EN)];
  return [...new Set(names.map((n) => n.toLowerCase()))].filter((n) => n.length > 0);
}

export function buildCatalog(
  documents: IndexedDocument[],
  state: Pick<IndexState, 'contentHash' | 'commonStems' | 'commonTerms'>,
  lexicon: Lexicon = EMPTY_LEXICON,
): Catalog {
  const { contentHash } = state;
  const common = new Map(Object.entries(state.commonStems ?? {}));
  const commonTerms = new Map(Object.entries(state.commonTerms ?? {}));
  const regionByName = new Map<string, Bilingual>();
  for (const doc of documents) for (const name of regionNames(doc.region)) regionByName.set(name, doc.region);
  return {
    contentHash,
    documents: [...documents].sort((a, b) => a.id.localeCompare(b.id)),
    byId: new Map(documents.map((d) => [d.id, d])),
    regionByName,
    years: new Set(documents.map((d) => d.year).filter((y): y is number => y !== null)),
    lexicon,
    stemShare: (stem) => common.get(stem) ?? 0,
    termShare: (id) => commonTerms.get(id) ?? 0,
  };
}

/** Reads every document through search, which the search-only key is allowed to do. */
export async function fetchCatalog(client: Meilisearch, names: IndexNames, state: IndexState): Promise<Catalog> {
  const documents: IndexedDocument[] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await client.index<IndexedDocument>(names.documents).search('', { limit: pageSize, offset, sort: ['id:asc'] });
    documents.push(...page.hits);
    if (page.hits.length < pageSize) break;
  }
  return buildCatalog(documents, state, buildLexicon(await fetchLexicon(client, names)));
}

async function fetchLexicon(client: Meilisearch, names: IndexNames): Promise<LexiconEntry[]> {
  const entries: LexiconEntry[] = [];
  const pageSize = 10_000;
  try {
    for (let offset = 0; ; offset += pageSize) {
      const page = await client.index<LexiconEntry>(names.lexicon).search('', { limit: pageSize, offset, sort: ['id:asc'] });
      entries.push(...page.hits);
      if (page.hits.length < pageSize) break;
    }
  } catch (error) {
    // An index built before the lexicon existed: English search works without the dictionary until the next build.
    if (meiliErrorCode(error) !== 'index_not_found') throw error;
  }
  return entries;
}

/** A document beside a hit; `today` (YYYYMMDD) decides its status, so the status is never stale. */
export function docSummary(doc: IndexedDocument, today: number = dayNumber(new Date())): DocSummary {
  return {
    id: doc.id,
    title: doc.title,
    region: doc.region,
    level: doc.level,
    date: doc.date ?? null,
    docNumber: doc.docNumber ?? null,
    status: documentStatus(validityFacts(doc), today),
    validity: {
      editorial: doc.status,
      from: doc.validFrom ?? null,
      until: doc.validUntil ?? null,
      supersededBy: doc.supersededBy ?? null,
      supersedes: doc.supersedes ?? [],
      note: doc.validityNote ?? null,
    },
    translation: doc.translation ?? null,
  };
}

/** The planner's dependencies that come from the live index (the glossary and jieba supply the rest). */
export function catalogPlannerDeps(catalog: Catalog): Pick<PlannerDeps, 'lexicon' | 'stemShare' | 'termShare' | 'findRegion'> {
  return {
    lexicon: catalog.lexicon,
    stemShare: catalog.stemShare,
    termShare: catalog.termShare,
    findRegion: (name) => catalog.regionByName.get(name.trim().toLowerCase()),
  };
}
