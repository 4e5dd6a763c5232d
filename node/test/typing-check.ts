// A user-style script touching every public name of leat-sdk; `tsc --strict --noEmit` must
// accept it (npm run typecheck). Not run by the tests.

import {
  AbortError,
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  Client,
  ConfigurationError,
  EventType,
  InternalError,
  InvalidInputError,
  LeatError,
  MaintenanceError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseDecodeError,
  ServerError,
  SignatureVerificationError,
  Status,
  ValidationError,
  type WebhookSubscriptions,
  webhooks,
} from 'leat-sdk';
import { type APIPromise, type ConflictError, ERROR_CODES, LimitError, type Page, type PagePromise } from 'leat-sdk';
import type {
  CreditReception,
  KnownWebhookEvent,
  WebhookEntity,
  WebhookEventMap,
  APIErrorFields,
  APIResponse,
  CallOptions,
  ClientOptions,
  Contact,
  ContactsListParams,
  RequestOptions,
  WebhookSubscriptionsCreateParams,
  EventTypeName,
  KnownEventType,
  KnownStatus,
  WebhookSubscriptionsListParams,
  SignatureVerificationReason,
  StatusName,
  WebhookSubscriptionsUpdateParams,
  Voucher,
  WebhookEvent,
  WebhookHeaders,
  WebhookPayload,
  WebhookSecret,
  WebhookSignature,
  WebhookSubscription,
} from 'leat-sdk';
import { Fault, MockServer } from 'leat-sdk/testing';
import type {
  DelayFault,
  Delivery,
  DropFault,
  EchoFault,
  FaultTarget,
  MalformedFault,
  MockServerOptions,
  RecordedRequest,
  StatusFault,
  StoredSubscription,
} from 'leat-sdk/testing';
import express from 'express';
import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { leatWebhook } from 'leat-sdk/express';
import type { LeatWebhookOptions, LeatWebhookRequest } from 'leat-sdk/express';
import { leatWebhook as leatFastifyPlugin } from 'leat-sdk/fastify';
import type { LeatWebhookOptions as LeatFastifyOptions } from 'leat-sdk/fastify';
import { createWebhookHandler } from 'leat-sdk/web';
import type { WebhookHandlerOptions } from 'leat-sdk/web';

function describe(err: unknown): string {
  if (err instanceof NotFoundError) return `gone (request ${err.requestId ?? 'unknown'})`;
  if (err instanceof InvalidInputError)
    return Object.entries(err.errors)
      .map(([f, m]) => `${f}: ${m.join(' ')}`)
      .join('; ');
  if (err instanceof RateLimitError) return `slow down for ${err.retryAfterMs ?? 0} ms`;
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) return `denied: ${err.status}`;
  if (err instanceof MaintenanceError || err instanceof ServerError) return `Leat is down: ${err.apiMessage}`;
  if (err instanceof APIError) {
    const code: number | null = err.code;
    const where: string | null = `${err.method} ${err.path}`;
    return `${err.status} ${code ?? ''} ${where}`;
  }
  if (err instanceof APITimeoutError) return `timed out after ${err.timeoutMs} ms, ${err.attempts} attempts`;
  if (err instanceof APIConnectionError) return `unreachable (maybe sent: ${err.maybeSent})`;
  if (err instanceof ResponseDecodeError) return `bad answer at ${err.field}: ${err.bodySnippet}`;
  if (err instanceof ValidationError) return `bad ${err.argument}`;
  if (err instanceof ConfigurationError) return err.message;
  if (err instanceof SignatureVerificationError) {
    const reason: SignatureVerificationReason | null = err.reason;
    return `forged delivery (${reason ?? 'unknown'})`;
  }
  if (err instanceof InternalError) return `please report: ${err.message}`;
  if (err instanceof LeatError) return err.message;
  return String(err);
}

