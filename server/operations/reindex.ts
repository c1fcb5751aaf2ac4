// POST /api/admin/reindex: rebuilds the live index from the corpus. Answers when the new index has been swapped in;
// searches keep being served from the old one meanwhile. The admin token and the body's media type are HTTP
// concerns, checked by its route.
import { REINDEX_BODY_EXPECTED, ReindexBody, ReindexResponse } from '../../shared/contract/admin.ts';
import { ApiError } from '../http/errors.ts';
import { ReindexBusyError } from '../runtime.ts';
import { engineCall } from './context.ts';
import { UNAVAILABLE } from './errors.ts';
import { defineOperation } from './operation.ts';

export const reindex = defineOperation({
  id: 'reindex',
  method: 'post',
  path: '/api/admin/reindex',
  tag: 'admin',
  summary: 'Rebuild the index from the corpus',
  description:
    'Builds fresh indexes beside the live ones and swaps them in atomically; searches are served from the old index meanwhile. Answers when the swap is done. One build at a time per server process.',
  body: ReindexBody,
  bodyHint: REINDEX_BODY_EXPECTED,
  output: ReindexResponse,
  outputDescription: 'The new index is live (or nothing changed).',
  errors: {
    bad_request: 'The body is not `{ "force": boolean }`.',
    unauthorized: 'Missing or wrong admin token.',
    not_found: 'Admin routes are disabled (no ADMIN_TOKEN).',
    conflict: 'A build is already running in this process.',
    unsupported_media_type: 'The body is not JSON.',
    invalid_json: 'The body is not well-formed JSON.',
    payload_too_large: 'The body is too large.',
    ...UNAVAILABLE,
  },
  noStore: true,
  admin: true,
  async run({ runtime }, { body }) {
    try {
      const summary = await engineCall(() => runtime.reindex(body.force ?? false));
      return { status: summary.status, documents: summary.documents, clauses: summary.clauses, seconds: Number(summary.seconds.toFixed(2)) };
    } catch (error) {
      if (error instanceof ReindexBusyError) throw new ApiError('conflict', 'errors.conflict.reindex_running');
      throw error;
    }
  },
});
