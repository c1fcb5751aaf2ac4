// `npm start`: engine (embedded unless MEILI_URL), index built when missing or stale, API and web page.
import { loadConfig } from './config.ts';
import { installGracefulShutdown } from './http/shutdown.ts';
import { logger } from '../shared/logger.ts';
import { startServer } from './server.ts';

const config = loadConfig();
logger.level = config.logLevel;
try {
  const running = await startServer(config, logger, {
    corpus: config.corpusDir,
    prefix: config.indexPrefix,
    searchTimeoutMs: config.searchTimeoutMs,
  });
  installGracefulShutdown(running.server, [() => running.runtime.close()], { logger });
  logger.info({ url: running.url }, 'policy-search listening');
  running.runtime.ready.then(
    () => logger.info({ url: running.url }, 'index ready: open the URL in a browser'),
    () => undefined,
  );
} catch (error) {
  logger.fatal({ err: error }, 'policy-search failed to start');
  process.exitCode = 1;
}
