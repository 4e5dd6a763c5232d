// The generated groups: reached from the client, loaded once, and calling by the convention of
// the contract: path parameters positional, the others in one object keyed by camelCase names,
// custom attributes at the body's top level, maps and lists in the query as PHP reads them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { ValidationError } from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { setUp } from './support.mjs';

const UUID = '59165ef0-1afd-4baf-b1f7-ffee287aff32';
const SHOP = '0b1e4f0c-7a8e-4d3b-9b1a-9f0e6d5c4b3a';

/** The `data` of the spec's example answer of operation `id`. */
function example(id) {
  return JSON.parse(readFileSync(new URL(`../../spec/examples/${id}.json`, import.meta.url), 'utf8')).data;
}

/** The last request the mock received, after answering it with `data`. */
async function sent(mock, call, data = { uuid: UUID }) {
  mock.script([Fault.status(200, { body: JSON.stringify({ data, meta: [] }) })]);
  const result = await call();
  return { request: mock.requests().at(-1), result };
}

test('a group is made once per client, and each client has its own', async (t) => {
  const { client } = await setUp(t);
  assert.equal(client.contacts, client.contacts);
  assert.notEqual(client.withOptions({ maxRetries: 0 }).contacts, client.contacts);
  assert.deepEqual(Object.keys(client), []);
});

test('custom attributes go at the top level of the body, beside the parameters', async (t) => {
  const { client, mock } = await setUp(t);
  const { request, result } = await sent(
    mock,
    () =>
      client.creditReceptions.create({
        contactUuid: UUID,
        shopUuid: SHOP,
        unitValue: 10.4,
        customAttributes: { receipt_number: 'R-17', lane: 3 },
      }),
    example('credit_receptions.create'),
  );
  assert.equal(result.uuid, example('credit_receptions.create').uuid);
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/api/v3/oauth/clients/credit-receptions');
  assert.deepEqual(JSON.parse(request.body), {
    contact_uuid: UUID,
    shop_uuid: SHOP,
    unit_value: 10.4,
    receipt_number: 'R-17',
    lane: 3,
  });
});

test('path parameters are positional and the rest goes by camelCase name', async (t) => {
  const { client, mock } = await setUp(t);
  const { request } = await sent(mock, () => client.contacts.update(UUID, { attributes: { firstname: 'Jane' } }));
  assert.equal(request.method, 'PUT');
  assert.equal(request.path, `/api/v3/oauth/clients/contacts/${UUID}`);
  assert.deepEqual(JSON.parse(request.body), { attributes: { firstname: 'Jane' } });
});

test('a map in the query goes as name[key]=value, as Laravel reads it', async (t) => {
  const { client, mock } = await setUp(t);
  mock.script([Fault.status(200, { body: '{"data": [], "meta": {"page": 1, "last_page": 1}}' })]);
  const page = await client.contacts.list({ createdAt: { gte: '2024-01-01T00:00:00+00:00' }, sort: '-created_at' });
  assert.deepEqual(page.data, []);
  assert.equal(page.hasNextPage(), false);
  const query = new URLSearchParams(mock.requests().at(-1).query);
  assert.deepEqual(
    [...query],
    [
      ['sort', '-created_at'],
      ['created_at[gte]', '2024-01-01T00:00:00+00:00'],
    ],
  );
});

test('an operation that answers nothing resolves undefined', async (t) => {
  const { client, mock } = await setUp(t);
  const { request, result } = await sent(mock, () => client.contacts.delete(UUID, { type: 'GDPR' }), null);
  assert.equal(result, undefined);
  assert.equal(request.path, `/api/v3/oauth/clients/contacts/${UUID}/delete`);
  assert.deepEqual(JSON.parse(request.body), { type: 'GDPR' });
});

test('bad arguments of any generated method are refused by their camelCase names, before sending', async (t) => {
  const { client, mock } = await setUp(t);
  for (const [call, argument] of [
    [() => client.contacts.get(''), 'contactUuid'],
    [() => client.contacts.delete(UUID, { type: 'SOFT' }), 'type'],
    [() => client.contacts.findOneBy({ email: 'not an address' }), 'email'],
    [() => client.contacts.findOneBy({}), 'email'],
    [() => client.creditReceptions.create({ contactUuid: UUID, shopUuid: SHOP, credits: 1.5 }), 'credits'],
    [() => client.contacts.update(UUID, 'Jane'), 'update()'],
    [() => client.contacts.list({ contact_uuid: UUID }), 'contact_uuid'],
  ]) {
    await assert.rejects(call(), (err) => {
      assert.ok(err instanceof ValidationError, `${err.name}: ${err.message}`);
      assert.equal(err.argument, argument);
      return true;
    });
  }
  assert.deepEqual(mock.requests(), []);
});
