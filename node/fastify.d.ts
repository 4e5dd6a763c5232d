/**
 * `leat-sdk/fastify`: a Fastify plugin that adds a route receiving Leat's webhooks. Inside the
 * plugin (and only there: Fastify encapsulates it) bodies are kept as the raw `Buffer` the
 * `Signature` covers, so the rest of the application keeps Fastify's JSON parsing.
 *
 * A delivery that does not verify, or whose body is not an event, is answered 400 with
 * `<reason>: <message>` as text; a body over `limit` (default 1 MiB) 413; with no
 * secret at all (none given, `LEAT_WEBHOOK_SECRET` unset) the answer is 500 naming the
 * variable. Fastify is not a dependency of leat-sdk.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { leatWebhook } from 'leat-sdk/fastify';
 *
 * const app = Fastify();
 * await app.register(leatWebhook, {
 *   path: '/leat/webhooks',
 *   onEvent: async (event) => handle(event.eventType, event.data), // then 204
 * });
 * ```
 *
 * @packageDocumentation
 */

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

import type { WebhookEvent, WebhookSecret } from './index.js';

/** What {@link leatWebhook} takes, besides Fastify's own `register` options (e.g. `prefix`). */
export interface LeatWebhookOptions {
  /** The route's path, under the `prefix` given to `register`. Default `/`. */
  path?: string;
  /**
   * The subscription's secret, or several while one is rotated (any match passes). Left out,
   * `LEAT_WEBHOOK_SECRET` is read for each delivery (several secrets separated by commas).
   */
  secret?: WebhookSecret | null;
  /**
   * Awaited with each verified event; the route answers what it returns (or what it sent with
   * `reply`), or 204 when it returns nothing. An error it throws goes to Fastify's error
   * handler (a 500 by default), so Leat retries the delivery.
   */
  onEvent: (event: WebhookEvent, request: FastifyRequest, reply: FastifyReply) => unknown;
  /**
   * The largest body read, in bytes: a larger one is answered 413 (`body_too_large: ...`)
   * before `onEvent`, by its `Content-Length` before it is read. Default 1 MiB (Leat's
   * deliveries are small).
   */
  limit?: number;
}

/**
 * The plugin: `app.register(leatWebhook, { path, secret, onEvent, limit })`.
 *
 * @throws `TypeError` (rejecting `register`) when `onEvent` is not a function or `limit` not a
 * positive integer.
 */
export declare const leatWebhook: FastifyPluginAsync<LeatWebhookOptions>;
