// Every fixed budget of the service in one place: how much work one request may cause, how much the engine is
// asked to do at once, how long sockets may be held, how much is logged, and how large corpus files may be.
// docs/operations.md ("Budgets") lists the same numbers; change both together.

/** What one API request may cost the engine, whatever its query. */
export const REQUEST_BUDGET = {
  /** Characters of `q`: enough for a long Chinese sentence or a few English phrases. */
  queryChars: 200,
  /**
   * Glossary concepts one query is expanded into (English or pinyin matches, in query order). A query naming
   * more is searched for the first eight: beyond that, requiring clauses to carry "one of them" finds
   * nearly everything anyway, and each concept adds its Chinese forms as engine queries.
   */
  concepts: 8,
  /**
   * Engine queries behind one search (the federated alternatives: every Chinese form of every concept, or every
   * variant swap of a Chinese query). One federated search costs the engine about one query each; 16 keeps
   * the worst search within ~3× an ordinary one on two cores (a 197-character query of abbreviations was 76).
   */
  engineQueries: 16,
  /**
   * Engine requests behind one search, each holding at most `engineQueries` queries: the every-word pass, the
   * most-words pass after it (and, past the first page, the ids of the every-word clauses to leave out), and one
   * check of which named glossary terms no clause carries when the every-word pass found nothing.
   */
  engineCalls: 4,
  /**
   * A search with more engine queries than this, or a concordance, goes to the engine gate's lane for expensive
   * requests (ENGINE_LIMITS.heavyConcurrency). Chinese searches send one to four; an English question sends its
   * words (twice), the dictionary's Chinese and each concept's forms: the public evaluation's 97 queries send at
   * most nine (19 of them more than six). A phrase is one query plus its bounded candidate window.
   */
  heavyQueries: 10,
  /**
   * Candidates a quoted phrase is checked in (the engine's best matches of its words, then exact containment).
   * Each candidate is a whole clause sent back by the engine, so this bounds bytes and CPU per phrase search;
   * `total` of a phrase search counts exact matches among these.
   */
  phraseCandidates: 300,
  /**
   * Clauses one glossary entry's concordance lists (GET /api/glossary/:id): one engine page. The per-document
   * counts beside it are exact, from one facet query, however common the term.
   */
  concordanceClauses: 500,
  /**
   * Clauses of one document (GET /api/documents/:id): all the index lets one filter reach (maxTotalHits). The
   * Civil Code has 1,260 articles; five engine pages at most.
   */
  documentClauses: 5000,
  /**
   * Deepest `offset` of a search (50 pages of 20). Deeper pages of a ranked list are never read; a narrower
   * query or a filter is the way there. Below the index's maxTotalHits, so every page is reachable.
   */
  maxOffset: 1000,
} as const;

/**
 * Caches of search answers and facet counts (server/search/cache.ts), per server process. A first page of ten
 * hits is ~30 KB in memory: the default holds about 2,000 of them. SEARCH_CACHE_MB overrides the size (0: off).
 */
export const SEARCH_CACHE = {
  defaultBytes: 64 * 1024 * 1024,
  /** Share of the bytes kept for facet counts (small: ~2 KB per query and filters). */
  facetShare: 0.125,
  /** Entries per cache, whatever their size. */
  maxEntries: 10_000,
} as const;

/** Settings of the clause index that the request budget depends on, and what one build may compute. */
/** What the translators' endpoints (concordance pairs, glossary export) may cost; docs/operations.md lists them too. */
export const TRANSLATOR_LIMITS = {
  /**
   * Clauses one bilingual concordance reads (one engine page): each is aligned sentence by sentence, ~0.1 ms for
   * a clause of the seed corpus. Beyond it the answer says `truncated`; a document or region filter narrows it.
   */
  concordanceClauses: 500,
  /** Pairs one JSON page of a concordance returns; CSV returns all of them. */
  concordancePage: 500,
  /** Characters of a free concordance query (`GET /api/concordance?q=`). */
  concordanceQueryChars: 100,
  /** Characters of the `q` filter of the glossary export. */
  exportQueryChars: 100,
  /**
   * Clauses the candidate-term list (GET /api/glossary/candidates) is computed from, in corpus order: the seed
   * corpus (233 clauses) takes ~1.3 s once per index version (jieba tagging and TF-IDF in-process); beyond this the
   * answer says `truncated`.
   */
  candidateClauses: 20_000,
  /** Candidates kept per index version (the rest are never shown), and per JSON page. */
  candidates: 500,
  candidatePage: 200,
} as const;

