// Starts the real service for a test (see server/private.ts) and reads its JSON, checking every answer against the
// OpenAPI document the server serves: a response the contract does not describe fails the test that got it.
// Integration tests share the run's one engine (tests/helpers/engine.ts): each server works under an index prefix
// of its own unless given one.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { EngineHandle } from '../../engine/connect.ts';
import { startPrivateServer, type PrivateServer, type PrivateServerOptions } from '../../server/private.ts';
import { dropFilePrefixes, dropPrefix, seedPrefix, seedReady, sharedEngine, testPrefix } from './engine.ts';

export type TestServer = PrivateServer;
export type TestServerOptions = PrivateServerOptions;

/**
 * The shared engine for this test file: index only under `testPrefix()` prefixes. dataDir is '' (the engine's folder
 * is not the file's); cleanup drops this file's indexes and leaves the engine running.
 */
export async function startTestEngine(): Promise<{ engine: EngineHandle; dataDir: string; cleanup(): Promise<void> }> {
  return { engine: await sharedEngine(), dataDir: '', cleanup: dropFilePrefixes };
}

/**
 * The real server on 127.0.0.1:0 over the shared engine (or `options.engine`), the seed corpus (or `options.corpus`)
 * indexed under a fresh prefix of this file unless `options.prefix` names one; close() drops a fresh prefix.
 * With `prefix: seedPrefix()` the run's read-only seed index is served as is (no build).
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const prefix = options.prefix ?? testPrefix();
  // Over the seed index the server's start-up check finds it current and writes nothing.
  if (prefix === seedPrefix()) await seedReady();
  const running = await startPrivateServer({
    ...options,
    engine: options.engine ?? (await sharedEngine(options.logger)),
    prefix,
  });
  return {
    ...running,
    close: async () => {
      await running.close();
      if (options.prefix === undefined) await dropPrefix(prefix);
    },
  };
}

/** GET a JSON resource of a test server: status and parsed body, checked against the served OpenAPI document. */
export async function getJson(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const url = new URL(path, baseUrl);
  const res = await fetch(url, { headers });
  // A non-JSON answer (the Atom feed) is read as text and checked under its own media type.
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const body: unknown = mediaType === 'application/json' ? await res.json() : await res.text();
  if (url.pathname.startsWith('/api/') && url.pathname !== OPENAPI) {
    const problems = (await contractOf(baseUrl)).check('get', url.pathname, res.status, body, mediaType);
    if (problems) throw new Error(`GET ${path} answered ${res.status} outside the OpenAPI document: ${problems}`);
  }
  return { status: res.status, body };
}

const OPENAPI = '/api/openapi.json';
// ajv-formats is CommonJS: its function is the default export's default under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface Contract {
  document: OpenApiDocument;
  /** The operation answering `method pathname`, or undefined when none does (a 404 for an unknown route). */
  operation(method: string, pathname: string): { path: string; responses: Record<string, unknown> } | undefined;
  /** Why `body` is not what the document says `method pathname` answers with `status`; null when it is. */
  check(method: string, pathname: string, status: number, body: unknown, mediaType?: string): string | null;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters?: unknown[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

/** A JSON Schema validator for an OpenAPI 3.1 document (draft 2020-12, formats checked). */
export function contractFor(document: OpenApiDocument): Contract {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The document is one schema resource, so its `#/components/...` references resolve within it.
  ajv.addSchema({ ...document, $id: 'openapi.json' });
  const validators = new Map<string, ValidateFunction>();
  const templates = Object.keys(document.paths).map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
  }));
  const pointer = (...keys: string[]) => keys.map((k) => k.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
  const contract: Contract = {
    document,
    operation(method, pathname) {
      const path = templates.find((t) => t.pattern.test(pathname))?.path;
      const op = path === undefined ? undefined : document.paths[path]?.[method.toLowerCase()];
      return path === undefined || op === undefined ? undefined : { path, responses: op.responses };
    },
    check(method, pathname, status, body, mediaType = 'application/json') {
      const op = contract.operation(method, pathname);
      // An unknown route: the error shape, a 404.
      if (!op) return status === 404 ? validate('#/components/schemas/Error', body) : `no operation ${method} ${pathname}`;
      if (!(String(status) in op.responses)) return `status ${status} is not documented for ${method} ${op.path}`;
      const response = op.responses[String(status)] as { content?: Record<string, unknown> };
      if (!response.content?.[mediaType]) return `${method} ${op.path} ${status} is not documented as ${mediaType}`;
      return validate(`#/paths/${pointer(op.path, method.toLowerCase(), 'responses', String(status), 'content', mediaType)}/schema`, body);
    },
  };
  function validate(ref: string, body: unknown): string | null {
    let fn = validators.get(ref);
    if (!fn) {
      fn = ajv.compile({ $ref: `openapi.json${ref}` });
      validators.set(ref, fn);
    }
    return fn(body) ? null : ajv.errorsText(fn.errors, { separator: '; ' });
  }
  return contract;
}

const contracts = new Map<string, Promise<Contract>>();

/** The contract a test server serves at /api/openapi.json, fetched once per server. */
export function contractOf(baseUrl: string): Promise<Contract> {
  const origin = new URL(baseUrl).origin;
  let contract = contracts.get(origin);
  if (!contract) {
    contract = fetch(new URL(OPENAPI, origin)).then(async (res) => {
      if (res.status !== 200) throw new Error(`${OPENAPI} answered ${res.status}`);
      return contractFor((await res.json()) as OpenApiDocument);
    });
    contract.catch(() => contracts.delete(origin));
    contracts.set(origin, contract);
  }
  return contract;
}
