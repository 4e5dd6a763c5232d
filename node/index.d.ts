/**
 * leat-sdk: a Node.js client for the Leat (formerly Piggy) loyalty platform's Webhook
 * Subscriptions API, and {@link webhooks} to verify the deliveries Leat sends. One Rust core
 * does the work (validation, retries, timeouts, OAuth, decoding, error classification,
 * signature checks); this package converts arguments and results.
 *
 * @example
 * ```ts
 * import { Client, EventType } from 'leat-sdk';
 *
 * const client = new Client({ apiKey: process.env.LEAT_API_KEY });
 * const created = await client.webhookSubscriptions.create({
 *   name: 'New members',
 *   eventType: EventType.CONTACT_CREATED,
 *   url: 'https://example.com/hooks',
 * });
 * ```
 *
 * @packageDocumentation
 */

/** The event types this version of the SDK knows, as Leat writes them. */
export type KnownEventType =
  | 'contact_created'
  | 'contact_updated'
  | 'credit_reception_created'
  | 'prepaid_transaction_created'
  | 'giftcard_transaction_created'
  | 'voucher_created'
  | 'voucher_updated'
  | 'voucher_redeemed'
  | 'form_submission_completed'
  | 'referral_completed'
  | 'contact_identifier_created'
  | 'reward_updated'
  | 'promotion_updated';

/**
 * An event type: a known one (editors suggest them), or any other string, since Leat adds
 * event types over time. Unknown ones are sent and returned as they are.
 */
export type EventTypeName = KnownEventType | (string & {});

/** The subscription statuses Leat documents; the only ones accepted as input. */
export type KnownStatus = 'ACTIVE' | 'INACTIVE';

/** A status as returned: a known one, or a status Leat added, returned as it came. */
export type StatusName = KnownStatus | (string & {});

/**
 * The known event types as constants: `EventType.CONTACT_CREATED === 'contact_created'`.
 * Any other string is accepted wherever an event type is.
 */
export declare const EventType: {
  /** A contact was created. */
  readonly CONTACT_CREATED: 'contact_created';
  /** A watched attribute of a contact changed (give `attributes` when subscribing). */
  readonly CONTACT_UPDATED: 'contact_updated';
  /** Credits were received. */
  readonly CREDIT_RECEPTION_CREATED: 'credit_reception_created';
  /** A prepaid transaction was made. */
  readonly PREPAID_TRANSACTION_CREATED: 'prepaid_transaction_created';
  /** A gift card transaction was made. */
  readonly GIFTCARD_TRANSACTION_CREATED: 'giftcard_transaction_created';
  /** A voucher was created. */
  readonly VOUCHER_CREATED: 'voucher_created';
  /** A voucher changed. */
  readonly VOUCHER_UPDATED: 'voucher_updated';
  /** A voucher was redeemed. */
  readonly VOUCHER_REDEEMED: 'voucher_redeemed';
  /** A form submission was completed. */
  readonly FORM_SUBMISSION_COMPLETED: 'form_submission_completed';
  /** A referral was completed. */
  readonly REFERRAL_COMPLETED: 'referral_completed';
  /** A contact identifier was created. */
  readonly CONTACT_IDENTIFIER_CREATED: 'contact_identifier_created';
  /** A reward changed. */
  readonly REWARD_UPDATED: 'reward_updated';
  /** A promotion changed. */
  readonly PROMOTION_UPDATED: 'promotion_updated';
};

/** The statuses accepted as input: `Status.ACTIVE === 'ACTIVE'`. */
export declare const Status: {
  /** Deliveries are sent. */
  readonly ACTIVE: 'ACTIVE';
  /** Deliveries are paused. */
  readonly INACTIVE: 'INACTIVE';
};

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
 * Settings for one call (the last argument of every {@link WebhookSubscriptions} method), or
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
   * A create aborted after it was sent may still have been made (`maybeSent`).
   */
  signal?: AbortSignal;
}

/**
 * A webhook subscription: Leat POSTs events of `eventType` to `url` while `status` is
 * `ACTIVE`. A plain object that survives `JSON.stringify` (`createdAt` becomes ISO text).
 */
export interface WebhookSubscription {
  /** Leat's identifier of the subscription. */
  uuid: string;
  /** The name given for internal purposes. */
  name: string;
  /** The event listened to; an event type this SDK does not know is returned as it came. */
  eventType: EventTypeName;
  /** Where deliveries are sent. */
  url: string;
  /** The contact attributes watched (for `contact_updated`); empty when Leat sent none. */
  properties: unknown[];
  /** `ACTIVE`, `INACTIVE`, or a status Leat added, returned as it came. */
  status: StatusName;
  /** The payload version, e.g. `V1`. */
  version: string;
  /** When the subscription was created. */
  createdAt: Date;
  /**
   * Fields Leat sent that this version of the SDK does not know, under Leat's own
   * (snake_case) names and with their values as sent, e.g. `{ updated_at: '2023-...' }`.
   * Empty when there are none.
   */
  extra: Record<string, unknown>;
}

