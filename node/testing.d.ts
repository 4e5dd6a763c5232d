/**
 * `leat-sdk/testing`: a local, stateful stand-in for the Leat API on
 * 127.0.0.1 (the core's `leat-mock`, running inside the addon), for tests and offline work.
 *
 * @example
 * ```ts
 * import { Client } from 'leat-sdk';
 * import { Fault, MockServer } from 'leat-sdk/testing';
 *
 * const mock = await MockServer.start();
 * const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
 * mock.script([Fault.status(503, { headers: { 'Retry-After': '1' } })]);
 * await client.webhookSubscriptions.list(); // retried after a second, then succeeds
 * await mock.stop();
 * ```
 *
 * @packageDocumentation
 */

/** How a {@link MockServer} starts; by default a free port and random credentials. */
export interface MockServerOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The API key it accepts. */
  apiKey?: string;
  /** The OAuth client id it accepts (a number, as Leat's are; a string works too). */
  clientId?: string | number;
  /** The OAuth client secret it accepts. */
  clientSecret?: string;
  /** How long the access tokens it issues live, in milliseconds. Default one hour. */
  tokenTtlMs?: number;
  /**
   * The account's webhook secret, which signs deliveries to subscriptions created without a
   * secret of their own. Random by default; read it back as {@link MockServer.webhookSecret}.
   */
  webhookSecret?: string;
  /**
   * How long {@link MockServer.trigger} waits before retrying a failed delivery, in
   * milliseconds; it doubles each retry. Default 20 (Leat waits much longer).
   */
  deliveryBackoffMs?: number;
  /**
   * Serve HTTPS at `https://localhost:PORT`, with a certificate for `localhost` and
   * `127.0.0.1` signed by a private CA made at start; trust it with
   * `new Client({ ca: mock.caPem })`. Default `false` (plain HTTP).
   */
  tls?: boolean;
  /**
   * Makes uuids and ids the same on every run, and again after {@link MockServer.reset}; by
   * default they are random.
   */
  seed?: number;
  /**
   * An account description to start from instead of the default account (shops, units,
   * promotions, rewards, contacts with balances, giftcards, vouchers): see the mock's
   * `ACCOUNT.md`.
   */
  state?: Record<string, unknown>;
}

/** Where a fault applies; without either, it applies to any request but the mock's own. */
export interface FaultTarget {
  /** Only a request whose path starts with this takes the fault. */
  path?: string;
  /** Only a request with this HTTP method (e.g. `POST`) takes the fault. */
  method?: string;
}

/** Answer `status` (with `body` and `headers`) without acting on the request. */
export interface StatusFault extends FaultTarget {
  status: number;
  /** The body; by default a Leat-style JSON error for the status. */
  body?: string;
  /** Answer headers, e.g. `{ 'Retry-After': '2' }`. */
  headers?: Record<string, string>;
}

/** Wait, then handle the request normally (it is acted on even if the client gave up). */
export interface DelayFault extends FaultTarget {
  delay_ms: number;
}

/** Close the connection without answering and without acting. */
export interface DropFault extends FaultTarget {
  drop: true;
}

/** Act on the request, then answer with a truncated, non-JSON body. */
export interface MalformedFault extends FaultTarget {
  malformed: true;
}

/**
 * Answer `status` (default 400) without acting, quoting the request back (every header, the
 * `Authorization` header included, and the body) in the error's message, field errors and
 * request id, as a debug page or a misbehaving proxy does: for checking that no secret reaches
 * an error.
 */
export interface EchoFault extends FaultTarget {
  echo: true;
  status?: number;
}

/** A fault for one of the next requests, as the plain object {@link MockServer.script} takes. */
export type Fault = StatusFault | DelayFault | DropFault | MalformedFault | EchoFault;

/**
 * Builders for the plain objects {@link MockServer.script} takes; each takes an optional
 * `path` prefix and/or `method` that a request must have to take the fault.
 *
 * @example
 * ```ts
 * mock.script([Fault.status(503, { method: 'POST' }), Fault.dropConnection({ path: '/oauth/token' })]);
 * ```
 */
export declare const Fault: {
  /** Answer `status` without acting on the request. */
  status(status: number, options?: { body?: string; headers?: Record<string, string> } & FaultTarget): StatusFault;
  /** Wait `ms` milliseconds, then handle the request normally. */
  delay(ms: number, options?: FaultTarget): DelayFault;
  /** Close the connection without answering and without acting. */
  dropConnection(options?: FaultTarget): DropFault;
  /** Act on the request, then answer with a truncated body. */
  malformedBody(options?: FaultTarget): MalformedFault;
  /** Answer `status` (default 400) quoting the request back, secrets included. */
  echo(options?: { status?: number } & FaultTarget): EchoFault;
};

/** What happened to the delivery of one triggered event to one subscription. */
export interface Delivery {
  /** The subscription delivered to. */
  uuid: string;
  /** Where the event was POSTed. */
  url: string;
  /** The receiver's last HTTP status; `null` when it never answered (or the URL is not local). */
  status: number | null;
  /** How many attempts were made: 1, plus up to 5 retries of a failing receiver. */
  attempts: number;
}

