/**
 * `leat-sdk/web`: a handler of Web-standard `Request`s receiving Leat's webhooks, for
 * Next.js route handlers, Hono, Bun, Deno and any host that speaks `Request` and `Response` and
 * loads Node-API addons (leat-sdk is one): in Next.js, the Node.js runtime, not the Edge runtime.
 * It reads the raw body (up to `limit`) and verifies the `Signature` on it.
 *
 * A delivery that does not verify, or whose body is not an event, is answered 400 with
 * `<reason>: <message>` as text; a body over `limit` (default 1 MiB) 413; with no
 * secret at all (none given, `LEAT_WEBHOOK_SECRET` unset) the answer is 500 naming the
 * variable; a method other than POST is answered 405.
 *
 * @example
 * ```ts
 * // app/leat/webhooks/route.ts (Next.js)
 * import { createWebhookHandler } from 'leat-sdk/web';
 *
 * export const POST = createWebhookHandler({
 *   onEvent: async (event) => handle(event.eventType, event.data), // then 204
 * });
 * ```
 *
 * @packageDocumentation
 */

import type { WebhookEvent, WebhookSecret } from './index.js';

/** What {@link createWebhookHandler} takes. */
export interface WebhookHandlerOptions {
  /**
   * The subscription's secret, or several while one is rotated (any match passes). Left out,
   * `LEAT_WEBHOOK_SECRET` is read for each delivery (several secrets separated by commas).
   */
  secret?: WebhookSecret | null;
  /**
   * Awaited with each verified event; the handler answers the `Response` it returns, or 204.
   * An error it throws rejects the handler's promise, so the framework answers 500 (and
   * reports the error), and Leat retries the delivery.
   */
  onEvent: (event: WebhookEvent, request: Request) => Response | void | Promise<Response | void>;
  /**
   * The largest body read, in bytes: a larger one is answered 413 (`body_too_large: ...`)
   * before `onEvent`, by its `Content-Length` before it is read. Default 1 MiB (Leat's
   * deliveries are small).
   */
  limit?: number;
}

/**
 * A `(request: Request) => Promise<Response>` receiving Leat's deliveries.
 *
 * @throws `TypeError` when `onEvent` is not a function or `limit` not a positive integer.
 */
export declare function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response>;
