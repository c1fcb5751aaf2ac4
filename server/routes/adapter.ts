// An operation as an Express route: parameters and body validated with the operation's zod schemas, the answer
// sent as JSON. Everything else (what the operation does, its errors) is the operation's.
import type { Request, RequestHandler, Router } from 'express';
import { ApiError } from '../http/errors.ts';
import { readUpload } from '../http/multipart.ts';
import { parseQuery } from '../http/validate.ts';
import type { Operation, OperationInput } from '../operations/operation.ts';
import type { Runtime } from '../runtime.ts';
import { clientSignal } from './context.ts';

/** `/api/documents/{id}` → `/documents/:id` (routers are mounted under /api). */
export function expressPath(path: string): string {
  return path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');
}

type AnyRun = (ctx: Parameters<Operation['run']>[0], input: OperationInput<unknown, unknown, unknown>) => Promise<unknown>;

/** The origin a request came to; a Host header that is not a plain host[:port] is not trusted into links. */
export function requestOrigin(req: Request): string {
  const host = req.get('host') ?? '';
  return `${req.protocol}://${/^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}

export function mount(router: Router, runtime: Runtime, op: Operation, ...guards: RequestHandler[]): void {
  const run = op.run as AnyRun;
  router[op.method](expressPath(op.path), ...guards, async (req, res) => {
    const query = op.query ? parseQuery(op.query, req) : undefined;
    // Path segments are strings Express has decoded; whether they name anything is the operation's business.
    const params = op.params ? op.params.parse(req.params) : undefined;
    let body: unknown;
    let upload: OperationInput<unknown, unknown, unknown>['upload'];
    if (op.upload) {
      // Read only after the guards (admin token) passed; the form fields are held to the operation's schema.
      upload = await readUpload(req);
      if (!op.upload.fields.safeParse(upload.fields).success) throw new ApiError('bad_request', 'errors.document.bad_field');
    }
    if (op.body) {
      // An empty body means defaults; a non-JSON one is never parsed, so it cannot silently mean defaults.
      if (req.is('application/json') === false) throw new ApiError('unsupported_media_type', 'errors.unsupported_media_type');
      const parsed = op.body.safeParse(req.body ?? {});
      if (!parsed.success) throw new ApiError('bad_request', 'errors.invalid_body', { expected: op.bodyHint ?? '' });
      body = parsed.data;
    }
    const out = await run({ runtime, signal: clientSignal(res), origin: requestOrigin(req) }, { params, query, body, ...(upload ? { upload } : {}) });
    if (op.noStore) res.set('Cache-Control', 'no-store');
    const sent = op.represent?.(out as never, query as never);
    if (!sent) {
      res.json(out);
      return;
    }
    if (sent.filename !== undefined) res.attachment(sent.filename);
    if (sent.etag !== undefined) res.set('ETag', sent.etag);
    res.set('Content-Type', sent.contentType).send(sent.body);
  });
}