/** A webhook delivery the mock sent after a change (or a `trigger`), once it has ended. */
export interface SentDelivery {
  /** The event type, e.g. `credit_reception_created`. */
  eventType: string;
  /** The subscription delivered to. */
  subscriptionUuid: string;
  /** Where the event was POSTed. */
  url: string;
  /** The body exactly as signed and sent (PHP `json_encode` bytes, as Leat writes them). */
  body: string;
  /** The `Signature` header sent. */
  signature: string;
  /** The receiver's last HTTP status; `null` when it never answered. */
  status: number | null;
  /** How many attempts were made: 1, plus up to 5 retries of a failing receiver. */
  attempts: number;
}

/** What {@link MockServer.deliveries} waits for. */
export interface DeliveriesOptions {
  /** Wait up to this many milliseconds for `count` deliveries to end; by default, no wait. */
  wait?: number;
  /** How many ended deliveries to wait for (default 1); only with `wait`. */
  count?: number;
}

/** A request the mock received. */
export interface RecordedRequest {
  /** `GET`, `POST`, ... */
  method: string;
  /** The path, without the query. */
  path: string;
  /** The raw query string, or `null`. */
  query: string | null;
  /** Header names in lowercase; a repeated header's values joined with `, `. */
  headers: Record<string, string>;
  /** The body as UTF-8 text; `''` when there was none. */
  body: string;
}

/** A stored subscription, as the API returns it: Leat's snake_case field names. */
export interface StoredSubscription {
  uuid: string;
  name: string;
  event_type: string;
  url: string;
  properties: unknown[];
  status: string;
  version: string;
  created_at: string;
  [field: string]: unknown;
}

/**
 * A local, stateful stand-in for the Leat API, behaving as Leat's docs say (HTTP 400 errors
 * with codes 1003 and 80300, 201 on create, OAuth client credentials at `/oauth/token`).
 * Start it with {@link MockServer.start}; stop it with {@link MockServer.stop}.
 */
export declare class MockServer {
  private constructor();
  /** Starts a mock server on 127.0.0.1. */
  static start(options?: MockServerOptions): Promise<MockServer>;
  /** Where it listens, e.g. `http://127.0.0.1:54321` (`https://localhost:54321` with `tls`). */
  readonly url: string;
  /**
   * With `tls: true`, the PEM certificate of the private CA that signed its certificate (pass
   * it as the client's `ca`); `null` otherwise.
   */
  readonly caPem: string | null;
  /** The API key it accepts. */
  readonly apiKey: string;
  /** The OAuth client id it accepts. */
  readonly clientId: string;
  /** The OAuth client secret it accepts. */
  readonly clientSecret: string;
  /**
   * The account's webhook secret: deliveries to subscriptions created without a secret are
   * signed with it.
   */
  readonly webhookSecret: string;
  /** Stops it and frees its port; stopping twice does nothing. */
  stop(): Promise<void>;
  /**
   * Queues faults for the next requests: each request takes the first queued fault whose
   * `path` matches. Plain objects (see {@link Fault}) or the {@link Fault} builders.
   */
  script(faults: Fault[]): void;
  /** Every request received so far, in order. */
  requests(): RecordedRequest[];
  /** Forgets the requests received so far (a long test keeps memory flat this way). */
  clearRequests(): void;
  /**
   * Delivers an event the way Leat does: POSTs `{"type": eventType, "data": data}`, signed in
   * the `Signature` header, to every ACTIVE subscription of `eventType` whose URL is on this
   * machine, retrying a failing receiver up to 5 times. Resolves once every attempt has
   * ended, with one {@link Delivery} per subscription.
   *
   * @param data - The event's payload; `{}` when left out.
   * @example
   * ```ts
   * const [delivery] = await mock.trigger('contact_created', { contact: { uuid: 'c1' } });
   * console.log(delivery.status, delivery.attempts); // 200 1
   * ```
   */
  trigger(eventType: string, data?: unknown): Promise<Delivery[]>;
  /** The stored subscriptions, in creation order. */
  subscriptions(): StoredSubscription[];
  /** How many times `/oauth/token` was asked. */
  tokenRequests(): number;
  /** Makes every access token issued so far invalid: its next use answers 401. */
  expireTokens(): void;
  /**
   * Back to the starting account (the `state` given, or the default one): every entity,
   * subscription, request, queued fault and delivery forgotten; with a `seed`, the same uuids
   * again.
   */
  reset(): void;
  /**
   * Replaces the account with `account`, which {@link MockServer.reset} then returns to; throws
   * an `Error` naming what in it is wrong.
   */
  loadState(account: Record<string, unknown>): void;
  /** The entities the mock keeps for `collection` (`'contacts'`, `'vouchers'`, ...), as the API returns them. */
  entities(collection: string): Record<string, unknown>[];
  /**
   * The webhook deliveries that have ended, oldest first. Deliveries are sent in the
   * background, as Leat sends them: with `wait`, resolves once `count` have ended or `wait`
   * milliseconds have passed.
   *
   * @example
   * ```ts
   * await client.creditReceptions.create({ contactUuid, shopUuid, credits: 10 });
   * const [delivery] = await mock.deliveries({ wait: 5000 });
   * console.log(delivery.eventType, delivery.status); // credit_reception_created 200
   * ```
   */
  deliveries(options?: DeliveriesOptions): Promise<SentDelivery[]>;
}
