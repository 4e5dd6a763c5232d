// Every operation of client.webhookSubscriptions against the mock server.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EventType, Status } from 'leat-sdk';

import { HOOK, SUBSCRIPTIONS_PATH, apiRequests, setUp } from './support.mjs';

test('create returns the new subscription as a plain camelCase object', async (t) => {
  const { client } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  assert.equal(typeof created.uuid, 'string');
  assert.equal(created.name, 'New members');
  assert.equal(created.eventType, 'contact_created');
  assert.equal(created.url, 'https://example.com/hooks');
  assert.deepEqual(created.properties, []);
  assert.equal(created.status, 'ACTIVE');
  assert.equal(created.version, 'V1');
  assert.ok(created.createdAt instanceof Date);
  assert.ok(Math.abs(created.createdAt.getTime() - Date.now()) < 60_000);
  assert.deepEqual(created.extra, {});
  assert.equal(Object.getPrototypeOf(created), Object.prototype);
});

test('a subscription survives JSON.stringify', async (t) => {
  const { client } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  const copy = JSON.parse(JSON.stringify(created));
  assert.equal(copy.uuid, created.uuid);
  assert.equal(copy.createdAt, created.createdAt.toISOString());
});

test('create sends Leat field names and leaves out what was not given', async (t) => {
  const { client, mock } = await setUp(t);
  await client.webhookSubscriptions.create(HOOK);
  const [post] = apiRequests(mock, 'POST');
  assert.deepEqual(JSON.parse(post.body), {
    name: 'New members',
    event_type: 'contact_created',
    url: 'https://example.com/hooks',
  });
  assert.equal(post.headers['content-type'], 'application/json');
});

test('create sends secret and attributes when given', async (t) => {
  const { client, mock } = await setUp(t);
  await client.webhookSubscriptions.create({
    ...HOOK,
    eventType: EventType.CONTACT_UPDATED,
    secret: 'whsec_test',
    attributes: ['firstname'],
  });
  const body = JSON.parse(apiRequests(mock, 'POST')[0].body);
  assert.equal(body.secret, 'whsec_test');
  assert.deepEqual(body.attributes, ['firstname']);
});

test('get returns the subscription create made', async (t) => {
  const { client } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  const fetched = await client.webhookSubscriptions.get(created.uuid);
  assert.deepEqual(fetched, created);
});

test('list returns every subscription', async (t) => {
  const { client } = await setUp(t);
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
  const a = await client.webhookSubscriptions.create(HOOK);
  const b = await client.webhookSubscriptions.create({ ...HOOK, eventType: EventType.VOUCHER_CREATED });
  const listed = await client.webhookSubscriptions.list();
  assert.deepEqual(
    listed.map((s) => s.uuid),
    [a.uuid, b.uuid],
  );
});

test('list filters go in the query string', async (t) => {
  const { client, mock } = await setUp(t);
  await client.webhookSubscriptions.create(HOOK);
  await client.webhookSubscriptions.create({ ...HOOK, eventType: EventType.VOUCHER_CREATED });
  const listed = await client.webhookSubscriptions.list({
    eventType: EventType.VOUCHER_CREATED,
    status: Status.ACTIVE,
  });
  assert.deepEqual(
    listed.map((s) => s.eventType),
    ['voucher_created'],
  );
  const get = apiRequests(mock, 'GET').at(-1);
  assert.equal(get.path, SUBSCRIPTIONS_PATH);
  assert.equal(get.query, 'event_type=voucher_created&status=ACTIVE');
});

test('update changes only the fields given', async (t) => {
  const { client, mock } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  const updated = await client.webhookSubscriptions.update(created.uuid, {
    name: 'Paused',
    status: Status.INACTIVE,
  });
  assert.equal(updated.uuid, created.uuid);
  assert.equal(updated.name, 'Paused');
  assert.equal(updated.status, 'INACTIVE');
  assert.equal(updated.url, created.url);
  const put = apiRequests(mock, 'PUT')[0];
  assert.equal(put.path, `${SUBSCRIPTIONS_PATH}/${created.uuid}`);
  assert.deepEqual(JSON.parse(put.body), { name: 'Paused', status: 'INACTIVE' });
});

test('delete resolves undefined and the subscription is gone', async (t) => {
  const { client, mock } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  assert.equal(await client.webhookSubscriptions.delete(created.uuid), undefined);
  assert.deepEqual(mock.subscriptions(), []);
  assert.equal(apiRequests(mock, 'DELETE')[0].path, `${SUBSCRIPTIONS_PATH}/${created.uuid}`);
});

test('every request carries the key, the partner id and a node user agent', async (t) => {
  const { client, mock } = await setUp(t, { partnerId: 'partner-7' });
  await client.webhookSubscriptions.list();
  const [get] = apiRequests(mock, 'GET');
  assert.equal(get.headers.authorization, `Bearer ${mock.apiKey}`);
  assert.equal(get.headers['x-partner-id'], 'partner-7');
  assert.match(get.headers['user-agent'], new RegExp(`^leat-sdk/\\S+ .*node/${process.version}`));
});

test('the client reports its base URL', async (t) => {
  const { client, mock } = await setUp(t);
  assert.equal(client.baseUrl, mock.url);
});

test('the client reads LEAT_API_KEY and LEAT_BASE_URL when no options are given', async (t) => {
  const { mock } = await setUp(t);
  const saved = { key: process.env.LEAT_API_KEY, url: process.env.LEAT_BASE_URL };
  process.env.LEAT_API_KEY = mock.apiKey;
  process.env.LEAT_BASE_URL = mock.url;
  t.after(() => {
    for (const [name, value] of [
      ['LEAT_API_KEY', saved.key],
      ['LEAT_BASE_URL', saved.url],
    ]) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const { Client } = await import('leat-sdk');
  const client = new Client();
  assert.equal(client.baseUrl, mock.url);
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
});
