// One client serves many calls at once.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { HOOK, setUp } from './support.mjs';

test('200 concurrent calls on one client all succeed', async (t) => {
  const { client, mock } = await setUp(t);
  const created = await Promise.all(
    Array.from({ length: 200 }, (_, i) => client.webhookSubscriptions.create({ ...HOOK, name: `hook ${i}` })),
  );
  assert.equal(new Set(created.map((s) => s.uuid)).size, 200);
  const fetched = await Promise.all(created.map((s) => client.webhookSubscriptions.get(s.uuid)));
  assert.deepEqual(
    fetched.map((s) => s.name),
    created.map((s) => s.name),
  );
  assert.equal(mock.subscriptions().length, 200);
});

test('calls on many clients at once all succeed', async (t) => {
  const { mock } = await setUp(t);
  const { Client } = await import('leat-sdk');
  const clients = Array.from({ length: 20 }, () => new Client({ apiKey: mock.apiKey, baseUrl: mock.url }));
  const lists = await Promise.all(clients.map((c) => c.webhookSubscriptions.list()));
  assert.equal(lists.length, 20);
});