async function main(): Promise<void> {
  const mockOptions: MockServerOptions = {
    clientId: 42,
    tokenTtlMs: 60_000,
    webhookSecret: 'whsec_mock',
    deliveryBackoffMs: 5,
  };
  const mock: MockServer = await MockServer.start(mockOptions);
  const options: ClientOptions = {
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    timeout: 10_000,
    connectTimeout: 2_000,
    maxRetries: 3,
    partnerId: 'partner-1',
  };
  const client = new Client(options);
  const oauth = new Client({ clientId: Number(mock.clientId), clientSecret: mock.clientSecret, baseUrl: mock.url });
  const token = new Client({ accessToken: mock.apiKey, baseUrl: mock.url });
  const httpsMock: MockServer = await MockServer.start({ tls: true });
  const caPem: string | null = httpsMock.caPem;
  const trusting = new Client({ apiKey: httpsMock.apiKey, baseUrl: httpsMock.url, ca: caPem ?? '' });
  const trustingMany = new Client({ apiKey: 'k', ca: [Buffer.from(caPem ?? ''), caPem ?? ''] });
  await httpsMock.stop();
  const subs: WebhookSubscriptions = client.webhookSubscriptions;
  const base: string = client.baseUrl;
  const shown: { baseUrl: string } = client.toJSON();

  const known: KnownEventType = EventType.VOUCHER_REDEEMED;
  const future: EventTypeName = 'loyalty_tier_changed';
  const paused: KnownStatus = Status.INACTIVE;

  const create: WebhookSubscriptionsCreateParams = {
    name: 'New members',
    eventType: EventType.CONTACT_UPDATED,
    url: 'https://example.com/hooks',
    secret: 'whsec_123',
    attributes: ['firstname'],
  };
  const created: WebhookSubscription = await subs.create(create);
  const when: Date = created.createdAt;
  const status: StatusName = created.status;
  const updatedAt: unknown = created.extra.updated_at;
  const properties: unknown[] = created.properties;

  const filter: WebhookSubscriptionsListParams = { eventType: known, status: Status.ACTIVE };
  const listed: WebhookSubscription[] = await subs.list(filter);
  await subs.list();
  await subs.list({ eventType: future });
  const fetched = await subs.get(created.uuid);
  const change: WebhookSubscriptionsUpdateParams = {
    name: 'Paused',
    status: paused,
    url: 'https://example.com/h2',
    attributes: ['lastname'],
  };
  const updated = await subs.update(fetched.uuid, change);
  const nothing: void = await subs.delete(updated.uuid);

  const statusFault: StatusFault = Fault.status(429, { headers: { 'Retry-After': '1' }, body: '{}', path: '/api' });
  const delay: DelayFault = Fault.delay(200, { path: '/oauth/token' });
  const drop: DropFault = Fault.dropConnection();
  const malformed: MalformedFault = Fault.malformedBody();
  const echo: EchoFault = Fault.echo({ status: 502, path: '/oauth/token' });
  const plain: Fault = { status: 503 };
  const where: FaultTarget = { path: '/api', method: 'POST' };
  mock.script([
    statusFault,
    delay,
    drop,
    malformed,
    echo,
    { echo: true },
    plain,
    { delay_ms: 10 },
    Fault.status(500, where),
    { drop: true, method: 'PUT' },
  ]);
  const requests: RecordedRequest[] = mock.requests();
  mock.clearRequests();
  const deliveries: Delivery[] = await mock.trigger(EventType.CONTACT_CREATED, { contact: { uuid: 'c1' } });
  await mock.trigger('reward_updated');
  const delivered: number | null = deliveries[0]?.status ?? null;
  const accountSecret: string = mock.webhookSecret;

  const body: WebhookPayload = JSON.stringify({ type: 'contact_created', data: {} });
  const secrets: WebhookSecret = ['whsec_old', accountSecret];
  const signature: string = webhooks.sign(body, accountSecret);
  const headers: WebhookHeaders = { 'content-type': 'application/json', signature };
  const fromHeaders: string | undefined = webhooks.signatureFromHeaders(headers);
  const given: WebhookSignature[] = [signature, [signature], headers, new Map([['Signature', signature]]), undefined];
  const event: WebhookEvent = webhooks.constructEvent(Buffer.from(body), headers, secrets);
  const eventType: EventTypeName = event.eventType;
  const data: Record<string, unknown> = event.data;
  webhooks.verifySignature(new TextEncoder().encode(body), fromHeaders, accountSecret);
  const header: 'Signature' = webhooks.SIGNATURE_HEADER;
  // @ts-expect-error: a parsed body cannot be verified; the raw body is needed.
  webhooks.constructEvent({ type: 'contact_created' }, signature, accountSecret);
  const stored: StoredSubscription[] = mock.subscriptions();
  const tokens: number = mock.tokenRequests();
  mock.expireTokens();

  try {
    await oauth.webhookSubscriptions.get('missing');
  } catch (err) {
    process.stdout.write(`${describe(err)}\n`);
  }
  const fields: APIErrorFields = { status: 404, code: 80300, requestId: 'req_1', errors: {} };
  const errors: LeatError[] = [
    new NotFoundError('gone', fields),
    new APIError('teapot', { status: 418 }),
    new APITimeoutError('slow', { timeoutMs: 100, attempts: 1 }),
    new APIConnectionError('down', { maybeSent: false }),
    new ResponseDecodeError('garbled', { status: 200, field: 'data' }),
    new ValidationError('bad', { argument: 'url' }),
    new ConfigurationError('no key'),
    new SignatureVerificationError('forged'),
    new SignatureVerificationError('forged', { reason: 'signature_mismatch' }),
    new InternalError('bug'),
  ];
  await mock.stop();
  void [delivered, given, eventType, data, header];
  void [
    token,
    trusting,
    trustingMany,
    base,
    shown,
    when,
    status,
    updatedAt,
    properties,
    listed,
    nothing,
    requests,
    stored,
    tokens,
    errors,
  ];
}

