// `npm run eval`: starts the service on a private engine with the seed corpus and scores the evaluation file.
import { logger } from '../shared/logger.ts';
import { startPrivateServer } from '../server/private.ts';
import { apiSearch, evaluate, formatSummary } from './evaluate.ts';

logger.level = process.env.LOG_LEVEL ?? 'warn';
const server = await startPrivateServer();
try {
  const summary = await evaluate(apiSearch(server.url));
  console.log(formatSummary('eval (api)', summary));
  process.exitCode = summary.passed === summary.results.length ? 0 : 1;
} finally {
  await server.close();
}
