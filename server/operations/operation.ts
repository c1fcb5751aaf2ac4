// An operation of the API, described once: its contract (path, parameters, body, response, errors) and what it
// does. The Express routes (server/routes) and the MCP tools (mcp/) are adapters around it, and the OpenAPI
// document is generated from these descriptions (openapi.ts).
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/contract/errors.ts';
import type { Runtime } from '../runtime.ts';

export interface OperationContext {
  runtime: Runtime;
  /** Aborted when whoever asked has gone away (HTTP client disconnected, MCP request cancelled). */
  signal: AbortSignal;
  /** `scheme://host[:port]` the request came to (HTTP only), for absolute links in answers such as feeds. */
  origin?: string;
}

export interface OperationInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** A multipart upload's file and form fields (validated by `upload.fields`), for operations with `upload`. */
  upload?: UploadInput;
}

export interface UploadInput {
  file: Uint8Array;
  fields: Record<string, string>;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Operation<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  O extends Schema = Schema,
> {
  /** The OpenAPI operationId. */
  id: string;
  method: 'get' | 'post' | 'delete';
  /** Under the server root, OpenAPI style: `/api/documents/{id}`. */
  path: string;
  tag: 'search' | 'documents' | 'glossary' | 'service' | 'admin';
  summary: string;
  description?: string;
  /** Path parameters (a z.object of strings). */
  params?: P;
  /** Query parameters (a z.object of shared/contract/params.ts fields); absent: the query string is ignored. */
  query?: Q;
  /** The JSON request body. */
  body?: B;
  /**
   * The request body is a multipart/form-data upload instead of JSON: one file part plus the form fields `fields`
   * validates; `schema` (a contract component) describes the whole form in the OpenAPI document.
   */
  upload?: { fields: z.ZodType; schema: z.ZodType };
  /** What a 400 for a body that does not fit says it should be. */
  bodyHint?: string;
  output: O;
  /** The 200 answer's media type when it is not JSON (for the OpenAPI document; `represent` sends it). */
  mediaType?: string;
  /** Description of the 200 response. */
  outputDescription: string;
  /** The error codes this operation answers with beyond those of every request (rate_limited, internal_error), each with when. */
  errors: Partial<Record<ErrorCode, string>>;
  /** The answer must not be cached (health, admin). */
  noStore?: boolean;
  /** Behind the admin token. */
  admin?: boolean;
  /** Other media types the 200 may have (a download), by content type, each with what it holds. */
  alternatives?: Record<string, string>;
  /**
   * How the HTTP adapter sends the answer when not as plain JSON: a download the query asks for (`?format=csv`),
   * a non-JSON answer (the Atom feed), JSON already encoded (a cached search answer). null: res.json. MCP tools
   * always get the output itself.
   */
  represent?(output: z.output<O>, query: Out<Q>): Representation | null;
  run(ctx: OperationContext, input: OperationInput<Out<P>, Out<Q>, Out<B>>): Promise<z.output<O>>;
}

/** An answer as sent: its content type (JSON, `mediaType` or one of `alternatives`) and body. */
export interface Representation {
  contentType: string;
  body: string | Buffer;
  /** Sent as a download of this name (ours: ids and formats, never client text; ASCII, so no encoding is needed). */
  filename?: string;
  etag?: string;
}

/** Keeps an operation's types: `run` must return what `output` describes, or typechecking fails. */
export function defineOperation<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  O extends Schema = Schema,
>(op: Operation<P, Q, B, O>): Operation<P, Q, B, O> {
  return op;
}

/**
 * State an operation derives from the runtime's glossary (term forms, browsing order, occurrence counts): built on
 * first use and rebuilt when a reindex brings another glossary, so an edited glossary never leaves it stale.
 */
export function perGlossary<T>(build: (runtime: Runtime) => T): (runtime: Runtime) => T {
  const states = new WeakMap<object, T>();
  return (runtime) => {
    const key = runtime.enricher.glossary;
    let state = states.get(key);
    if (state === undefined) {
      state = build(runtime);
      states.set(key, state);
    }
    return state;
  };
}
