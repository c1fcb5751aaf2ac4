// GET /api/glossary and /api/glossary/:id (entry with its concordance)
import { Router } from 'express';
import { z } from 'zod';
import { CATEGORIES, type GlossaryEntry } from '../../glossary/types.ts';
import { detachedFromRequest } from '../../engine/client.ts';
import { ApiError } from '../http/errors.ts';
import { int, oneOf, parseQuery, scalar } from '../http/validate.ts';
import type { Runtime } from '../runtime.ts';
import { concordance, termOccurrences } from '../search/clauses.ts';
import type { SearchContext } from '../search/execute.ts';
import type { GlossaryEntryView } from '../../shared/api-types.ts';
import { engineWork, searchContext } from './context.ts';

const listSchema = z.object({
  q: scalar('q', { maxLength: 100 }).optional(),
  category: oneOf('category', CATEGORIES).optional(),
  limit: int('limit', { min: 1, max: 500 }).optional(),
  offset: int('offset', { min: 0, max: 100_000 }).optional(),
});

function entryView(e: GlossaryEntry, occurrences: Map<string, number>): GlossaryEntryView {
  return {
    id: e.id,
    zh: e.zh,
    en: e.en,
    variants: e.variants,
    pinyin: e.pinyin,
    pinyinTones: e.pinyinTones,
    category: e.category,
    note: e.note ?? null,
    source: e.source ?? null,
    occurrences: occurrences.get(e.id) ?? 0,
  };
}

export function glossaryRouter(runtime: Runtime): Router {
  const router = Router();
  const glossary = runtime.enricher.glossary;
  const { lookup } = runtime;
  const alphabetical = [...glossary.entries].sort((a, b) => a.category.localeCompare(b.category) || a.pinyin.localeCompare(b.pinyin));
  // Occurrence counts change only with the index: one count query per entry, sent together, once per index build.
  // Concurrent first requests share that one multi-search instead of each sending it; a failure is not kept.
  let counts: { hash: string; map: Promise<Map<string, number>> } | null = null;
  const occurrences = (ctx: SearchContext): Promise<Map<string, number>> => {
    if (counts?.hash !== ctx.catalog.contentHash) {
      const hash = ctx.catalog.contentHash;
      const map = detachedFromRequest(() => termOccurrences(ctx, glossary.entries.map((e) => e.id)));
      map.catch(() => {
        if (counts?.hash === hash) counts = null;
      });
      counts = { hash, map };
    }
    return counts.map;
  };

  router.get('/glossary', async (req, res) => {
    const params = parseQuery(listSchema, req);
    const q = params.q?.trim();
    let entries = q ? lookup.lookup(q, { limit: 100 }).map((r) => r.entry) : alphabetical;
    if (params.category) entries = entries.filter((e) => e.category === params.category);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? 50;
    const ctx = searchContext(runtime);
    const map = await engineWork(runtime, res, () => occurrences(ctx));
    res.json({ total: entries.length, entries: entries.slice(offset, offset + limit).map((e) => entryView(e, map)) });
  });

  router.get('/glossary/:id', async (req, res) => {
    parseQuery(z.object({}), req);
    const entry = glossary.byId.get(req.params.id);
    if (!entry) throw ApiError.notFound('entry');
    const ctx = searchContext(runtime);
    // A concordance fetches hundreds of clauses: the expensive requests' lane.
    const [lines, map] = await engineWork(runtime, res, () => Promise.all([concordance(ctx, entry.id), occurrences(ctx)]), 'heavy');
    const perDocument = new Map<string, number>();
    for (const l of lines) perDocument.set(l.docId, (perDocument.get(l.docId) ?? 0) + 1);
    res.json({
      entry: entryView(entry, map),
      concordance: lines,
      perDocument: [...perDocument].map(([docId, count]) => ({ docId, title: ctx.catalog.byId.get(docId)?.title ?? null, count })),
    });
  });
  return router;
}
