// leat-sdk/testing: MockServer and the Fault builders.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, MaintenanceError } from 'leat-sdk';
import { Fault, MockServer } from 'leat-sdk/testing';

test('Fault builds the plain objects script() takes', () => {
  assert.deepEqual(Fault.status(503), { status: 503 });
  assert.deepEqual(Fault.status(429, { body: '{}', headers: { 'Retry-After': '2' }, path: '/api' }), {
    status: 429,
    body: '{}',
    headers: { 'Retry-After': '2' },
    path: '/api',
  });
  assert.deepEqual(Fault.delay(1500), { delay_ms: 1500 });
  assert.deepEqual(Fault.delay(200, { path: '/oauth/token' }), { delay_ms: 200, path: '/oauth/token' });
  assert.deepEqual(Fault.dropConnection(), { drop: true });
  assert.deepEqual(Fault.malformedBody({ path: '/api' }), { malformed: true, path: '/api' });
  assert.deepEqual(Fault.status(503, { method: 'POST' }), { status: 503, method: 'POST' });
  assert.deepEqual(Fault.dropConnection({ path: '/api', method: 'put' }), { drop: true, path: '/api', method: 'put' });
});

test('a fault with a method is taken only by a request with that method', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
  mock.script([Fault.status(503, { method: 'post' })]);
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
  await assert.rejects(
    client.webhookSubscriptions.create({ name: 'n', eventType: 'contact_created', url: 'https://example.com/h' }),
    MaintenanceError,
  );
});

test('clearRequests() forgets the requests received so far', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  await client.webhookSubscriptions.list();
  assert.equal(mock.requests().length, 1);
  mock.clearRequests();
  assert.deepEqual(mock.requests(), []);
});

test('trigger() needs an event type, and resolves [] when nothing listens', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  await assert.rejects(mock.trigger(), /trigger\(\) needs an event type such as 'contact_created', got undefined/);
  assert.deepEqual(await mock.trigger('contact_created', { contact: { uuid: 'c1' } }), []);
});

test('a mock starts with the credentials asked for', async (t) => {
  const mock = await MockServer.start({ apiKey: 'k_test', clientId: 4242, clientSecret: 's_test' });
  t.after(() => mock.stop());
  assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(mock.apiKey, 'k_test');
  assert.equal(mock.clientId, '4242');
  assert.equal(mock.clientSecret, 's_test');
});

test('a mock picks random credentials by default', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  assert.ok(mock.apiKey.length > 8);
  assert.match(mock.clientId, /^\d+$/);
  assert.ok(mock.clientSecret.length > 8);
});

test('script takes plain JSON objects', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
  mock.script([{ status: 503, headers: { 'Retry-After': '1' } }]);
  await assert.rejects(client.webhookSubscriptions.list(), MaintenanceError);
});

test('a bad fault is refused with the reason', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  assert.throws(() => mock.script([{ stauts: 503 }]), /fault #0.*stauts/);
  assert.throws(() => mock.script([{ drop: true, malformed: true }]), /exactly one/);
  assert.throws(() => mock.script(Fault.status(503)), /JSON array/);
});

test('requests() records what the client sent', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  await client.webhookSubscriptions.list({ status: 'ACTIVE' });
  const [request] = mock.requests();
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/api/v3/oauth/clients/webhook-subscriptions');
  assert.equal(request.query, 'status=ACTIVE');
  assert.equal(request.headers.authorization, `Bearer ${mock.apiKey}`);
  assert.equal(request.body, '');
});

test('a mock cannot be made without start()', () => {
  assert.throws(() => new MockServer(), TypeError);
});

test('a stopped mock refuses connections and calls, and stops twice quietly', async () => {
  const mock = await MockServer.start();
  await mock.stop();
  await mock.stop();
  assert.throws(() => mock.requests(), /stopped/);
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
  await assert.rejects(client.webhookSubscriptions.list(), { name: 'APIConnectionError' });
});

test('bad mock options are refused', async () => {
  await assert.rejects(MockServer.start({ port: 'x' }), /`port` must be an integer/);
  await assert.rejects(MockServer.start({ apiKye: 'x' }), /`apiKye` is not an option/);
  await assert.rejects(
    MockServer.start({ deliveryBackoffMs: -5 }),
    /`deliveryBackoffMs` must be a number of milliseconds >= 0/,
  );
  await assert.rejects(MockServer.start({ webhookSecret: 7 }), /`webhookSecret` must be a string, got a number/);
});
