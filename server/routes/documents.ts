// GET /api/documents, /api/documents/:id and /api/clauses/:id
import { Router } from 'express';
import { z } from 'zod';
import type { IndexedDocument } from '../../indexer/search-documents.ts';
import { ApiError } from '../http/errors.ts';
import { parseQuery } from '../http/validate.ts';
import type { Runtime } from '../runtime.ts';
import { docSummary } from '../search/catalog.ts';
import { clauseById, clauseView, documentClauses } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';

// Ids are slugs we generate; anything else cannot exist, and is never sent to the engine.
const ID = /^[A-Za-z0-9_-]{1,200}$/;

function documentView(doc: IndexedDocument) {
  return { ...docSummary(doc), issuer: doc.issuer, source: doc.source ?? null, clauseCount: doc.clauseCount };
}

const noParams = z.object({});

export function documentsRouter(runtime: Runtime): Router {
  const router = Router();
  const glossary = runtime.enricher.glossary;

  router.get('/documents', (req, res) => {
    parseQuery(noParams, req);
    const { catalog } = searchContext(runtime);
    res.json({ documents: catalog.documents.map(documentView) });
  });

  router.get('/documents/:id', async (req, res) => {
    parseQuery(noParams, req);
    const ctx = searchContext(runtime);
    const doc = ID.test(req.params.id) ? ctx.catalog.byId.get(req.params.id) : undefined;
    if (!doc) throw ApiError.notFound('document');
    const clauses = await engineWork(runtime, res, () => documentClauses(ctx, doc.id));
    res.json({ document: documentView(doc), clauses: clauses.map((c) => clauseView(c, glossary)) });
  });

  router.get('/clauses/:id', async (req, res) => {
    parseQuery(noParams, req);
    const ctx = searchContext(runtime);
    const clause = ID.test(req.params.id) ? await engineWork(runtime, res, () => clauseById(ctx, req.params.id)) : null;
    const doc = clause ? ctx.catalog.byId.get(clause.docId) : undefined;
    if (!clause || !doc) throw ApiError.notFound('clause');
    res.json({ clause: clauseView(clause, glossary), document: documentView(doc) });
  });
  return router;
}
