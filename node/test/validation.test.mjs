// Bad arguments are refused before anything is sent, with a ValidationError naming them.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ValidationError } from 'leat-sdk';

import { HOOK, setUp } from './support.mjs';

const UUID = '59165ef0-1afd-4baf-b1f7-ffee287aff32';

const cases = [
  ['an empty name', (s) => s.create({ ...HOOK, name: '' }), 'name'],
  ['a missing name', (s) => s.create({ eventType: HOOK.eventType, url: HOOK.url }), 'name'],
  ['an empty event type', (s) => s.create({ ...HOOK, eventType: '' }), 'eventType'],
  ['a relative url', (s) => s.create({ ...HOOK, url: '/hooks' }), 'url'],
  ['a url that is not http(s)', (s) => s.create({ ...HOOK, url: 'ftp://example.com/h' }), 'url'],
  ['no create params at all', (s) => s.create(), 'name'],
  ['a name that is not a string', (s) => s.create({ ...HOOK, name: 42 }), 'name'],
  ['attributes that are not strings', (s) => s.create({ ...HOOK, attributes: ['a', 1] }), 'attributes'],
  ['a misspelt option', (s) => s.create({ ...HOOK, event_type: 'contact_created' }), 'event_type'],
  ['a list status that is not ACTIVE or INACTIVE', (s) => s.list({ status: 'PAUSED' }), 'status'],
  ['list params that are not an object', (s) => s.list('ACTIVE'), 'list()'],
  ['an update status that is not ACTIVE or INACTIVE', (s) => s.update(UUID, { status: 'active' }), 'status'],
  ['an update url that is not absolute', (s) => s.update(UUID, { url: 'example.com' }), 'url'],
  ['an empty uuid', (s) => s.get(''), 'uuid'],
  ['a uuid with a slash', (s) => s.get(`${UUID}/../x`), 'uuid'],
  ['a uuid with a query', (s) => s.delete(`${UUID}?force=1`), 'uuid'],
  ['a uuid with a space', (s) => s.update(`${UUID} `, { name: 'n' }), 'uuid'],
  ['a uuid with a percent sign', (s) => s.get('%2e%2e'), 'uuid'],
  ['a uuid that is not a string', (s) => s.get(42), 'uuid'],
  ['a missing uuid', (s) => s.delete(), 'uuid'],
];

for (const [what, call, argument] of cases) {
  test(`${what} is refused before sending`, async (t) => {
    const { client, mock } = await setUp(t);
    await assert.rejects(call(client.webhookSubscriptions), (err) => {
      assert.ok(err instanceof ValidationError, `${err.name}: ${err.message}`);
      assert.equal(err.argument, argument);
      return true;
    });
    assert.deepEqual(mock.requests(), []);
  });
}

test('the message names the value that failed and what to do', async (t) => {
  const { client } = await setUp(t);
  await assert.rejects(client.webhookSubscriptions.create({ ...HOOK, url: '/hooks' }), {
    message: /invalid argument `url`: must be an absolute http\(s\) URL .*"\/hooks"/,
  });
});

test('an unknown option lists the known ones', async (t) => {
  const { client } = await setUp(t);
  await assert.rejects(client.webhookSubscriptions.update(UUID, { stauts: 'ACTIVE' }), {
    message: /`stauts`.*name, url, status, attributes/,
  });
});

test('event types are open: an unknown one is sent as given', async (t) => {
  const { client, mock } = await setUp(t);
  await assert.rejects(client.webhookSubscriptions.list({ eventType: 'brand_new_event' }));
  assert.equal(mock.requests()[0].query, 'event_type=brand_new_event');
});
