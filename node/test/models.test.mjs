// What every generated model mapper does with Leat's JSON: known fields camelCased, nested
// models mapped, timestamps as Date, PHP's `[]` for an empty object read as null (and as `{}`
// for a map), lists Leat leaves out read as [], and everything else kept as Leat sent it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Fault } from 'leat-sdk/testing';

import { setUp } from './support.mjs';

const UUID = '59165ef0-1afd-4baf-b1f7-ffee287aff32';

/** Answers the next request with `data` in Leat's envelope. */
function answer(mock, data) {
  mock.script([Fault.status(200, { body: JSON.stringify({ data, meta: [] }) })]);
}

test('nested models are mapped and unknown fields kept under extra at every level', async (t) => {
  const { client, mock } = await setUp(t);
  answer(mock, {
    uuid: UUID,
    email: 'jane@example.com',
    credit_balance: { balance: 120, id: 4, expires_soon: 10 },
    tier: { name: 'Gold', position: 2, media: null },
    subscriptions: [
      {
        is_subscribed: true,
        status: 1,
        subscription_type: { name: 'News', description: 'd', active: true, strategy: 'OPT_IN', uuid: null },
      },
    ],
    current_values: { firstname: 'Jane', 'birth-date': '1990-01-01' },
    loyalty_level: 'new in this version',
  });
  const contact = await client.contacts.get(UUID);
  assert.equal(contact.uuid, UUID);
  assert.deepEqual(contact.creditBalance, { balance: 120, id: 4, extra: { expires_soon: 10 } });
  assert.equal(contact.tier.name, 'Gold');
  assert.equal(contact.tier.media, null);
  assert.equal(contact.subscriptions[0].isSubscribed, true);
  assert.equal(contact.subscriptions[0].subscriptionType.name, 'News');
  assert.equal(contact.subscriptions[0].subscriptionType.uuid, null);
  assert.deepEqual(contact.currentValues, { firstname: 'Jane', 'birth-date': '1990-01-01' });
  assert.deepEqual(contact.extra, { loyalty_level: 'new in this version' });
  assert.equal(Object.getPrototypeOf(contact.tier), Object.prototype);
});

test("PHP's [] for an empty object is null, for an empty map {}; a list left out or null is []", async (t) => {
  const { client, mock } = await setUp(t);
  answer(mock, { uuid: UUID, tier: [], current_values: [], attributes: null });
  const contact = await client.contacts.get(UUID);
  assert.equal(contact.tier, null);
  assert.deepEqual(contact.currentValues, {});
  assert.deepEqual(contact.attributes, []);
  assert.deepEqual(contact.subscriptions, []);
  assert.equal(contact.creditBalance, undefined, 'a field Leat left out stays undefined');
  assert.ok(!('credit_balance' in contact.extra));
});

test('timestamps become Dates in both of Leat forms; numbers and text stay as sent', async (t) => {
  const { client, mock } = await setUp(t);
  const item = {
    uuid: UUID,
    name: 'a',
    event_type: 'contact_created',
    url: 'https://e.com/h',
    status: 'ACTIVE',
    version: 'V1',
    created_at: '2023-11-13 12:32:43+00:00',
    big: 12345678901234,
    ratio: 0.1,
  };
  // A key named __proto__, which only JSON text can carry as a field.
  const data = `[${JSON.stringify(item).slice(0, -1)},"__proto__":{"polluted":true}}]`;
  mock.script([Fault.status(200, { body: `{"data": ${data}, "meta": []}` })]);
  const [sub] = await client.webhookSubscriptions.list();
  assert.ok(sub.createdAt instanceof Date);
  assert.equal(sub.createdAt.toISOString(), '2023-11-13T12:32:43.000Z');
  assert.equal(sub.extra.big, 12345678901234);
  assert.equal(sub.extra.ratio, 0.1);
  assert.equal(Object.getPrototypeOf(sub.extra), Object.prototype, 'a __proto__ key is a field, not the prototype');
  assert.deepEqual(Object.keys(sub.extra), ['big', 'ratio', '__proto__']);
  assert.equal({}.polluted, undefined);
});

test('a model survives JSON.stringify with its fields and extra', async (t) => {
  const { client, mock } = await setUp(t);
  answer(mock, { uuid: UUID, credit_balance: { balance: 5 }, extra_thing: [1] });
  const contact = await client.contacts.get(UUID);
  const copy = JSON.parse(JSON.stringify(contact));
  assert.deepEqual(copy.creditBalance, { balance: 5, extra: {} });
  assert.deepEqual(copy.extra, { extra_thing: [1] });
});
