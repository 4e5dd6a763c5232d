// What Leat may add later is kept: unknown fields, event types and statuses.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Fault } from 'leat-sdk/testing';

import { fixture, setUp } from './support.mjs';

const UUID = '59165ef0-1afd-4baf-b1f7-ffee287aff32';

test('an unknown event type and status are returned as they came', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(200, { body: fixture('get_unknown_values.json') })]);
  const sub = await client.webhookSubscriptions.get(UUID);
  assert.equal(sub.eventType, 'loyalty_tier_changed');
  assert.equal(sub.status, 'PAUSED');
  assert.equal(sub.version, 'V2');
  assert.deepEqual(sub.properties, []);
  assert.deepEqual(sub.extra, {});
});

test('unknown fields are kept under extra, as Leat sent them', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(200, { body: fixture('get_extra_fields.json') })]);
  const sub = await client.webhookSubscriptions.get(UUID);
  assert.deepEqual(sub.properties, ['firstname', 'lastname']);
  assert.deepEqual(sub.extra, {
    updated_at: '2023-11-14T08:00:00+00:00',
    retries: { max: 5 },
  });
  assert.equal(sub.createdAt.toISOString(), '2023-11-13T12:32:43.000Z');
  assert.deepEqual(JSON.parse(JSON.stringify(sub)).extra.retries, { max: 5 });
});

test('the documentation examples decode', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([
    Fault.status(200, { body: fixture('list.json') }),
    Fault.status(200, { body: fixture('get_created_at_space.json') }),
    Fault.status(200, { body: fixture('get_meta_null.json') }),
  ]);
  const listed = await client.webhookSubscriptions.list();
  assert.ok(listed.length > 0);
  for (const sub of listed) assert.ok(sub.createdAt instanceof Date && !Number.isNaN(sub.createdAt.getTime()));
  const spaced = await client.webhookSubscriptions.get(UUID);
  assert.ok(!Number.isNaN(spaced.createdAt.getTime()));
  await client.webhookSubscriptions.get(UUID);
});
