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

test('a bigint option or argument is the documented error naming it and its type, never a bare TypeError', async (t) => {
  const { mock, client } = await setUp(t);
  const subs = client.webhookSubscriptions;
  const configuration = (name) => (err) => {
    assert.ok(err instanceof ConfigurationError, String(err));
    assert.match(err.message, new RegExp(`option \`${name}\` must be .*, got a bigint`));
    return true;
  };
  await assert.rejects(subs.get('9f1b7a0e-0000-4000-8000-000000000000', { timeout: 10n }), configuration('timeout'));
  await assert.rejects(subs.list(undefined, { maxRetries: 1n }), configuration('maxRetries'));
  assert.throws(() => client.withOptions({ timeout: 10n }), configuration('timeout'));
  assert.throws(() => client.withOptions({ maxRetries: 1n }), configuration('maxRetries'));
  assert.throws(() => new Client({ apiKey: mock.apiKey, baseUrl: mock.url, timeout: 10n }), configuration('timeout'));
  const validation = (argument, got) => (err) => {
    assert.ok(err instanceof ValidationError, String(err));
    assert.equal(err.argument, argument);
    assert.match(err.message, new RegExp(`got ${got}`));
    return true;
  };
  await assert.rejects(subs.get(10n), validation('uuid', 'a bigint'));
  await assert.rejects(subs.create({ ...HOOK, name: 5n }), validation('name', 'a bigint'));
  await assert.rejects(
    subs.create({ ...HOOK, attributes: ['a', 2n] }),
    validation('attributes', 'a bigint at attributes\\[1\\]'),
  );
  assert.equal(apiRequests(mock).length, 0);
});

test('an option JSON would drop or cannot write is refused by name, not ignored', async (t) => {
  const { mock, client } = await setUp(t);
  assert.throws(() => client.withOptions({ timeout: () => 5 }), {
    name: 'ConfigurationError',
    message: /option `timeout` must be a number of milliseconds, got a function/,
  });
  await assert.rejects(client.webhookSubscriptions.list(undefined, { maxRetries: Symbol('x') }), {
    name: 'ConfigurationError',
    message: /got a symbol/,
  });
  const circular = { eventType: 'contact_created' };
  circular.self = circular;
  await assert.rejects(client.webhookSubscriptions.list(circular), {
    name: 'ValidationError',
    message: /must be JSON-serialisable data/,
  });
  assert.equal(apiRequests(mock).length, 0);
});

test('a timeout under a nanosecond is refused by a view as by the constructor', async (t) => {
  const { mock, client } = await setUp(t);
  const tiny = /timeout must be a number of milliseconds greater than zero, got 1e-9, which is less than a nanosecond/;
  assert.throws(() => new Client({ apiKey: mock.apiKey, baseUrl: mock.url, timeout: 1e-9 }), {
    name: 'ConfigurationError',
    message: tiny,
  });
  assert.throws(() => client.withOptions({ timeout: 1e-9 }), { name: 'ConfigurationError', message: tiny });
  await assert.rejects(client.webhookSubscriptions.list(undefined, { timeout: 1e-9 }), {
    name: 'ConfigurationError',
    message: tiny,
  });
});

test('a view has no lifetime of its own to end: the client works before, beside and after it', async (t) => {
  const { client } = await setUp(t);
  let view = client.withOptions({ timeout: 2_000 });
  assert.equal(typeof view.close, 'undefined', 'nothing to close, as for the client');
  assert.deepEqual(await view.webhookSubscriptions.list(), []);
  view = null;
  globalThis.gc?.();
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
  assert.deepEqual(await client.withOptions({ maxRetries: 0 }).webhookSubscriptions.list(), []);
});

test('ten thousand calls sharing one signal add one listener to it and no MaxListenersExceededWarning', async (t) => {
  const { client } = await setUp(t);
  const warnings = [];
  const onWarning = (warning) => warnings.push(warning);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  const signal = AbortSignal.timeout(60_000);
  const calls = Array.from({ length: 10_000 }, () => client.webhookSubscriptions.list(undefined, { signal }));
  assert.equal(getEventListeners(signal, 'abort').length, 1);
  const results = await Promise.all(calls);
  assert.equal(results.length, 10_000);
  assert.equal(getEventListeners(signal, 'abort').length, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    warnings.map((w) => w.name),
    [],
  );
});

test('aborting a signal shared by many calls rejects every one of them', async (t) => {
  const { mock, client } = await setUp(t);
  mock.script(Array.from({ length: 20 }, () => Fault.delay(2000)));
  const controller = new AbortController();
  const calls = Array.from({ length: 20 }, () =>
    client.webhookSubscriptions.list(undefined, { signal: controller.signal }).catch((e) => e),
  );
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  setTimeout(() => controller.abort(), 50);
  const errors = await Promise.all(calls);
  assert.ok(errors.every((err) => err instanceof AbortError));
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  // A later call on the same, aborted signal is refused before it is sent.
  const late = await client.webhookSubscriptions.list(undefined, { signal: controller.signal }).catch((e) => e);
  assert.equal(late.maybeSent, false);
});
