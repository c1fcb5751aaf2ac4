// The MCP server: lists the tools of tools.ts and runs a call through its operation. Arguments are validated by the
// operation's own zod schemas, as the HTTP API does; a failure is a tool error whose text is the API's error body.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode as McpErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ErrorBody } from '../shared/contract/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { ApiError, toApiError } from '../server/http/errors.ts';
import { localeFromTag } from '../server/http/locale.ts';
import { parseParams } from '../server/http/validate.ts';
import { t } from '../server/i18n/index.ts';
import type { Operation, OperationInput } from '../server/operations/operation.ts';
import { parametersSchema } from '../server/operations/parameters.ts';
import type { Runtime } from '../server/runtime.ts';
import { TOOLS, type Tool } from './tools.ts';

const LOCALE_ARG = {
  type: 'string',
  description: 'Language of error messages: `en` (default) or `zh` (any tag whose primary subtag is one of them).',
};

type JsonObject = { [key: string]: unknown };

function inputSchema(op: Operation) {
  const schema = parametersSchema(op);
  return { ...schema, properties: { ...schema.properties, locale: LOCALE_ARG } };
}

/** The response schema in the draft the SDK's client validates with (draft-07), every component inlined. */
function outputSchema(op: Operation): JsonObject {
  const { $schema: _schema, ...schema } = z.toJSONSchema(op.output, { target: 'draft-7', io: 'output' }) as JsonObject;
  return schema;
}

/** Tool arguments as a query string carries them (strings, arrays of strings), so they meet the same checks. */
function asQueryValue(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
  return value;
}

type AnyRun = (ctx: Parameters<Operation['run']>[0], input: OperationInput<unknown, unknown, unknown>) => Promise<unknown>;

async function runTool(runtime: Runtime, tool: Tool, args: JsonObject, signal: AbortSignal): Promise<unknown> {
  const op = tool.operation;
  const pathKeys = new Set(op.params instanceof z.ZodObject ? Object.keys(op.params.shape) : []);
  const pathArgs: JsonObject = {};
  const queryArgs: JsonObject = {};
  for (const [key, value] of Object.entries(args)) {
    if (pathKeys.has(key)) pathArgs[key] = value;
    else queryArgs[key] = asQueryValue(value);
  }
  for (const key of pathKeys) {
    const value = pathArgs[key];
    if (typeof value !== 'string') throw ApiError.badParam(key, value === undefined ? 'required' : 'invalid');
  }
  const params = op.params ? op.params.parse(pathArgs) : undefined;
  const query = op.query ? parseParams(op.query, queryArgs) : undefined;
  return (op.run as AnyRun)({ runtime, signal }, { params, query, body: undefined });
}

export function createMcpServer(runtime: Runtime, logger: Logger): Server {
  const server = new Server({ name: 'policy-search', version: '0.1.0' }, { capabilities: { tools: {} } });
  const byName = new Map(TOOLS.map((tool) => [tool.name, tool]));

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.operation.description ? `${tool.description}\n\n${tool.operation.description}` : tool.description,
      inputSchema: inputSchema(tool.operation),
      outputSchema: outputSchema(tool.operation),
      annotations: { readOnlyHint: true, openWorldHint: false },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(McpErrorCode.InvalidParams, `unknown tool: ${request.params.name}`);
    const args: JsonObject = request.params.arguments ?? {};
    try {
      const result = (await runTool(runtime, tool, args, extra.signal)) as JsonObject;
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'internal_error') logger.error({ err, tool: tool.name }, 'tool call failed');
      const body: ErrorBody = { error: { code: error.code, message: t(localeFromTag(args.locale) ?? 'en', error.key, error.params) } };
      return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
    }
  });
  return server;
}
