// The OpenAPI 3.1 document, generated from the operation registry and the contract's zod schemas: nothing in it
// is written twice. Served at GET /api/openapi.json.
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../shared/contract/errors.ts';
import { ALWAYS_ALLOWED } from '../../shared/contract/params.ts';
import { components } from '../../shared/contract/registry.ts';
import '../../shared/contract/index.ts';
import { OPERATIONS } from './index.ts';
import type { Operation } from './operation.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { parametersOf } from './parameters.ts';

type Json = Record<string, unknown>;

const ref = (kind: string, name: string): Json => ({ $ref: `#/components/${kind}/${name}` });

/** Codes every request can end with, whatever the operation. */
const EVERY_REQUEST: Partial<Record<ErrorCode, string>> = {
  rate_limited: 'Too many requests from this client address; `Retry-After` says when to try again.',
  internal_error: 'A failure of ours; details go to the server log only.',
};

/** The components.schemas of every schema registered in the contract. */
function componentSchemas(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(components, { target: 'draft-2020-12', io: 'output', uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // Each component is a subschema of the document, not a document of its own.
    const { $schema: _schema, $id: _id, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

function componentRef(schema: z.ZodType, what: string): Json {
  const id = components.get(schema)?.id;
  if (id === undefined) throw new Error(`${what} is not a registered component of shared/contract`);
  return ref('schemas', id);
}

/** The message of an example error: the catalogue's own (English), so an example never says what the server would not. */
const EXAMPLE_MESSAGE: Record<ErrorCode, [MessageKey, Record<string, string>?]> = {
  invalid_parameter: ['errors.param.required', { param: 'id' }],
  invalid_json: ['errors.invalid_json'],
  bad_request: ['errors.bad_request'],
  unauthorized: ['errors.unauthorized'],
  not_found: ['errors.not_found.resource'],
  request_timeout: ['errors.request_timeout'],
  conflict: ['errors.conflict.reindex_running'],
  payload_too_large: ['errors.payload_too_large'],
  unsupported_media_type: ['errors.unsupported_media_type'],
  invalid_document: ['errors.invalid_document.empty_text'],
  rate_limited: ['errors.rate_limited'],
  headers_too_large: ['errors.headers_too_large'],
  internal_error: ['errors.internal_error'],
  engine_unavailable: ['errors.engine_unavailable'],
  index_not_ready: ['errors.index_not_ready'],
  overloaded: ['errors.overloaded'],
};

const errorExample = (code: ErrorCode): Json => {
  const [key, params] = EXAMPLE_MESSAGE[code];
  return { summary: code, value: { error: { code, message: t('en', key, params) } } };
};

function errorResponses(op: Operation): Record<string, Json> {
  const byStatus = new Map<number, [ErrorCode, string][]>();
  for (const [code, note] of Object.entries({ ...op.errors, ...EVERY_REQUEST }) as [ErrorCode, string][]) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), [code, note]]);
  }
  const out: Record<string, Json> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers: Json = { 'Cache-Control': ref('headers', 'CacheControlNoStore') };
    if (codes.some(([c]) => c === 'rate_limited' || c === 'overloaded')) headers['Retry-After'] = ref('headers', 'RetryAfter');
    out[String(status)] = {
      description: codes.map(([c, note]) => `\`${c}\`: ${note}`).join('\n\n'),
      headers,
      content: {
        'application/json': {
          // The error shape, narrowed to the codes this operation answers with under this status.
          schema: {
            allOf: [
              ref('schemas', 'Error'),
              { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes.map(([c]) => c) } } } } },
            ],
          },
          examples: Object.fromEntries(codes.map(([c]) => [c, errorExample(c)])),
        },
      },
    };
  }
  return out;
}

