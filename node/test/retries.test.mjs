// Retries and the whole-call timeout, as the core implements them, seen from Node.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { APITimeoutError, MaintenanceError, ServerError } from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { HOOK, apiRequests, setUp } from './support.mjs';

test('a GET after a dropped connection is retried and succeeds', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.dropConnection()]);
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
  assert.equal(apiRequests(mock, 'GET').length, 2);
});

test('a GET after a 500 is retried', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(500)]);
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
  assert.equal(apiRequests(mock, 'GET').length, 2);
});

test('a create after a 500 is sent once', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(500)]);
  await assert.rejects(client.webhookSubscriptions.create(HOOK), ServerError);
  assert.equal(apiRequests(mock, 'POST').length, 1);
  assert.deepEqual(mock.subscriptions(), []);
});

test('a create after a 503 is retried: Leat did not act', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(503, { headers: { 'Retry-After': '0' } })]);
  await client.webhookSubscriptions.create(HOOK);
  assert.equal(apiRequests(mock, 'POST').length, 2);
  assert.equal(mock.subscriptions().length, 1);
});

test('retries stop after maxRetries', async (t) => {
  const { client, mock } = await setUp(t, { maxRetries: 1 });
  mock.script([503, 503, 503].map((s) => Fault.status(s, { headers: { 'Retry-After': '0' } })));
  await assert.rejects(client.webhookSubscriptions.list(), MaintenanceError);
  assert.equal(apiRequests(mock, 'GET').length, 2);
});

test('Retry-After is honoured', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(429, { headers: { 'Retry-After': '1' } })]);
  const started = performance.now();
  await client.webhookSubscriptions.list();
  assert.ok(performance.now() - started >= 900);
});

test('the timeout bounds the whole call, retries and waits included', async (t) => {
  const { client, mock } = await setUp(t, { timeout: 500, maxRetries: 5 });
  mock.script([...Array(3).fill(Fault.status(503, { headers: { 'Retry-After': '0' } })), Fault.delay(5000)]);
  const started = performance.now();
  await assert.rejects(client.webhookSubscriptions.list(), APITimeoutError);
  assert.ok(performance.now() - started < 1500);
});

test('a retry never sleeps past the timeout', async (t) => {
  const { client, mock } = await setUp(t, { timeout: 1000 });
  mock.script([Fault.status(429, { headers: { 'Retry-After': '30' } })]);
  const started = performance.now();
  await assert.rejects(client.webhookSubscriptions.list());
  assert.ok(performance.now() - started < 1000);
});
