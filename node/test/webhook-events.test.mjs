// Typed webhook events: the entity each event type carries (from the shared realistic payloads
// of tests/fixtures/webhook_events.json), and `client.webhooks.resolve(event)` fetching its
// current state from the mock.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EventType, NotFoundError, ValidationError, webhooks } from 'leat-sdk';
import { setUp, webhookEventFixture, webhookEventFixtures } from './support.mjs';

const KINDS = [
  'contact',
  'contactIdentifier',
  'creditReception',
  'giftcardTransaction',
  'prepaidTransaction',
  'promotion',
  'reward',
  'voucher',
];

/** The delivery as a receiver gets it: signed bytes, verified and parsed by the core. */
function received(body) {
  const raw = JSON.stringify(body);
  return webhooks.constructEvent(raw, webhooks.sign(raw, 'whsec_test'), 'whsec_test');
}

const camel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

test('every event type has a fixture', () => {
  assert.deepEqual(
    webhookEventFixtures()
      .map((e) => e.type)
      .sort(),
    Object.values(EventType).sort(),
  );
});

for (const fixture of webhookEventFixtures()) {
  test(`${fixture.type}: the entity is typed from a realistic payload`, () => {
    const event = received(fixture.body);
    assert.deepEqual(Object.keys(event), ['eventType', 'data']);
    if (fixture.model === null) {
      assert.equal(event.entity, undefined);
      for (const kind of KINDS) assert.equal(event[kind], undefined, kind);
      return;
    }
    const raw = fixture.body.data[fixture.entity];
    assert.equal(event.entity.uuid ?? event.entity.value, raw.uuid ?? raw.value);
    for (const kind of KINDS) {
      assert.equal(event[kind], kind === camel(fixture.entity) ? event.entity : undefined, kind);
    }
  });
}

test('the typed entity reads the fields camelCased, timestamps as Dates', () => {
  const reception = received(webhookEventFixture('credit_reception_created').body).creditReception;
  assert.equal(reception.uuid, '294183c2-20f2-4f86-a5e5-17e71c4b0660');
  assert.equal(reception.contact.uuid, '123');
  assert.ok(reception.createdAt instanceof Date);
  assert.equal(received(webhookEventFixture('voucher_redeemed').body).voucher.code, 'EXAMPLE-CODE-03785');
});

test('an absent or malformed entity is undefined', () => {
  for (const data of [
    {},
    { contact: null },
    { contact: [] },
    { contact: '123' },
    { contact: { email: 'no-uuid@example.com' } },
    { voucher: { uuid: 'the wrong key' } },
  ]) {
    const event = received({ type: 'contact_created', data });
    assert.equal(event.entity, undefined, JSON.stringify(data));
    assert.equal(event.contact, undefined, JSON.stringify(data));
  }
  assert.equal(received({ type: 'loyalty_party_started', data: { contact: { uuid: '1' } } }).entity, undefined);
});

test('fields the model does not know are kept in extra', () => {
  const { body } = webhookEventFixture('contact_created');
  const event = received({ ...body, data: { contact: { ...body.data.contact, favourite_colour: 'teal' } } });
  assert.deepEqual(event.contact.extra, { favourite_colour: 'teal' });
});

test('the event serialises as eventType and data only', () => {
  const { body } = webhookEventFixture('contact_created');
  assert.deepEqual(JSON.parse(JSON.stringify(received(body))), { eventType: body.type, data: body.data });
});

test('a credit reception resolves to its contact', async (t) => {
  const { mock, client } = await setUp(t);
  const contact = await client.webhooks.resolve(received(webhookEventFixture('credit_reception_created').body));
  assert.equal(contact.uuid, '123');
  const [request] = mock.requests();
  assert.equal(request.method, 'GET');
  assert.equal(request.path, '/api/v3/oauth/clients/contacts/123');
  assert.equal(request.headers.authorization, `Bearer ${mock.apiKey}`);
});

test('a voucher resolves by its code', async (t) => {
  const { mock, client } = await setUp(t);
  const voucher = await client.webhooks.resolve(received(webhookEventFixture('voucher_redeemed').body));
  assert.equal(voucher.code, 'EXAMPLE-CODE-03785');
  const [request] = mock.requests();
  assert.equal(request.path, '/api/v3/oauth/clients/vouchers/find');
  assert.equal(request.query, 'code=EXAMPLE-CODE-03785');
});

for (const [eventType, path] of [
  ['reward_updated', '/api/v3/oauth/clients/rewards/024d7a8a-54c8-430c-bfa4-ca2ee800574a'],
  ['promotion_updated', '/api/v3/oauth/clients/promotions/5c3d59c7-7799-4d41-894a-8f46e50edfda'],
  ['giftcard_transaction_created', '/api/v3/oauth/clients/giftcard-transactions/9e6426ef-1916-4f3c-a94f-4cf6af4f945b'],
]) {
  test(`${eventType}: resolves by uuid to the mock's state`, async (t) => {
    const { mock, client } = await setUp(t);
    const event = received(webhookEventFixture(eventType).body);
    assert.deepEqual(await client.webhooks.resolve(event), event.entity);
    assert.deepEqual(
      mock.requests().map((r) => r.path),
      [path],
    );
  });
}

test('events Leat offers no way to fetch resolve to undefined and send nothing', async (t) => {
  const { mock, client } = await setUp(t);
  for (const event of [
    received(webhookEventFixture('form_submission_completed').body),
    received(webhookEventFixture('referral_completed').body),
    { eventType: 'loyalty_party_started', data: { contact: { uuid: '123' } } },
  ]) {
    assert.equal(await client.webhooks.resolve(event), undefined);
  }
  assert.deepEqual(mock.requests(), []);
});

test('a payload without the needed key is refused before anything is sent', async (t) => {
  const { mock, client } = await setUp(t);
  for (const [data, says] of [
    [{ credit_reception: { uuid: 'r1', credits: 5 } }, 'is missing'],
    [{}, 'is missing'],
    [{ credit_reception: { contact: { uuid: 42 } } }, 'is the number 42, not a string'],
    [{ credit_reception: { contact: { uuid: '' } } }, 'is an empty string'],
  ]) {
    const error = await client.webhooks.resolve({ eventType: 'credit_reception_created', data }).then(
      () => assert.fail('resolved'),
      (err) => err,
    );
    assert.ok(error instanceof ValidationError, String(error));
    assert.match(error.message, /cannot resolve a credit_reception_created event/);
    assert.match(error.message, /data\.credit_reception\.contact\.uuid, which contacts\.get takes as contact_uuid/);
    assert.ok(error.message.includes(says), error.message);
  }
  assert.deepEqual(mock.requests(), []);
});

test('an entity gone from the account is NotFoundError', async (t) => {
  const { client } = await setUp(t);
  const event = { eventType: 'contact_updated', data: { contact: { uuid: '4b0a7c2e-0000-4000-8000-000000000000' } } };
  await assert.rejects(client.webhooks.resolve(event), (err) => err instanceof NotFoundError && err.code === 55031);
});

test('resolve takes only an event', async (t) => {
  const { client } = await setUp(t);
  await assert.rejects(client.webhooks.resolve('contact_created'), TypeError);
});
