// Every error class and its fields, as the core classifies Leat's answers.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  Client,
  ConfigurationError,
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
  ValidationError,
} from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { HOOK, SUBSCRIPTIONS_PATH, closedUrl, fixture, setUp } from './support.mjs';

const THIS_FILE = fileURLToPath(import.meta.url);
const MISSING = '00000000-0000-4000-8000-000000000000';

/** The error `promise` rejects with, after checking its class. */
async function failure(promise, Class) {
  const error = await promise.then(
    () => assert.fail(`expected a ${Class.name}`),
    (err) => err,
  );
  assert.ok(error instanceof Class, `${error.name}: ${error.message}`);
  assert.ok(error instanceof LeatError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, Class.name);
  return error;
}

test('NotFoundError carries every field of Leat answer', async (t) => {
  const { client } = await setUp(t);
  const err = await failure(client.webhookSubscriptions.get(MISSING), NotFoundError);
  assert.ok(err instanceof APIError);
  assert.equal(err.status, 400);
  assert.equal(err.code, 80300);
  assert.equal(err.apiMessage, 'Webhook subscription not found.');
  assert.match(
    err.message,
    /^GET \/api\/v3\/oauth\/clients\/webhook-subscriptions\/0{8}-.* failed: Leat answered HTTP 400 \(code 80300\): Webhook subscription not found\./,
  );
  assert.deepEqual(err.errors, {});
  assert.match(err.requestId, /\S+/);
  assert.ok(err.message.includes(err.requestId));
  assert.equal(err.retryAfterMs, null);
  assert.equal(err.method, 'GET');
  assert.equal(err.path, `${SUBSCRIPTIONS_PATH}/${MISSING}`);
});

test('every method rejects with NotFoundError for an unknown uuid', async (t) => {
  const { client } = await setUp(t);
  const subs = client.webhookSubscriptions;
  await failure(subs.get(MISSING), NotFoundError);
  await failure(subs.update(MISSING, { name: 'x' }), NotFoundError);
  await failure(subs.delete(MISSING), NotFoundError);
});

test('a 404 without a code is a NotFoundError too', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(404, { body: '{"message": "Not found."}' })]);
  const err = await failure(client.webhookSubscriptions.list(), NotFoundError);
  assert.equal(err.status, 404);
  assert.equal(err.code, null);
});

test('InvalidInputError lists the messages per field', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(400, { body: fixture('error_invalid_input.json') })]);
  const err = await failure(client.webhookSubscriptions.create(HOOK), InvalidInputError);
  assert.equal(err.code, 1003);
  assert.equal(err.status, 400);
  assert.deepEqual(err.errors, {
    url: ['The url must be a valid URL.'],
    name: ['The name field is required.'],
  });
});

test('an event type Leat does not accept is refused by Leat, not by the SDK', async (t) => {
  const { client, mock } = await setUp(t);
  const err = await failure(
    client.webhookSubscriptions.create({ ...HOOK, eventType: 'not_a_leat_event' }),
    InvalidInputError,
  );
  assert.ok('event_type' in err.errors);
  assert.equal(mock.requests().length, 1);
});

test('AuthenticationError for a key Leat refuses', async (t) => {
  const { mock } = await setUp(t);
  const client = new Client({ apiKey: 'wrong-key', baseUrl: mock.url });
  const err = await failure(client.webhookSubscriptions.list(), AuthenticationError);
  assert.equal(err.status, 401);
});

for (const [status, Class] of [
  [403, PermissionDeniedError],
  [500, ServerError],
  [502, ServerError],
  [418, APIError],
]) {
  test(`HTTP ${status} rejects with ${Class.name}`, async (t) => {
    const { client, mock } = await setUp(t, { maxRetries: 0 });
    mock.script([Fault.status(status)]);
    const err = await failure(client.webhookSubscriptions.list(), Class);
    assert.equal(err.status, status);
    if (Class === APIError) assert.equal(Object.getPrototypeOf(err), APIError.prototype);
  });
}

test('RateLimitError says how long Leat asked to wait', async (t) => {
  const { client, mock } = await setUp(t, { maxRetries: 0 });
  mock.script([Fault.status(429, { headers: { 'Retry-After': '2' } })]);
  const err = await failure(client.webhookSubscriptions.list(), RateLimitError);
  assert.equal(err.status, 429);
  assert.equal(err.retryAfterMs, 2000);
});

test('MaintenanceError for HTTP 503', async (t) => {
  const { client, mock } = await setUp(t, { maxRetries: 0 });
  mock.script([Fault.status(503)]);
  const err = await failure(client.webhookSubscriptions.list(), MaintenanceError);
  assert.equal(err.status, 503);
});

test('APIConnectionError when nothing answers', async () => {
  const client = new Client({ apiKey: 'k', baseUrl: await closedUrl(), maxRetries: 0 });
  const err = await failure(client.webhookSubscriptions.list(), APIConnectionError);
  assert.ok(!(err instanceof APITimeoutError));
  assert.equal(err.method, 'GET');
  assert.equal(err.path, SUBSCRIPTIONS_PATH);
  assert.equal(typeof err.maybeSent, 'boolean');
});

test('APITimeoutError is an APIConnectionError with the timeout that ran out', async (t) => {
  const { client, mock } = await setUp(t, { timeout: 300, maxRetries: 0 });
  mock.script([Fault.delay(2000)]);
  const err = await failure(client.webhookSubscriptions.list(), APITimeoutError);
  assert.ok(err instanceof APIConnectionError);
  assert.equal(err.timeoutMs, 300);
  assert.equal(err.attempts, 1);
  assert.equal(err.method, 'GET');
});