void main();

async function perCallOptions(client: Client): Promise<void> {
  const quick: Client = client.withOptions({ timeout: 2_000, maxRetries: 0 } satisfies RequestOptions);
  const controller = new AbortController();
  const options: CallOptions = { timeout: Infinity, maxRetries: 1, signal: controller.signal };
  try {
    await quick.webhookSubscriptions.create(
      { name: 'n', eventType: EventType.CONTACT_CREATED, url: 'https://e.com' },
      options,
    );
    await quick.webhookSubscriptions.list(undefined, { signal: AbortSignal.timeout(1_000) });
    await quick.webhookSubscriptions.update('u', { status: Status.ACTIVE }, { timeout: 5_000 });
    await quick.webhookSubscriptions.delete('u', {});
  } catch (err) {
    if (err instanceof AbortError) {
      const unknown: boolean = err.maybeSent;
      console.log(err.name, err.operation, unknown, err.cause);
    }
  }
  const secrets: WebhookSecret = ['whsec_old', Buffer.from('whsec_new')];
  webhooks.verifySignature('{}', '0'.repeat(64), secrets);
  webhooks.verifySignature('{}', '0'.repeat(64));
}
void perCallOptions;

async function generatedSurface(client: Client): Promise<void> {
  // A generated resource, its params and its model.
  const found: APIPromise<Contact> = client.contacts.findOneBy({ email: 'jane@example.com' });
  const contact: Contact = await found;
  const email: string | null | undefined = contact.email;
  const balance: number | undefined = contact.creditBalance?.balance;
  const extra: Record<string, unknown> = contact.extra;
  // @ts-expect-error: path parameters are positional, not in the params object.
  await client.contacts.get({ contactUuid: contact.uuid });
  // withResponse(): the result and the HTTP answer.
  const { data, response }: { data: Contact; response: APIResponse } = await client.contacts
    .get(contact.uuid)
    .withResponse();
  const raw: Buffer = response.body;
  const left: number | null = response.rateLimit.remaining;
  const requestId: string | null = response.requestId;
  const headers: Record<string, string> = response.headers;
  // A list that pages: the first page awaited, every item with for await.
  const params: ContactsListParams = { limit: 100, sort: '-created_at' };
  const pages: PagePromise<Contact> = client.contacts.list(params);
  const first: Page<Contact> = await pages;
  const items: Contact[] = first.data;
  const last: number | null = first.lastPage;
  if (first.hasNextPage()) {
    const second: Page<Contact> = await first.nextPage();
    void second.page;
  }
  for await (const page of first.iterPages()) void page.total;
  for await (const each of client.contacts.list()) void each.uuid;
  for await (const voucher of client.vouchers.list()) {
    const typed: Voucher = voucher;
    void typed;
  }
  const conflict: typeof ConflictError = ERROR_CODES[60005].class;
  const limited: typeof LimitError = ERROR_CODES[1017].class;
  void [email, balance, extra, data, raw, left, requestId, headers, items, last, conflict, limited];
}
void generatedSurface;

