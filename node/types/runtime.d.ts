// The declarations of what leat-sdk writes by hand rather than generating from the spec: the
// client's options, the per-call options, the promise, page and response types every method
// returns, AbortError, and the `webhooks` helpers. index.d.ts re-exports them beside the
// generated declarations (errors.d.ts, enums.d.ts, models.d.ts, api/*.d.ts).

import type { LeatError } from './errors.js';
import type { WebhookEntity, WebhookEvent } from './webhook-events.js';

/** What {@link ClientOptions.logger} takes: `console`, a pino or winston logger, or your own. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): unknown;
  info(message: string, fields?: Record<string, unknown>): unknown;
  warn(message: string, fields?: Record<string, unknown>): unknown;
  error(message: string, fields?: Record<string, unknown>): unknown;
}

/**
 * How a {@link Client} connects. Give one kind of credentials: `apiKey`, `accessToken`, or
 * `clientId` + `clientSecret`; with none, `LEAT_API_KEY` is read.
 */
export interface ClientOptions {
  /** A Leat API key (personal access token), the way Leat prefers. Default: `LEAT_API_KEY`. */
  apiKey?: string;
  /** A ready OAuth access token, sent as is. */
  accessToken?: string;
  /**
   * An OAuth client id (Leat's ids are numbers; a string works too). With `clientSecret`, the
   * client fetches, caches and renews its access token itself, one fetch at a time.
   */
  clientId?: string | number;
  /** The OAuth client secret that goes with `clientId`. */
  clientSecret?: string;
  /**
   * Where Leat is. Default `LEAT_BASE_URL`, else `https://api.piggy.eu`. Plain `http://` is
   * accepted only for loopback hosts, so a token never travels in clear text.
   */
  baseUrl?: string;
  /** Milliseconds for each whole call, retries and waits included. Default 30000. */
  timeout?: number;
  /** Milliseconds for each connection attempt. Default 10000. */
  connectTimeout?: number;
  /** How many times a failed attempt may be repeated when that is safe. Default 2. */
  maxRetries?: number;
  /** Sent as `X-Partner-ID` with every request, for Leat partners. */
  partnerId?: string;
  /**
   * Where the client's log events go: any object with `debug`, `info`, `warn` and `error`
   * methods (`console`, pino, winston). Each HTTP attempt is logged at `debug` as
   * `logger.debug(message, fields)`, `fields` holding `method`, `path`, `attempt`, `status`,
   * `elapsed_ms`, `request_id` (never a key, token, secret or body). `LEAT_LOG=debug` prints
   * the same events to stderr without any code.
   */
  logger?: Logger;
  /**
   * Sends every request through this `http://` or `https://` proxy (credentials may be in the
   * URL; they are never shown), or `false` for no proxy at all. Left out, the environment's
   * `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` are honoured.
   */
  proxy?: string | false;
  /**
   * CA certificates to trust besides the system's roots (or the Mozilla roots bundled with
   * the SDK when the system has none), as Node's `tls` takes them: PEM text as a string or
   * `Buffer`, or an array of them, each holding one or more certificates. For a private or
   * corporate CA. `NODE_EXTRA_CA_CERTS` is honoured too. Bad PEM throws a
   * `ConfigurationError`. Nothing turns certificate verification off.
   */
  ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * Settings for one call (the last argument of every method), or
 * for a view made by {@link Client.withOptions}; what is left out keeps the client's setting.
 */
export interface RequestOptions {
  /**
   * Milliseconds for the whole call, retries and waits included. `Infinity` means no
   * practical limit.
   */
  timeout?: number;
  /** How many times a failed attempt may be repeated when that is safe. */
  maxRetries?: number;
}

/** {@link RequestOptions} plus a signal that cancels the call. */
export interface CallOptions extends RequestOptions {
  /**
   * Aborting rejects the call at once with an {@link AbortError} and drops it in the addon.
   * A call that is sent once (a create), aborted after it was sent, may still have been done
   * (`maybeSent`).
   */
  signal?: AbortSignal;
}

/** The HTTP answer behind a result, from {@link APIPromise.withResponse}. */
export interface APIResponse {
  /** The HTTP status. */
  status: number;
  /** Every header whose value is text, names in lowercase. */
  headers: Record<string, string>;
  /** The body exactly as Leat sent it. */
  body: Buffer;
  /** The `X-Request-Id` header, to quote to Leat's support; `null` when absent. */
  requestId: string | null;
  /** The `X-RateLimit-Limit` and `X-RateLimit-Remaining` headers; `null` when not sent. */
  rateLimit: { limit: number | null; remaining: number | null };
}

/**
 * What every method returns: a Promise of its result, started when the method is called.
 * `.then()`, `.catch()` and `.finally()` give plain Promises.
 *
 * @example
 * ```ts
 * const { data, response } = await client.webhookSubscriptions.list().withResponse();
 * console.log(data.length, response.rateLimit.remaining, response.requestId);
 * ```
 */
export declare class APIPromise<T> extends Promise<T> {
  /**
   * The result together with the HTTP answer it was read from. A failed call rejects with its
   * error, which carries the same (`status`, `headers`, `body`, `requestId`, rate limits).
   */
  withResponse(): Promise<{ data: T; response: APIResponse }>;
}

/**
 * One page of a list and where it stands. `for await (const item of page)` walks every item
 * from this page on, fetching the next pages as it goes.
 */
export declare class Page<T> implements AsyncIterable<T> {
  private constructor();
  /** The items of this page. */
  readonly data: T[];
  /** This page's number, from 1. */
  readonly page: number;
  /** The number of the last page, when Leat said. */
  readonly lastPage: number | null;
  /** How many items a page holds, when Leat said. */
  readonly perPage: number | null;
  /** How many items the whole list holds, when Leat said. */
  readonly total: number | null;
  /** Whether another page follows (the core reads it from either of Leat's meta formats). */
  hasNextPage(): boolean;
  /**
   * The next page: the same call with `page` set to the next page's number.
   *
   * @throws {@link LeatError} on the last page; check {@link Page.hasNextPage} first.
   */
  nextPage(): PagePromise<T>;
  /** This page and every page after it, each fetched when the loop asks for it. */
  iterPages(): AsyncGenerator<Page<T>, void, undefined>;
  /** Every item from this page on, across pages. */
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined>;
}

/**
 * What a method whose list pages returns: await it for the first {@link Page}, or walk every
 * item of the list, across pages, fetched one page at a time.
 *
 * @example
 * ```ts
 * for await (const contact of client.contacts.list({ limit: 100 })) console.log(contact.email);
 * const first = await client.contacts.list();
 * if (first.hasNextPage()) console.log((await first.nextPage()).data.length);
 * ```
 */
export declare class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  /** Every item of the list, from the first page on. */
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined>;
}