export const INDEX_LIMITS = {
  /** Hits one engine query can reach: REQUEST_BUDGET.documentClauses pages through all of them. */
  maxTotalHits: REQUEST_BUDGET.documentClauses,
  /**
   * Related clauses across documents are computed for corpora up to this many clauses: 29,191 clauses (the
   * archive's 行政法规) take ~35 s; the whole law archive (168,773) 869 s and 3.3 GB. A larger build leaves them out
   * and says so (docs/benchmarks.md "Related clauses").
   */
  relatedClauses: 30_000,
} as const;

/** Concurrency control in front of the engine, shared by every route of one server process. */
export const ENGINE_LIMITS = {
  /**
   * Requests doing engine work at once. Meilisearch searches on as many threads as it has cores (two here);
   * a few more in flight keep it busy while this process shapes answers, more only lengthen its own queue.
   */
  concurrency: 8,
  /** Requests waiting for a slot: about four rounds of ordinary searches (~50 ms); the rest get 503 at once. */
  queue: 32,
  /** A request waits at most this long for a slot (then 503 `overloaded`), so queued clients are never held for long. */
  queueWaitMs: 1000,
  /**
   * Expensive requests (see REQUEST_BUDGET.heavyQueries) at the engine at once, in a lane of their own: one costs
   * ~100-200 ms of engine time, so one at a time keeps at least one of the two cores for ordinary searches.
   */
  heavyConcurrency: 1,
  /** Expensive requests waiting for their slot; more are refused at once. */
  heavyQueue: 8,
  /** `Retry-After` (seconds) of a 503 `overloaded`: the queue drains in well under a second. */
  retryAfterSeconds: 1,
} as const;

/** Rebuilding after a failed start-up build, while the last good index (if any) is served. */
export const BUILD_RETRY = {
  /**
   * Longest wait between two attempts; the first waits one refresh period (5 s) and each failure doubles it. Every
   * attempt re-reads the whole corpus, so a deterministic failure must not repeat every few seconds.
   */
  maxDelayMs: 5 * 60_000,
} as const;

/** Socket limits of the HTTP server. */
export const HTTP_LIMITS = {
  /** JSON request bodies (the admin route's `{"force": true}` is a few bytes). */
  jsonBody: '16kb',
  /** A whole request must arrive within this. */
  requestTimeoutMs: 30_000,
  /** Its headers within this (slow-header clients hold a socket each). */
  headersTimeoutMs: 15_000,
  /**
   * How often Node checks the two timeouts above; its default, 30 s, let a 15 s header timeout fire after up
   * to 45 s (31 s measured).
   */
  connectionsCheckingIntervalMs: 1000,
  /** Admin requests per client address per minute, counted before the token is checked (guessing costs time). */
  adminRequestsPerMinute: 20,
} as const;

/** Log volume per request. */
export const LOG_LIMITS = {
  /** Characters of the URL in a request line (URLs reach 16 KB; the path and first parameters identify a request). */
  urlChars: 512,
  /**
   * The size a request's log line stays under (the URL above, method, status, ids, latency; a 5xx adds its error
   * with stack). Asserted by the fuzz suite.
   */
  bytesPerRequest: 2048,
} as const;

/** Corpus files, checked before they are parsed. */
export const CORPUS_LIMITS = {
  /** meta.yaml: a real one is under 2 KB. */
  metaBytes: 64 * 1024,
  /**
   * YAML aliases expanded per file (nodes reached through `*alias`): a meta.yaml needs none; nine nested
   * anchors referencing each other nine times expand to 387 million nodes.
   */
  yamlAliasNodes: 100,
  /** A source text: the longest law is ~1 MB; a stray binary or dump is refused before it is decoded. */
  sourceBytes: 32 * 1024 * 1024,
  /** translation.en.yaml: the longest seed translation is ~40 KB; a law's English would be a few hundred KB. */
  translationBytes: 4 * 1024 * 1024,
} as const;

/** Documents brought in by `corpus add` or POST /api/admin/documents. */
export const IMPORT_LIMITS = {
  /**
   * An uploaded or added file: a 200-page text PDF with embedded CJK fonts is ~5 MB, a Word file far less; scans
   * (which are refused anyway) are what is larger.
   */
  fileBytes: 20 * 1024 * 1024,
  /** Multipart fields besides the file (`id`): a slug. */
  fieldBytes: 200,
} as const;

/** GET /api/feed: one search, its best matches re-ordered newest document first. */
export const FEED_LIMITS = {
  /** Best matches the entries are chosen from (one engine page), before ordering by document date. */
  candidates: 100,
  /** Entries per feed by default, and at most (feed readers poll often: keep each answer small). */
  defaultEntries: 20,
  maxEntries: 50,
} as const;
