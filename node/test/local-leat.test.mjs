// The loyalty flow end to end against the stateful mock: its changes send signed webhooks to an
// Express receiver, whose typed events resolve to their entities; reset and seed make it repeat.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import express from 'express';
import { Client, ConflictError, LimitError, NotFoundError, webhooks } from 'leat-sdk';
import { leatWebhook } from 'leat-sdk/express';
import { MockServer } from 'leat-sdk/testing';

import { listen } from './receivers-support.mjs';

const SECRET = 'whsec_local_leat_test';
const received = [];
let receiver;

before(async () => {
  const app = express();
  app.post('/leat/webhooks', leatWebhook({ secret: SECRET }), (req, res) => {
    received.push(req.leatEvent);
    res.sendStatus(204);
  });
  receiver = await listen(createServer(app));
  receiver.url = `${receiver.url}/leat/webhooks`;
});

after(() => receiver.close());

/** The flow; resolves to what it saw, to compare two runs. */
async function flow(mock, client) {
  for (const eventType of ['credit_reception_created', 'voucher_redeemed']) {
    await client.webhookSubscriptions.create({ name: eventType, eventType, url: receiver.url, secret: SECRET });
  }
  const [shop] = await client.shops.list();
  const contact = await client.contacts.findOrCreate({ email: 'jane@example.com' });
  assert.equal((await client.contacts.findOrCreate({ email: 'jane@example.com' })).uuid, contact.uuid);
  const before = (await client.contacts.getCreditBalance(contact.uuid)).balance;

  const reception = await client.creditReceptions.create({
    contactUuid: contact.uuid,
    shopUuid: shop.uuid,
    unitValue: 42.5,
  });
  assert.ok(reception.credits > 0);

  const [delivery] = await mock.deliveries({ wait: 10_000, count: 1 });
  assert.equal(delivery.eventType, 'credit_reception_created');
  assert.equal(delivery.status, 204);
  assert.equal(delivery.signature, webhooks.sign(delivery.body, SECRET));
  assert.equal(received.length, 1);
  const [event] = received;
  assert.equal(event.eventType, 'credit_reception_created');
  assert.notEqual(event.creditReception, undefined);
  assert.equal(event.voucher, undefined);
  const resolved = await client.webhooks.resolve(event);
  assert.equal(resolved.uuid, contact.uuid);

  const balance = (await client.contacts.getCreditBalance(contact.uuid)).balance;
  assert.equal(balance, before + reception.credits);

  const rewards = (await client.rewards.list()).sort((a, b) => (a.requiredCredits ?? 0) - (b.requiredCredits ?? 0));
  const tooDear = rewards.findLast((r) => (r.requiredCredits ?? 0) > balance);
  await assert.rejects(
    client.rewardReceptions.create({ contactUuid: contact.uuid, shopUuid: shop.uuid, rewardUuid: tooDear.uuid }),
    (err) => err instanceof LimitError && err.code === 1017,
  );
  assert.equal((await client.contacts.getCreditBalance(contact.uuid)).balance, balance);
  const affordable = rewards.find((r) => (r.requiredCredits ?? 0) > 0 && r.requiredCredits <= balance);
  await client.rewardReceptions.create({ contactUuid: contact.uuid, shopUuid: shop.uuid, rewardUuid: affordable.uuid });
  const left = (await client.contacts.getCreditBalance(contact.uuid)).balance;
  assert.equal(left, balance - affordable.requiredCredits);

  const [promotion] = await client.promotions.list();
  const voucher = await client.vouchers.create({ promotionUuid: promotion.uuid, contactUuid: contact.uuid });
  await client.vouchers.redeem({ code: voucher.code, shopUuid: shop.uuid });
  await assert.rejects(
    client.vouchers.redeem({ code: voucher.code, shopUuid: shop.uuid }),
    (err) => err instanceof ConflictError && err.code === 80005,
  );

  const sent = await mock.deliveries({ wait: 10_000, count: 2 });
  assert.deepEqual(
    sent.map((d) => d.eventType),
    ['credit_reception_created', 'voucher_redeemed'],
  );
  const redeemedEvent = received.at(-1);
  assert.equal(redeemedEvent.voucher?.code, voucher.code);
  const redeemed = await client.webhooks.resolve(redeemedEvent);
  assert.equal(redeemed.code, voucher.code);
  return {
    contact: contact.uuid,
    reception: reception.uuid,
    credits: reception.credits,
    left,
    voucher: [voucher.uuid, voucher.code],
    bodies: sent.map((d) => d.body),
  };
}

test('the flow runs twice alike after reset', async () => {
  const mock = await MockServer.start({ seed: 42 });
  try {
    const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
    const first = await flow(mock, client);
    mock.reset();
    assert.deepEqual(await mock.deliveries(), []);
    assert.deepEqual(mock.subscriptions(), []);
    received.length = 0;
    const second = await flow(mock, client);
    assert.deepEqual(second, first);
  } finally {
    await mock.stop();
    received.length = 0;
  }
});

test('a state description replaces the account', async () => {
  const mock = await MockServer.start({ state: { contacts: [{ email: 'rich@example.com', credits: 5000 }] } });
  try {
    const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
    const rich = await client.contacts.findOneBy({ email: 'rich@example.com' });
    assert.equal((await client.contacts.getCreditBalance(rich.uuid)).balance, 5000);
    await assert.rejects(client.contacts.findOneBy({ email: 'jane@example.com' }), NotFoundError);
    mock.loadState({ contacts: [{ email: 'poor@example.com', credits: 0 }] });
    const poor = await client.contacts.findOneBy({ email: 'poor@example.com' });
    assert.equal((await client.contacts.getCreditBalance(poor.uuid)).balance, 0);
    assert.throws(() => mock.loadState({ contacts: 'not a list' }), /contacts/);
    assert.throws(() => mock.loadState([]), TypeError);
  } finally {
    await mock.stop();
  }
});

test('deliveries checks its options', async () => {
  const mock = await MockServer.start();
  try {
    assert.deepEqual(await mock.deliveries({ wait: 50 }), []);
    await assert.rejects(mock.deliveries({ wait: -1 }), /wait/);
    await assert.rejects(mock.deliveries({ count: 1.5 }), /count/);
  } finally {
    await mock.stop();
  }
});
