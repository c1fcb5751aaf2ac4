// The glossary's routes: list, export, entry, concordances (server/operations/).
import { Router } from 'express';
import { exportGlossary } from '../operations/export-glossary.ts';
import { listCandidates } from '../operations/list-candidates.ts';
import { getConcordance } from '../operations/get-concordance.ts';
import { getEntryConcordance } from '../operations/get-entry-concordance.ts';
import { getGlossaryEntry } from '../operations/get-glossary-entry.ts';
import { listGlossary } from '../operations/list-glossary.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function glossaryRouter(runtime: Runtime): Router {
  const router = Router();
  // /glossary/export and /glossary/candidates before /glossary/:id, which would take them for an id.
  for (const op of [listGlossary, exportGlossary, listCandidates, getGlossaryEntry, getEntryConcordance, getConcordance]) mount(router, runtime, op);
  return router;
}
