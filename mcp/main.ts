// `npm run mcp`: the search service as an MCP server on stdio. Starts the runtime as `npm start` does (embedded
// engine unless MEILI_URL; index built when missing or stale) but serves the MCP tools instead of HTTP.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConfig } from '../server/config.ts';
import { startRuntime } from '../server/runtime.ts';
import { pino } from 'pino';
import { createLogger } from '../shared/logger.ts';
import { createMcpServer } from './server.ts';

const config = loadConfig();
// stdout carries the protocol: everything is logged to stderr.
const logger = createLogger(config.logLevel, pino.destination(2));
try {
  const runtime = await startRuntime({ logger, corpus: config.corpusDir, prefix: config.indexPrefix, searchTimeoutMs: config.searchTimeoutMs });
  const server = createMcpServer(runtime, logger);
  // Several signals may arrive (stdin end, then SIGTERM): the first one shuts down.
  let closing = false;
  const shutdown = (reason: string) => {
    if (closing) return;
    closing = true;
    void (async () => {
      logger.info({ reason }, 'policy-search MCP server stopping');
      await server.close().catch(() => undefined);
      await runtime.close();
      process.exit(0);
    })();
  };
  server.onclose = () => shutdown('transport closed');
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // The client closing our stdin is how a stdio session ends.
  process.stdin.once('end', () => shutdown('stdin closed'));
  await server.connect(new StdioServerTransport());
  logger.info('policy-search MCP server ready on stdio');
  runtime.ready.then(
    () => logger.info('index ready'),
    () => undefined,
  );
} catch (error) {
  logger.fatal({ err: error }, 'policy-search MCP server failed to start');
  process.exitCode = 1;
}
