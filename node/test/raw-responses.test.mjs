// The HTTP answer behind a result: `.withResponse()` on success, and the same parts on the
// error of a failed call (status, lowercase headers, Leat's raw body, request id, rate limits).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { APIPromise, NotFoundError, PagePromise } from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { HOOK, setUp } from './support.mjs';

const RATE_LIMITS = { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '57' };

test('every method returns an APIPromise that is a Promise, started at once', async (t) => {
  const { client, mock } = await setUp(t);
  const pending = client.webhookSubscriptions.list();
  assert.ok(pending instanceof APIPromise);
  assert.ok(pending instanceof Promise);
  assert.equal(Object.prototype.toString.call(pending), '[object APIPromise]');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(mock.requests().length, 1, 'sent before it was awaited');
  assert.deepEqual(await pending, []);
  const chained = pending.then((list) => list.length);
  assert.ok(!(chained instanceof APIPromise), 'then() gives a plain Promise');
  assert.equal(await chained, 0);
});

test('withResponse() gives the result and the answer: status, headers, body bytes, request id', async (t) => {
  const { client } = await setUp(t);
  const { data, response } = await client.webhookSubscriptions.create(HOOK).withResponse();
  assert.equal(data.name, HOOK.name);
  assert.equal(response.status, 201);
  assert.equal(response.headers['content-type'], 'application/json');
  assert.ok(Object.keys(response.headers).every((name) => name === name.toLowerCase()));
  assert.ok(Buffer.isBuffer(response.body));
  assert.equal(JSON.parse(response.body).data.uuid, data.uuid);
  assert.equal(response.requestId, response.headers['x-request-id']);
  assert.match(response.requestId, /\S+/);
  assert.deepEqual(response.rateLimit, { limit: null, remaining: null });
});

test('withResponse() keeps the body byte for byte and reads the rate-limit headers', async (t) => {
  const { client, mock } = await setUp(t);
  // As Leat's PHP writes it: escaped slashes, \u escapes, a float PHP's way, odd spacing.
  const body =
    '{"data": {"uuid": "u1", "name": "Caf\\u00e9", "event_type": "contact_created", "url": "https:\\/\\/e.com\\/h",' +
    ' "status": "ACTIVE", "version": "V1", "created_at": "2023-10-20T11:46:22+00:00", "score": 1.0e+25}, "meta": []}';
  mock.script([Fault.status(200, { body, headers: RATE_LIMITS })]);
  const { data, response } = await client.webhookSubscriptions.get('u1').withResponse();
  assert.equal(response.body.toString('utf8'), body);
  assert.deepEqual(response.rateLimit, { limit: 60, remaining: 57 });
  assert.equal(response.headers['x-ratelimit-remaining'], '57');
  assert.equal(data.name, 'Café');
  assert.equal(data.url, 'https://e.com/h');
  assert.deepEqual(data.extra, { score: 1e25 });
});

test('withResponse() of a call that fails rejects with the error, which carries the answer', async (t) => {
  const { client, mock } = await setUp(t);
  const body = '{"message": "Webhook subscription not found.", "code": 80300, "status_code": 400}';
  mock.script([Fault.status(400, { body, headers: { ...RATE_LIMITS, 'X-Request-Id': 'req_raw_1' } })]);
  const err = await client.webhookSubscriptions
    .get('00000000-0000-4000-8000-000000000000')
    .withResponse()
    .catch((e) => e);
  assert.ok(err instanceof NotFoundError, String(err));
  assert.equal(err.status, 400);
  assert.equal(err.requestId, 'req_raw_1');
  assert.equal(err.headers['x-request-id'], 'req_raw_1');
  assert.equal(err.headers['x-ratelimit-limit'], '60');
  assert.ok(Buffer.isBuffer(err.body));
  assert.equal(err.body.toString('utf8'), body);
  assert.equal(err.rateLimitLimit, 60);
  assert.equal(err.rateLimitRemaining, 57);
});

test('a call whose response is never asked for still rejects when it fails', async (t) => {
  const { client } = await setUp(t);
  const pending = client.webhookSubscriptions.get('00000000-0000-4000-8000-000000000000');
  pending.withResponse().catch(() => {});
  await assert.rejects(pending, NotFoundError);
});

test('an APIPromise and a PagePromise are awaited as they are, like a plain Promise', async (t) => {
  const { client } = await setUp(t);
  for (const pending of [client.webhookSubscriptions.list(), client.contacts.list()]) {
    // `await` takes a promise whose constructor is Promise as it is, not through then().
    assert.equal(Promise.resolve(pending), pending);
    assert.ok(pending instanceof APIPromise);
    await pending;
  }
  const page = client.contacts.list();
  assert.ok(page instanceof PagePromise);
  assert.equal(Object.prototype.toString.call(page), '[object PagePromise]');
  assert.ok(Array.isArray((await page).data));
});