test('ResponseDecodeError quotes where and what it could not read', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(200, { body: fixture('malformed_wrong_type.json') })]);
  const err = await failure(client.webhookSubscriptions.list(), ResponseDecodeError);
  assert.equal(err.status, 200);
  assert.equal(err.field, 'data[0].created_at');
  assert.ok(err.bodySnippet.startsWith('{"data": [{"uuid"'));
  assert.equal(err.method, 'GET');
});

test('a truncated body is a ResponseDecodeError', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.malformedBody()]);
  await failure(client.webhookSubscriptions.list(), ResponseDecodeError);
});

test('ValidationError names the argument', async (t) => {
  const { client } = await setUp(t);
  const err = await failure(client.webhookSubscriptions.create({ ...HOOK, url: 'not a url' }), ValidationError);
  assert.equal(err.argument, 'url');
  assert.match(err.message, /url/);
});

test('ConfigurationError when no credentials are given', (t) => {
  const saved = process.env.LEAT_API_KEY;
  delete process.env.LEAT_API_KEY;
  t.after(() => {
    if (saved !== undefined) process.env.LEAT_API_KEY = saved;
  });
  assert.throws(
    () => new Client({ baseUrl: 'https://api.piggy.eu' }),
    (err) => {
      assert.ok(err instanceof ConfigurationError);
      assert.ok(err instanceof LeatError);
      assert.match(err.message, /no credentials/);
      return true;
    },
  );
});

for (const [what, options, pattern] of [
  ['plain http to a remote host', { apiKey: 'k', baseUrl: 'http://api.piggy.eu' }, /clear text/],
  [
    'a negative timeout',
    { apiKey: 'k', timeout: -5 },
    /timeout must be a number of milliseconds greater than zero, got -5$/,
  ],
  ['a zero timeout', { apiKey: 'k', timeout: 0 }, /timeout must be a number of milliseconds greater than zero, got 0$/],
  [
    'a timeout that is not a number',
    { apiKey: 'k', timeout: '30s' },
    /`timeout` must be a number of milliseconds, got a string/,
  ],
  [
    'a NaN connect timeout',
    { apiKey: 'k', connectTimeout: NaN },
    /connectTimeout must be a number of milliseconds greater than zero, got NaN$/,
  ],
  ['a negative infinite timeout', { apiKey: 'k', timeout: -Infinity }, /got -Infinity$/],
  [
    'a fractional maxRetries',
    { apiKey: 'k', maxRetries: 1.5 },
    /maxRetries must be a whole number from 0 to 4294967295, got 1.5$/,
  ],
  ['a negative maxRetries', { apiKey: 'k', maxRetries: -1 }, /maxRetries must be a whole number/],
  ['an unknown option', { apiKey: 'k', api_key: 'k' }, /`api_key` is not an option/],
  ['two kinds of credentials', { apiKey: 'k', accessToken: 't' }, /only one of/],
  ['a client id without its secret', { clientId: 42 }, /client_secret/],
  ['options that are not an object', 'k', /must be an object/],
]) {
  test(`ConfigurationError for ${what}`, () => {
    assert.throws(
      () => new Client(options),
      (err) => {
        assert.ok(err instanceof ConfigurationError, String(err));
        assert.match(err.message, pattern);
        return true;
      },
    );
  });
}

test('SignatureVerificationError is a LeatError', () => {
  const err = new SignatureVerificationError('signature mismatch');
  assert.ok(err instanceof LeatError);
  assert.equal(err.name, 'SignatureVerificationError');
  assert.equal(err.message, 'signature mismatch');
});

test('the error classes can be built by hand, e.g. to fake failures in tests', () => {
  const err = new NotFoundError('gone', { status: 404, requestId: 'req_1' });
  assert.ok(err instanceof APIError);
  assert.equal(err.status, 404);
  assert.equal(err.requestId, 'req_1');
  assert.deepEqual(err.errors, {});
  assert.equal(err.code, null);
});

test('the stack of an API error points at the calling code', async (t) => {
  const { client } = await setUp(t);
  const err = await failure(client.webhookSubscriptions.get(MISSING), NotFoundError);
  assert.ok(err.stack.startsWith('NotFoundError: GET'), err.stack);
  assert.ok(err.stack.includes(THIS_FILE), err.stack);
  assert.ok(!err.stack.includes('envelope.js'), err.stack);
});

test('the stack of a configuration error points at new Client()', () => {
  let err;
  try {
    new Client({ apiKey: 'k', timeout: -1 });
  } catch (caught) {
    err = caught;
  }
  const frames = err.stack.split('\n').slice(1);
  assert.ok(frames[0].includes(THIS_FILE), err.stack);
});

test('an addon that throws instead of starting a call gives an InternalError with the cause', async () => {
  const { WebhookSubscriptions } = createRequire(import.meta.url)('../lib/api/webhook-subscriptions.js');
  const broken = new WebhookSubscriptions({
    call: () => {
      throw new Error('no call for you');
    },
  });
  const err = await failure(broken.get(MISSING), InternalError);
  assert.equal(err.message, 'leat-sdk hit an internal error (a bug; please report it): no call for you');
  assert.equal(err.cause.message, 'no call for you');
  assert.ok(err.stack.includes(THIS_FILE), err.stack);
});

test('an infinite timeout means no practical limit', async (t) => {
  const { mock } = await setUp(t);
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, timeout: Infinity, connectTimeout: 1e22 });
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
});