function operationObject(op: Operation): Json {
  const parameters: Json[] = parametersOf(op).map((p) => ({
    name: p.name,
    in: p.in,
    required: p.required,
    ...(p.description === undefined ? {} : { description: p.description }),
    ...(p.multi ? { style: 'form', explode: true } : {}),
    schema: p.schema,
  }));
  parameters.push(ref('parameters', 'Locale'), ref('parameters', 'AcceptLanguage'));
  const success: Json = {
    description: op.outputDescription,
    content: { [op.mediaType ?? 'application/json']: { schema: componentRef(op.output, `${op.id}'s output`) } },
  };
  for (const [type, description] of Object.entries(op.alternatives ?? {})) {
    (success.content as Record<string, Json>)[type] = { schema: { type: 'string', description } };
  }
  if (op.noStore) success.headers = { 'Cache-Control': ref('headers', 'CacheControlNoStore') };
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description === undefined ? {} : { description: op.description }),
    ...(op.admin ? { security: [{ adminToken: [] }] } : {}),
    parameters,
    ...(op.body ? { requestBody: { required: false, content: { 'application/json': { schema: componentRef(op.body, `${op.id}'s body`) } } } } : {}),
    ...(op.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: componentRef(op.upload.schema, `${op.id}'s upload`),
                encoding: { file: { contentType: 'application/octet-stream' } },
              },
            },
          },
        }
      : {}),
    responses: { '200': success, ...errorResponses(op) },
  };
}

export const OPENAPI_PATH = '/api/openapi.json';

export function generateOpenApi(operations: readonly Operation[] = OPERATIONS): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'getOpenApi',
      tags: ['service'],
      summary: 'This API description (OpenAPI 3.1)',
      description: 'Generated from the operations the server runs and the schemas it builds its answers with.',
      responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'policy-search API',
      version: '0.1.0',
      summary: 'Bilingual full-text search over Chinese government policy documents on foreign investment.',
      description: [
        'JSON API behind the policy-search web page. Documents are split into clauses (parts, items, articles…), tagged with the terms of a bilingual glossary, and searched in English, pinyin or Chinese.',
        '',
        'Conventions:',
        '- The public endpoints are `GET` and answer JSON (UTF-8); the admin endpoints (`POST /api/admin/reindex`, `POST /api/admin/documents` as multipart/form-data, `DELETE /api/admin/documents/{id}`) need the admin token.',
        `- Query parameters are validated strictly: an undeclared parameter is a 400 \`invalid_parameter\` that lists the allowed ones (${[...ALWAYS_ALLOWED].map((p) => `\`${p}\``).join(', ')} is accepted everywhere), a scalar parameter given twice is a 400, lengths count Unicode characters (code points), integers are plain decimals. Multi-valued filters repeat the parameter (\`level=provincial&level=municipal\`).`,
        '- Errors share one shape, `{ "error": { "code", "message" } }` (see `Error`); the message is in English or Chinese, chosen by `locale`, then `lang` (`en`/`zh`), then `Accept-Language`.',
        '- While the index is being built the data endpoints answer 503 `index_not_ready`; when the engine fails, 503 `engine_unavailable`.',
        '- Requests are rate-limited per client address (RateLimit / RateLimit-Policy headers, IETF draft 8).',
      ].join('\n'),
    },
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: [
      { name: 'search', description: 'Cross-lingual clause search' },
      { name: 'documents', description: 'Documents and clauses' },
      { name: 'glossary', description: 'The bilingual glossary' },
      { name: 'service', description: 'Health and this description' },
      { name: 'admin', description: 'Operating the index (admin token)' },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      parameters: {
        Locale: {
          name: 'locale',
          in: 'query',
          required: false,
          description:
            'Language of error messages: a language tag whose primary subtag is `en` or `zh` (`zh`, `zh-CN`, `zh-Hans`, `en-GB`). Accepted by every endpoint, even those that take no other parameters. Takes precedence over `lang` (when it is `en` or `zh`) and `Accept-Language`; an unsupported, malformed or repeated value is ignored (not rejected) and the next source is used; the default is English. Response data (titles, labels) are always bilingual and unaffected.',
          schema: { type: 'string' },
        },
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description:
            'Used to pick the language of error messages (en or zh) when neither `locale` nor an `en`/`zh` `lang` is given. Responses carry `Vary: Accept-Language`.',
          schema: { type: 'string' },
        },
      },
      headers: {
        CacheControlNoStore: { description: 'Always `no-store`.', schema: { type: 'string', const: 'no-store' } },
        RetryAfter: {
          description: 'Seconds to wait before trying again: until the rate-limit window resets (429), or for the engine queue to drain (503 `overloaded`).',
          schema: { type: 'integer', minimum: 0 },
        },
      },
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The ADMIN_TOKEN the server was started with. Without ADMIN_TOKEN, admin routes answer 404.',
        },
      },
    },
  };
}

let cached: Json | undefined;
/** The document for the registry, generated once per process. */
export function openApiDocument(): Json {
  cached ??= generateOpenApi();
  return cached;
}
