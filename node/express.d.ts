/**
 * `leat-sdk/express`: Express (or Connect) middleware receiving Leat's webhooks. It verifies
 * the `Signature` on the raw body, whether or not a body parser ran before it: it reads the
 * request itself, or takes the bytes `express.raw()` left in `req.body` or a `req.rawBody`
 * (`express.json({ verify })`, Google Cloud Functions). When `express.json()` already
 * consumed the body and kept only parsed data, it answers 500 with what to change (and emits
 * a `LeatWebhookWarning`): it never verifies re-serialised JSON.
 *
 * A delivery that does not verify, or whose body is not an event, is answered 400 with
 * `<reason>: <message>` as text; a body over `limit` (default 1 MiB) 413; with no
 * secret at all (none given, `LEAT_WEBHOOK_SECRET` unset) the answer is 500 naming the
 * variable. Express is not a dependency of leat-sdk: this module only uses what it is given.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { leatWebhook } from 'leat-sdk/express';
 *
 * const app = express();
 * app.post('/leat/webhooks', leatWebhook(), async (req, res) => {
 *   await handle(req.leatEvent!.eventType, req.leatEvent!.data);
 *   res.sendStatus(204); // only after handling: an error here is a 500, and Leat retries
 * });
 * app.use(express.json()); // after the webhook route
 * ```
 *
 * @packageDocumentation
 */

import type { IncomingMessage, ServerResponse } from 'node:http';

import type { WebhookEvent, WebhookSecret } from './index.js';

declare global {
  namespace Express {
    interface Request {
      /** The verified delivery, set by `leatWebhook()` before the next handler runs. */
      leatEvent?: WebhookEvent;
    }
  }
}

/** The request as the middleware reads it: Node's, with what a body parser may have left. */
export interface LeatWebhookRequest extends IncomingMessage {
  /** What a body parser left: bytes (`express.raw()`) or text are verified; parsed data is refused. */
  body?: unknown;
  /** The raw bytes kept by `express.json({ verify })` or the host (Google Cloud Functions). */
  rawBody?: unknown;
  /** The verified delivery, once the middleware verified it. */
  leatEvent?: WebhookEvent;
}

/** What {@link leatWebhook} takes. */
export interface LeatWebhookOptions<
  Req extends LeatWebhookRequest = LeatWebhookRequest,
  Res extends ServerResponse = ServerResponse,
> {
  /**
   * The subscription's secret, or several while one is rotated (any match passes). Left out,
   * `LEAT_WEBHOOK_SECRET` is read for each delivery (several secrets separated by commas).
   */
  secret?: WebhookSecret | null;
  /**
   * Called with each verified event. Left out, the middleware sets `req.leatEvent` and calls
   * `next()`. Given, it is awaited, then the middleware answers 204 unless `onEvent` answered;
   * an error it throws goes to `next(err)` (a 500 by default), so Leat retries the delivery.
   */
  onEvent?: (event: WebhookEvent, req: Req, res: Res) => unknown;
  /**
   * The largest body read, in bytes: a larger one is answered 413 (`body_too_large: ...`),
   * by its `Content-Length` before it is read. Default 1 MiB (Leat's deliveries are small).
   */
  limit?: number;
}

/**
 * Middleware verifying Leat's deliveries; see the module's documentation.
 *
 * @throws `TypeError` when `onEvent` is not a function or `limit` not a positive integer.
 */
export declare function leatWebhook<
  Req extends LeatWebhookRequest = LeatWebhookRequest,
  Res extends ServerResponse = ServerResponse,
>(options?: LeatWebhookOptions<Req, Res>): (req: Req, res: Res, next: (err?: unknown) => void) => Promise<void>;
