// HTTP side of a request's engine work: its signal aborts when the client goes away (see operations/context.ts).
import type { Response } from 'express';

/** The client closed the connection before its answer was sent. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
}

/** Aborts once the client of `res` disconnects before its answer is complete (never after a normal finish). */
export function clientSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new ClientGoneError('the client closed the connection'));
  };
  if (res.destroyed) onClose();
  else res.once('close', onClose);
  return controller.signal;
}