/**
 * A call stopped by its `AbortSignal`. Its `name` is `'AbortError'`, as for every aborted
 * Node.js API, and its `cause` is the signal's reason.
 */
export declare class AbortError extends LeatError {
  constructor(message: string, fields?: { cause?: unknown; maybeSent?: boolean; operation?: string | null });
  /**
   * `true` when the request may already have reached Leat: for a call that is sent once (a
   * create), it may have been done (look before calling it again).
   */
  readonly maybeSent: boolean;
  /** The method aborted, e.g. `create`. */
  readonly operation: string | null;
}

/**
 * Why a delivery was refused, the same in every language of the SDK: the `Signature` header is
 * absent or empty (`missing_signature`), is not 64 hexadecimal characters
 * (`malformed_signature`), no secret was given (`no_secret`), it matches none of the secrets
 * (`signature_mismatch`), or it matches but the body is not JSON (`invalid_json`), has no
 * string `type` (`missing_type`), or is not an event (`not_an_event`: not a JSON object, or
 * its `data` is not an object).
 */
export type SignatureVerificationReason =
  | 'missing_signature'
  | 'malformed_signature'
  | 'no_secret'
  | 'signature_mismatch'
  | 'invalid_json'
  | 'missing_type'
  | 'not_an_event';

/**
 * A delivery's raw body, exactly as received: a `Buffer` (a `Uint8Array`), a `Uint8Array`, an
 * `ArrayBuffer` or the text. Never a parsed object: the signature covers the bytes.
 */
export type WebhookPayload = Uint8Array | ArrayBuffer | string;

/**
 * A request's headers as frameworks hold them: a plain object (Node's and Express's
 * `req.headers`), a `Headers` instance (fetch, Next.js, Hono), a `Map`, or `[name, value]`
 * pairs. Names are matched case-insensitively.
 */
export type WebhookHeaders = Record<string, string | string[] | undefined> | Iterable<readonly [string, string]>;

/**
 * Where the signature is: the `Signature` header's value as frameworks give it (a string, an
 * array when the header was repeated, `undefined` when absent), or the whole request headers.
 */
export type WebhookSignature = string | readonly string[] | WebhookHeaders | null | undefined;

/**
 * The webhook secret (text, or bytes as a `Buffer`/`Uint8Array`), or several while one is being
 * rotated (any of them may match). Left out (`undefined`), `LEAT_WEBHOOK_SECRET` is read:
 * several secrets separated by commas.
 */
