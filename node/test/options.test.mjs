// Per-call options ({ timeout, maxRetries, signal } as the last argument of every method) and
// client.withOptions(): one call's settings, without a second client.

import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';

import {
  AbortError,
  APITimeoutError,
  Client,
  ConfigurationError,
  LeatError,
  MaintenanceError,
  ValidationError,
} from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { apiRequests, HOOK, setUp } from './support.mjs';

test('a per-call timeout bounds that call only', async (t) => {
  const { mock, client } = await setUp(t);
  mock.script([Fault.delay(600)]);
  await assert.rejects(client.webhookSubscriptions.list(undefined, { timeout: 150 }), (err) => {
    assert.ok(err instanceof APITimeoutError, String(err));
    assert.equal(err.timeoutMs, 150);
    return true;
  });
  mock.script([Fault.delay(300)]);
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
});

test('per-call maxRetries replaces the client’s for that call', async (t) => {
  const { mock, client } = await setUp(t);
  mock.script([Fault.status(503), Fault.status(503)]);
  await assert.rejects(client.webhookSubscriptions.list({}, { maxRetries: 0 }), MaintenanceError);
  assert.equal(apiRequests(mock).length, 1);
});

test('withOptions gives a client with other settings that shares the credentials and token', async (t) => {
  const { mock } = await setUp(t);
  const client = new Client({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url });
  const quick = client.withOptions({ timeout: 150, maxRetries: 0 });
  assert.ok(quick instanceof Client);
  assert.equal(quick.baseUrl, client.baseUrl);
  await client.webhookSubscriptions.list();
  mock.script([Fault.delay(600)]);
  await assert.rejects(quick.webhookSubscriptions.list(), APITimeoutError);
  const created = await quick.webhookSubscriptions.create(HOOK);
  assert.equal((await client.webhookSubscriptions.get(created.uuid)).uuid, created.uuid);
  assert.equal(mock.tokenRequests(), 1, 'one token for the client and its view');
});

test('bad per-call options are refused by name before anything is sent', async (t) => {
  const { mock, client } = await setUp(t);
  for (const [options, pattern] of [
    [{ timeout: 0 }, /timeout must be a number of milliseconds greater than zero, got 0/],
    [{ timeout: NaN }, /got NaN/],
    [{ maxRetries: -1 }, /maxRetries must be a whole number/],
    [{ retries: 1 }, /`retries` is not an option of options; the options are timeout, maxRetries/],
  ]) {
    await assert.rejects(client.webhookSubscriptions.list(undefined, options), (err) => {
      assert.ok(err instanceof ConfigurationError, String(err));
      assert.match(err.message, pattern);
      return true;
    });
  }
  assert.throws(() => client.withOptions({ timeout: -1 }), ConfigurationError);
  await assert.rejects(client.webhookSubscriptions.list(undefined, 5), ValidationError);
  await assert.rejects(client.webhookSubscriptions.list(undefined, { signal: 'nope' }), ValidationError);
  assert.equal(apiRequests(mock).length, 0);
});

test('an already aborted signal rejects with AbortError and sends nothing', async (t) => {
  const { mock, client } = await setUp(t);
  const reason = new Error('user left');
  const err = await client.webhookSubscriptions.create(HOOK, { signal: AbortSignal.abort(reason) }).catch((e) => e);
  assert.ok(err instanceof AbortError, String(err));
  assert.ok(err instanceof LeatError);
  assert.equal(err.name, 'AbortError');
  assert.equal(err.cause, reason);
  assert.equal(err.maybeSent, false);
  assert.match(err.message, /before it was sent/);
  assert.equal(apiRequests(mock).length, 0);
});

test('aborting a call in flight rejects at once and drops it', async (t) => {
  const { mock, client } = await setUp(t);
  mock.script([Fault.delay(2000)]);
  const controller = new AbortController();
  const started = performance.now();
  const pending = client.webhookSubscriptions.list(undefined, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const err = await pending.catch((e) => e);
  assert.ok(performance.now() - started < 1000, 'rejected at once, not after the delay');
  assert.ok(err instanceof AbortError, String(err));
  assert.equal(err.name, 'AbortError');
  assert.equal(err.cause.name, 'AbortError', 'the signal’s own reason is kept');
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  // The client goes on.
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
});

test('an aborted create in flight says its outcome is unknown', async (t) => {
  const { mock, client } = await setUp(t);
  mock.script([Fault.delay(500)]);
  const err = await client.webhookSubscriptions.create(HOOK, { signal: AbortSignal.timeout(50) }).catch((e) => e);
  assert.ok(err instanceof AbortError, String(err));
  assert.equal(err.maybeSent, true);
  assert.equal(err.operation, 'create');
  assert.match(err.message, /outcome is unknown/);
  assert.equal(err.cause.name, 'TimeoutError');
});

test('a signal that never fires leaves no listener behind', async (t) => {
  const { client } = await setUp(t);
  const controller = new AbortController();
  for (let i = 0; i < 20; i++) await client.webhookSubscriptions.list(undefined, { signal: controller.signal });
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  controller.abort();
});
