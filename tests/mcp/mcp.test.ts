// The MCP server driven through the SDK's Client: in memory against the runtime of a real test server (real
// engine, the seed corpus), and once over stdio as `npm run mcp` starts it, pointed at the same engine.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../mcp/server.ts';
import { logger } from '../../shared/logger.ts';
import { seedPrefix } from '../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let client: Client;

beforeAll(async () => {
  // Reads only: the run's seed index.
  server = await startTestServer({ prefix: seedPrefix() });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(server.runtime, logger).connect(serverSide);
  client = new Client({ name: 'policy-search-test', version: '0' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client?.close();
  await server?.close();
});

const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const errorOf = (result: CallToolResult) => {
  expect(result.isError).toBe(true);
  const [first] = result.content;
  return (JSON.parse(first?.type === 'text' ? first.text : 'null') as { error: { code: string; message: string } }).error;
};

describe('MCP tools', () => {
  it('lists search, get_clause, get_document and the glossary tools with the contract’s input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'search',
      'get_clause',
      'get_document',
      'get_related_clauses',
      'compare_clauses',
      'get_implementation',
      'lookup_glossary',
      'get_glossary_entry',
    ]);
    const searchTool = tools.find((t) => t.name === 'search')!;
    expect(searchTool.inputSchema.properties).toMatchObject({ q: { type: 'string', maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 100 } });
    expect(tools.find((t) => t.name === 'get_clause')!.inputSchema.required).toEqual(['id']);
    expect(searchTool.outputSchema?.required).toEqual(expect.arrayContaining(['hits', 'total', 'facets']));
  });

  it('searches in Chinese and English, with the results of the HTTP API', async () => {
    // The client validates structuredContent against the tool's outputSchema: a misfit would throw here.
    const zh = await call('search', { q: '负面清单', limit: 5 });
    expect(zh.isError).toBeFalsy();
    const body = zh.structuredContent as { hits: { id: string; text: string }[]; total: number; expansions: { entryId: string }[] };
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits[0]!.text).toContain('负面清单');
    expect(body.expansions.map((e) => e.entryId)).toContain('negative-list');
    const http = await getJson(server.url, `/api/search?q=${encodeURIComponent('负面清单')}&limit=5`);
    expect(body.hits.map((h) => h.id)).toEqual(http.body.hits.map((h: { id: string }) => h.id));

    const en = await call('search', { q: 'negative list', level: ['provincial'] });
    expect((en.structuredContent as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
  });

  it('gets a clause found by the search, and its document', async () => {
    const found = await call('search', { q: 'negative list', limit: 1 });
    const hit = (found.structuredContent as { hits: { id: string; docId: string }[] }).hits[0]!;
    const clause = await call('get_clause', { id: hit.id });
    expect(clause.isError).toBeFalsy();
    expect(clause.structuredContent).toMatchObject({ clause: { id: hit.id, docId: hit.docId }, document: { id: hit.docId } });
    const doc = await call('get_document', { id: hit.docId });
    expect((doc.structuredContent as { clauses: { id: string }[] }).clauses.map((c) => c.id)).toContain(hit.id);
  });

  it('looks terms up in the glossary', async () => {
    const found = await call('lookup_glossary', { q: 'negativ list', limit: 3 });
    const { entries } = found.structuredContent as { entries: { id: string }[] };
    expect(entries[0]?.id).toBe('negative-list');
    const entry = await call('get_glossary_entry', { id: 'negative-list' });
    expect((entry.structuredContent as { concordance: unknown[] }).concordance.length).toBeGreaterThan(0);
  });

  it('answers bad input with a tool error in the API’s error shape and codes', async () => {
    const tooMany = errorOf(await call('search', { q: '负面清单', limit: 500 }));
    expect(tooMany).toEqual({ code: 'invalid_parameter', message: 'Parameter “limit” must be between 1 and 100.' });
    expect(errorOf(await call('search', { order: 'date' })).message).toMatch(/^Unknown parameter “order”/);
    expect(errorOf(await call('search', { limit: 1.5 })).message).toBe('Parameter “limit” must be an integer.');
    expect(errorOf(await call('search', { region: ['Atlantis'] })).message).toBe('Parameter “region” has an unrecognized value “Atlantis”.');
    expect(errorOf(await call('search', { region: ['Atlantis'], locale: 'zh' })).message).toMatch(/^参数“region”.*Atlantis/);
    expect(errorOf(await call('get_clause', {}))).toMatchObject({ code: 'invalid_parameter' });
    expect(errorOf(await call('get_clause', { id: 'no-such--p1' }))).toMatchObject({ code: 'not_found' });
    expect(errorOf(await call('get_document', { id: 'not a slug' }))).toMatchObject({ code: 'not_found' });
  });

  it('refuses an unknown tool as a protocol error', async () => {
    await expect(client.callTool({ name: 'drop_index', arguments: {} })).rejects.toThrow(/unknown tool/);
  });
});

describe('npm run mcp (stdio)', () => {
  it('starts the runtime on the given engine, speaks MCP on stdout and logs to stderr', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'mcp/main.ts'],
      env: {
        ...(process.env as Record<string, string>),
        MEILI_URL: server.engine.url,
        MEILI_MASTER_KEY: server.engine.adminKey,
        INDEX_PREFIX: seedPrefix(),
        LOG_LEVEL: 'info',
      },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stdio = new Client({ name: 'policy-search-stdio-test', version: '0' });
    await stdio.connect(transport);
    try {
      // The start-up build may still be checking the index: retry while it says index_not_ready.
      let result: CallToolResult | undefined;
      for (let i = 0; i < 60; i++) {
        result = (await stdio.callTool({ name: 'search', arguments: { q: 'negative list' } })) as CallToolResult;
        if (!result.isError) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(result?.isError, JSON.stringify(result?.content)).toBeFalsy();
      expect((result!.structuredContent as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
    } finally {
      await stdio.close();
    }
    expect(stderr).toMatch(/MCP server ready on stdio/);
  }, 120_000);
});