export type WebhookSecret = string | Uint8Array | readonly (string | Uint8Array)[];

/**
 * `client.webhooks`: what a received webhook event leads to in the API.
 *
 * @example
 * ```ts
 * const event = webhooks.constructEvent(req.body, req.headers);
 * if (event.eventType === 'credit_reception_created') {
 *   const contact = await client.webhooks.resolve(event); // the contact, with its new balance
 * }
 * ```
 */
export interface Webhooks {
  /**
   * Fetches the current state of the event's entity through the API (a contact by uuid, a
   * voucher by code, a reward, a promotion, a giftcard transaction; a credit reception or a
   * prepaid transaction gives its contact), as its model; `undefined` when Leat offers no way
   * (`form_submission_completed`, `referral_completed`, an unknown type).
   *
   * @throws {@link ValidationError} (the promise rejects) when the payload lacks what the call
   * needs, naming the event type and the field; nothing is sent.
   * @throws {@link NotFoundError} and the other errors of the call.
   */
  resolve(event: WebhookEvent, options?: CallOptions): Promise<WebhookEntity | undefined>;
}

/**
 * Receiving webhooks: Leat signs each delivery with the subscription's secret (or the account's
 * secret when the subscription has none). Its `Signature` header is the hex HMAC-SHA256 of the
 * **raw** request body, so verify the body exactly as received, before parsing it. Leat's
 * servers write that body with PHP's `json_encode` (`"https:\/\/..."`, `"Cr\u00e8me"`,
 * `1.0e+25`): `JSON.stringify` of the parsed body never gives the same bytes back.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { webhooks, SignatureVerificationError } from 'leat-sdk';
 *
 * const app = express();
 * app.post('/leat/webhooks', express.raw({ type: 'application/json' }), (req, res) => {
 *   try {
 *     const event = webhooks.constructEvent(req.body, req.headers, process.env.LEAT_WEBHOOK_SECRET!);
 *     console.log(event.eventType, event.data);
 *     res.sendStatus(200);
 *   } catch (err) {
 *     if (err instanceof SignatureVerificationError) res.status(400).send(err.reason);
 *     else throw err;
 *   }
 * });
 * ```
 */
export declare namespace webhooks {
  /** The name of the header carrying the signature: `Signature`. */
  export const SIGNATURE_HEADER: 'Signature';

  /** The environment variable read when no secret is given: `LEAT_WEBHOOK_SECRET`. */
  export const ENV_WEBHOOK_SECRET: 'LEAT_WEBHOOK_SECRET';

  /**
   * Verifies the delivery's signature, then parses its body into a {@link WebhookEvent}.
   *
   * @param payload - The raw request body, exactly as received (never a parsed object).
   * @param signature - The `Signature` header's value, or the request's headers.
   * @param secret - The webhook secret, or several while rotating: any match passes. Left out,
   * `LEAT_WEBHOOK_SECRET` is read.
   * @throws {@link SignatureVerificationError} when the signature does not verify or the body
   * is not an event; its `reason` says why.
   * @throws `TypeError` when `payload` is not raw (e.g. already parsed JSON) or a secret is
   * neither a string nor bytes (e.g. `undefined` inside an array).
   */
  export function constructEvent(
    payload: WebhookPayload,
    signature: WebhookSignature,
    secret?: WebhookSecret | null,
  ): WebhookEvent;

  /**
   * Checks the delivery's signature without parsing the body; returns nothing when it verifies.
   *
   * @throws {@link SignatureVerificationError} when it does not (see its `reason`).
   * @throws `TypeError` when `payload` is not raw or a secret is neither a string nor bytes.
   */
  export function verifySignature(
    payload: WebhookPayload,
    signature: WebhookSignature,
    secret?: WebhookSecret | null,
  ): void;

  /**
   * The `Signature` Leat would send for `payload` under `secret` (lowercase hex HMAC-SHA256),
   * for testing a receiver.
   *
   * @example
   * ```ts
   * const body = JSON.stringify({ type: 'contact_created', data: {} });
   * await fetch(url, { method: 'POST', body, headers: { Signature: webhooks.sign(body, secret) } });
   * ```
   */
  export function sign(payload: WebhookPayload, secret: string | Uint8Array): string;

  /**
   * The `Signature` header, found case-insensitively in the request's headers; `undefined`
   * when it is absent. A header repeated is joined with `, ` (and then does not verify).
   */
  export function signatureFromHeaders(headers: WebhookHeaders): string | undefined;
}