/** Filters for {@link WebhookSubscriptions.list}; leave them out to list everything. */
export interface ListParams {
  /** Only subscriptions of this event type. */
  eventType?: EventTypeName;
  /** Only subscriptions with this status. */
  status?: KnownStatus;
}

/** What {@link WebhookSubscriptions.create} subscribes. */
export interface CreateParams {
  /** A name for internal purposes. */
  name: string;
  /** The event to listen to; cannot be changed later. */
  eventType: EventTypeName;
  /** The absolute http(s) URL deliveries go to. */
  url: string;
  /** The key Leat signs deliveries with; cannot be changed later. Never shown in errors. */
  secret?: string;
  /** Contact attributes to watch (for `contact_updated`). */
  attributes?: string[];
}

/** What {@link WebhookSubscriptions.update} changes; fields left out are kept. */
export interface UpdateParams {
  /** A new name. */
  name?: string;
  /** A new absolute http(s) URL. */
  url?: string;
  /** Pause (`INACTIVE`) or resume (`ACTIVE`) deliveries. */
  status?: KnownStatus;
  /** Contact attributes to watch; Leat requires them for `contact_updated` subscriptions. */
  attributes?: string[];
}

/**
 * The account's webhook subscriptions, from {@link Client.webhookSubscriptions}. Every method
 * checks its arguments before sending (rejecting with a {@link ValidationError}) and rejects
 * with a {@link LeatError} subclass on failure.
 */
export declare class WebhookSubscriptions {
  private constructor();
  /**
   * Lists the subscriptions, optionally only those of one event type and/or status.
   *
   * @example
   * ```ts
   * const active = await client.webhookSubscriptions.list({ status: Status.ACTIVE });
   * ```
   */
  list(params?: ListParams, options?: CallOptions): Promise<WebhookSubscription[]>;
  /**
   * Subscribes `url` to an event type. Sent once: a create whose outcome is unknown is never
   * repeated, so it cannot make two subscriptions.
   *
   * @example
   * ```ts
   * const created = await subs.create(params, { timeout: 5_000, signal: AbortSignal.timeout(2_000) });
   * ```
   */
  create(params: CreateParams, options?: CallOptions): Promise<WebhookSubscription>;
  /** Fetches one subscription; a {@link NotFoundError} when there is none with this uuid. */
  get(uuid: string, options?: CallOptions): Promise<WebhookSubscription>;
  /** Changes a subscription's name, url, status and/or attributes. */
  update(uuid: string, params: UpdateParams, options?: CallOptions): Promise<WebhookSubscription>;
  /** Removes a subscription; resolves `undefined`. */
  delete(uuid: string, options?: CallOptions): Promise<void>;
}

/**
 * A client for the Leat API. Cheap to keep: one per process serves any number of concurrent
 * calls over one connection pool and one OAuth token. Nothing to close.
 *
 * Its credentials stay inside the native addon: `util.inspect(client)` and
 * `JSON.stringify(client)` show the base URL only.
 *
 * @example
 * ```ts
 * const client = new Client({ apiKey: 'my-personal-access-token', timeout: 10_000 });
 * ```
 * @throws {@link ConfigurationError} when the options cannot make a client.
 */
export declare class Client {
  constructor(options?: ClientOptions);
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The account's webhook subscriptions. */
  readonly webhookSubscriptions: WebhookSubscriptions;
  /**
   * A client whose calls use these settings instead, sharing this client's connections,
   * credentials and OAuth token.
   *
   * @example
   * ```ts
   * const quick = client.withOptions({ timeout: 2_000, maxRetries: 0 });
   * ```
   * @throws {@link ConfigurationError} for a setting out of bounds.
   */
  withOptions(options: RequestOptions): Client;
  /** `{ baseUrl }`: what `JSON.stringify(client)` shows. */
  toJSON(): { baseUrl: string };
}

/** The root of every error this SDK throws. No error ever holds a key, token or secret. */
export declare class LeatError extends Error {
  /** `fields.cause`, when given, becomes the standard `cause`. */
  constructor(message: string, fields?: { cause?: unknown });
}

/** The fields of an {@link APIError}, for building one by hand (e.g. in tests). */
export interface APIErrorFields {
  /** The HTTP status; default 0. */
  status?: number;
  /** Leat's error code; default `null`. */
  code?: number | null;
  /** Leat's own message; default the error's message. */
  apiMessage?: string;
  /** Field -> messages; default `{}`. */
  errors?: Record<string, string[]>;
  /** The `X-Request-Id` answer header; default `null`. */
  requestId?: string | null;
  /** How long Leat asked to wait, in milliseconds; default `null`. */
  retryAfterMs?: number | null;
  /** The HTTP method of the call; default `null`. */
  method?: string | null;
  /** The path of the call; default `null`. */
  path?: string | null;
}

/**
 * Leat answered with an error. `message` describes the whole failure (method, path, status,
 * code, Leat's message, field errors, request id); the fields hold each part.
 */
