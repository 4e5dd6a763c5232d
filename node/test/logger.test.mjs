// The `logger` option: each client's events go to its own logger object (console, pino,
// winston, or anything with debug/info/warn/error), redacted like every other output.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, ConfigurationError } from 'leat-sdk';
import { Fault, MockServer } from 'leat-sdk/testing';

function recorder() {
  const records = [];
  const logger = {};
  for (const level of ['debug', 'info', 'warn', 'error']) {
    logger[level] = (message, fields) => records.push({ level, message, fields });
  }
  return { logger, records };
}

async function mockServer(t) {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  return mock;
}

test('each attempt reaches the logger with its fields', async (t) => {
  const mock = await mockServer(t);
  const { logger, records } = recorder();
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, logger });
  mock.script([Fault.status(503)]);
  await client.webhookSubscriptions.list();
  const attempts = records.filter((r) => r.fields?.attempt !== undefined && r.fields?.status !== undefined);
  assert.deepEqual(
    attempts.map((r) => [r.level, r.fields.attempt, r.fields.status]),
    [
      ['debug', 1, 503],
      ['debug', 2, 200],
    ],
  );
  assert.equal(attempts[0].message, 'error answer');
  assert.equal(attempts[0].fields.method, 'GET');
  assert.match(attempts[0].fields.path, /webhook-subscriptions$/);
  assert.ok(
    records.some((r) => r.message === 'retrying'),
    JSON.stringify(records),
  );
});

test('each client logs to its own logger, views to their client’s', async (t) => {
  const mock = await mockServer(t);
  const first = recorder();
  const second = recorder();
  const a = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, logger: first.logger });
  const b = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, logger: second.logger });
  const quiet = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  await a.webhookSubscriptions.list();
  await a.withOptions({ timeout: 5000 }).webhookSubscriptions.list();
  await quiet.webhookSubscriptions.list();
  await b.webhookSubscriptions.create({ name: 'n', eventType: 'contact_created', url: 'https://e.com/h' });
  assert.deepEqual([...new Set(first.records.map((r) => r.fields.method))], ['GET']);
  assert.equal(first.records.length, 2);
  assert.deepEqual(
    second.records.map((r) => r.fields.method),
    ['POST'],
  );
});

test('an echoed key never reaches the logger', async (t) => {
  const mock = await mockServer(t);
  const { logger, records } = recorder();
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, logger });
  mock.script([Fault.echo()]);
  await client.webhookSubscriptions.list().catch(() => {});
  const shown = JSON.stringify(records);
  assert.match(shown, /echo GET/);
  assert.ok(!shown.includes(mock.apiKey), shown);
});

test('a logger that throws does not break the call', async (t) => {
  const mock = await mockServer(t);
  const angry = () => {
    throw new Error('logging is down');
  };
  const client = new Client({
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    logger: { debug: angry, info: angry, warn: angry, error: angry },
  });
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
});

test('a logger without the four methods is a ConfigurationError', () => {
  for (const logger of [null, 42, {}, { debug() {}, info() {}, warn() {} }]) {
    assert.throws(() => new Client({ apiKey: 'k', logger }), ConfigurationError);
  }
  assert.doesNotThrow(() => new Client({ apiKey: 'k', logger: console }));
});
