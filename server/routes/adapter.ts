// An operation as an Express route: parameters and body validated with the operation's zod schemas, the answer
// sent as JSON. Everything else (what the operation does, its errors) is the operation's.
import type { RequestHandler, Router } from 'express';
import { ApiError } from '../http/errors.ts';
import { parseQuery } from '../http/validate.ts';
import type { Operation, OperationInput } from '../operations/operation.ts';
import type { Runtime } from '../runtime.ts';
import { clientSignal } from './context.ts';

/** `/api/documents/{id}` → `/documents/:id` (routers are mounted under /api). */
export function expressPath(path: string): string {
  return path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');
}

type AnyRun = (ctx: Parameters<Operation['run']>[0], input: OperationInput<unknown, unknown, unknown>) => Promise<unknown>;

export function mount(router: Router, runtime: Runtime, op: Operation, ...guards: RequestHandler[]): void {
  const run = op.run as AnyRun;
  router[op.method](expressPath(op.path), ...guards, async (req, res) => {
    const query = op.query ? parseQuery(op.query, req) : undefined;
    // Path segments are strings Express has decoded; whether they name anything is the operation's business.
    const params = op.params ? op.params.parse(req.params) : undefined;
    let body: unknown;
    if (op.body) {
      // An empty body means defaults; a non-JSON one is never parsed, so it cannot silently mean defaults.
      if (req.is('application/json') === false) throw new ApiError('unsupported_media_type', 'errors.unsupported_media_type');
      const parsed = op.body.safeParse(req.body ?? {});
      if (!parsed.success) throw new ApiError('bad_request', 'errors.invalid_body', { expected: op.bodyHint ?? '' });
      body = parsed.data;
    }
    const out = await run({ runtime, signal: clientSignal(res) }, { params, query, body });
    if (op.noStore) res.set('Cache-Control', 'no-store');
    const other = op.represent?.(out as never, query as never);
    if (other) {
      // The file name is ours (ids and formats), never client text; ASCII only, so no encoding is needed.
      res.attachment(other.filename).set('Content-Type', other.contentType).send(other.body);
      return;
    }
    res.json(out);
  });
}