// The README's loyalty quickstart, as written there.
async function quickstart(): Promise<void> {
  const client = new Client();
  const shopUuid = process.env.LEAT_SHOP_UUID ?? '';
  const contact = await client.contacts.findOrCreate({ email: 'jane@example.com' });
  await client.creditReceptions.create({ contactUuid: contact.uuid, shopUuid, unitValue: 10.4 });
  const { balance } = await client.contacts.getCreditBalance(contact.uuid);
  const rewards = await client.rewards.list({ contactUuid: contact.uuid });
  const affordable = rewards.filter((reward) => (reward.requiredCredits ?? Infinity) <= balance);
  if (affordable.length > 0) {
    try {
      await client.rewardReceptions.create({ contactUuid: contact.uuid, rewardUuid: affordable[0].uuid, shopUuid });
    } catch (err) {
      if (err instanceof LimitError) console.log('not enough credits after all:', err.apiMessage);
      else throw err;
    }
  }
}
void quickstart;

async function receivers(): Promise<void> {
  const app = express();
  app.post('/leat/webhooks', leatWebhook(), (req, res) => {
    const event: WebhookEvent | undefined = req.leatEvent;
    res.status(204).send(event?.eventType);
  });
  const expressOptions: LeatWebhookOptions = {
    secret: ['whsec_old', Buffer.from('whsec_new')],
    limit: 64 * 1024,
    onEvent: async (event: WebhookEvent, req: LeatWebhookRequest) => console.log(event.data, req.rawBody),
  };
  app.post('/raw', express.raw({ type: 'application/json' }), leatWebhook(expressOptions));
  app.post(
    '/typed',
    leatWebhook<express.Request, express.Response>({ onEvent: (event, req, res) => res.json(req.leatEvent ?? event) }),
  );

  const fastify = Fastify();
  const fastifyOptions: LeatFastifyOptions = {
    path: '/leat/webhooks',
    secret: 'whsec_...',
    limit: 64 * 1024,
    onEvent: async (event: WebhookEvent, request: FastifyRequest, reply: FastifyReply) =>
      reply.code(202).send(event.eventType),
  };
  await fastify.register(leatFastifyPlugin, fastifyOptions);
  await fastify.register(leatFastifyPlugin, { prefix: '/leat', onEvent: (event) => console.log(event.eventType) });
  // @ts-expect-error: onEvent is required.
  await fastify.register(leatFastifyPlugin, { path: '/x' });

  const webOptions: WebhookHandlerOptions = { onEvent: (event) => console.log(event.data) };
  const POST: (request: Request) => Promise<Response> = createWebhookHandler(webOptions);
  const answering = createWebhookHandler({
    secret: 'whsec_...',
    limit: 64 * 1024,
    onEvent: async () => new Response('ok', { status: 202 }),
  });
  const answered: Response = await answering(new Request('http://localhost/', { method: 'POST', body: '{}' }));
  void [POST, answered];
}
void receivers;

/** Typed webhook events: the entity by kind, narrowed by eventType, and resolve. */
async function typedEvents(client: Client, event: WebhookEvent): Promise<void> {
  const entity: WebhookEntity | undefined = event.entity;
  const contact: Contact | undefined = event.contact;
  const credits: number | undefined = event.creditReception?.credits;
  const known = event as KnownWebhookEvent;
  if (known.eventType === 'credit_reception_created') {
    const reception: CreditReception | undefined = known.entity;
    void reception;
  } else if (known.eventType === 'form_submission_completed') {
    const none: undefined = known.entity;
    void none;
  }
  const redeemed: WebhookEventMap['voucher_redeemed']['entity'] = event.voucher;
  const resolved: WebhookEntity | undefined = await client.webhooks.resolve(event, { timeout: 1_000 });
  // @ts-expect-error: resolve takes an event, not its type.
  await client.webhooks.resolve('contact_created');
  void [entity, contact, credits, redeemed, resolved];
}
void typedEvents;
