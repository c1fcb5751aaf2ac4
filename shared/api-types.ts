// The HTTP API's response types, derived from the zod schemas of shared/contract (kept for existing importers).
export type { ClauseTranslationView, DocumentTranslationView } from './contract/common.ts';
export type { ClauseView, DocSummary, DocumentListResponse, DocumentResponse, ClauseResponse, DocumentView } from './contract/documents.ts';
export type { ErrorBody, ErrorCode } from './contract/errors.ts';
export type { ConcordanceLineView, DocumentTermCount, GlossaryEntryResponse, GlossaryEntryView, GlossaryListResponse } from './contract/glossary.ts';
export type { HealthResponse } from './contract/health.ts';
export type { ReindexResponse } from './contract/admin.ts';
export type { Expansion, FacetValue, HitTerm, QueryInterpretation, QueryLang, SearchFacets, SearchHit, SearchResponse } from './contract/search.ts';
export type { MatchRange, PathSegment, TextExcerpt } from './structure.ts';