export declare class APIError extends LeatError {
  constructor(message: string, fields?: APIErrorFields);
  /** The HTTP status (Leat answers 400 for most errors; see `code`). */
  readonly status: number;
  /** Leat's error code from the body, e.g. `80300` (not found) or `1003` (invalid input). */
  readonly code: number | null;
  /** Leat's own message, or a description of the status when the body had none. */
  readonly apiMessage: string;
  /** Field -> messages, from Leat's `errors`; `{}` when none. */
  readonly errors: Record<string, string[]>;
  /** The `X-Request-Id` answer header, to quote to Leat's support; `null` when absent. */
  readonly requestId: string | null;
  /** How long Leat asked to wait (`Retry-After`), in milliseconds; `null` when it did not. */
  readonly retryAfterMs: number | null;
  /** The HTTP method of the call. */
  readonly method: string | null;
  /** The path of the call, without the host. */
  readonly path: string | null;
}

/** Code 80300 or HTTP 404: the subscription does not exist. */
export declare class NotFoundError extends APIError {}
/** Code 1003 or HTTP 422: Leat rejected the input; see `errors`. */
export declare class InvalidInputError extends APIError {}
/** HTTP 401: the key or token was refused. */
export declare class AuthenticationError extends APIError {}
/** HTTP 403: the credentials may not do this. */
export declare class PermissionDeniedError extends APIError {}
/** HTTP 429: too many requests; see `retryAfterMs`. */
export declare class RateLimitError extends APIError {}
/** HTTP 503: Leat is in maintenance mode. */
export declare class MaintenanceError extends APIError {}
/** Any other HTTP 5xx. */
export declare class ServerError extends APIError {}

/** No answer came back: the connection could not be made, or broke. */
export declare class APIConnectionError extends LeatError {
  constructor(message: string, fields?: { method?: string | null; path?: string | null; maybeSent?: boolean });
  /** The HTTP method of the call. */
  readonly method: string | null;
  /** The path of the call, without the host. */
  readonly path: string | null;
  /** `true` when the request may have reached Leat before the connection broke. */
  readonly maybeSent: boolean;
}

/** The call's `timeout` ran out, retries and waits included. */
export declare class APITimeoutError extends APIConnectionError {
  constructor(
    message: string,
    fields?: { method?: string | null; path?: string | null; timeoutMs?: number | null; attempts?: number | null },
  );
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number | null;
  /** Attempts started before the deadline. */
  readonly attempts: number | null;
}

/** Leat's answer could not be understood. */
export declare class ResponseDecodeError extends LeatError {
  constructor(
    message: string,
    fields?: {
      status?: number;
      field?: string | null;
      bodySnippet?: string;
      method?: string | null;
      path?: string | null;
    },
  );
  /** The HTTP status of the answer. */
  readonly status: number;
  /** Where in the answer decoding failed, e.g. `data[1].created_at`. */
  readonly field: string | null;
  /** At most ~500 bytes of the answer's body. */
  readonly bodySnippet: string;
  /** The HTTP method of the call. */
  readonly method: string | null;
  /** The path of the call, without the host. */
  readonly path: string | null;
}

/** An argument was refused before anything was sent. */
export declare class ValidationError extends LeatError {
  constructor(message: string, fields?: { argument?: string | null });
  /** The argument as you wrote it, e.g. `url`, `eventType` or `uuid`. */
  readonly argument: string | null;
}

/** The options given to `new Client()` cannot make a client. */
export declare class ConfigurationError extends LeatError {}

/**
 * A bug inside leat-sdk (a panic in its native addon), caught before it could end the process.
 * The client stays usable; please report the message.
 */
export declare class InternalError extends LeatError {}

/**
 * A call stopped by its `AbortSignal`. Its `name` is `'AbortError'`, as for every aborted
 * Node.js API, and its `cause` is the signal's reason.
 */
export declare class AbortError extends LeatError {
  constructor(message: string, fields?: { cause?: unknown; maybeSent?: boolean; operation?: string | null });
  /**
   * `true` when the request may already have reached Leat: for a create, the subscription may
   * exist (list before creating it again).
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
 * A webhook delivery's `Signature` did not verify, or its body is not an event; thrown by
 * {@link webhooks.constructEvent} and {@link webhooks.verifySignature}. Answer such a request
 * with HTTP 400. The message never holds a secret.
 */
export declare class SignatureVerificationError extends LeatError {
  constructor(message: string, fields?: { reason?: SignatureVerificationReason | null });
  /** Why the delivery was refused; `null` only for an error built by hand without one. */
  readonly reason: SignatureVerificationReason | null;
}

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

/** A verified delivery: what happened, and its payload as Leat sent it. */
export interface WebhookEvent {
  /** What happened, e.g. `contact_created`; an event type this SDK does not know is kept as sent. */
  eventType: EventTypeName;
  /**
   * The event's payload (often related entities by uuid only), keys in the order Leat wrote
   * them; `{}` when the delivery had none (PHP writes an empty payload as `[]`).
   */
  data: Record<string, unknown>;
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
