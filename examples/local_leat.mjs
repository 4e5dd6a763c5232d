// A whole loyalty flow against a local Leat: the embedded mock keeps the account's state and
// sends the webhooks its changes cause, signed as Leat signs them, to an Express receiver.
//
// It subscribes the receiver to credit_reception_created and voucher_redeemed, finds or creates
// a contact by email, gives it credits for a purchase, sees the signed delivery arrive and
// resolves its event to the contact, reads the balance, is refused a reward the contact cannot
// afford (Leat's 1017) and redeems one it can, then redeems a voucher and is refused a second
// time. Exits non-zero on any failure.
//
// Run it with `node examples/local_leat.mjs` (after `make node-build`), or copy it into a
// project where leat-sdk and express are installed.

import { once } from 'node:events';

/** The installed package; inside the leat-sdk repository, the one in ../node. */
async function load(name, inRepository) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return import(new URL(inRepository, import.meta.url));
  }
}

const { default: express } = await load('express', '../node/node_modules/express/index.js');
const { Client, ConflictError, EventType, LimitError } = await load('leat-sdk', '../node/index.mjs');
const { leatWebhook } = await load('leat-sdk/express', '../node/express.mjs');
const { MockServer } = await load('leat-sdk/testing', '../node/testing.mjs');

const SECRET = 'whsec_local_leat_example';
const received = [];

const app = express();
app.post('/leat/webhooks', leatWebhook({ secret: SECRET }), (req, res) => {
  received.push(req.leatEvent);
  res.sendStatus(204);
});
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${server.address().port}/leat/webhooks`;

// seed: the same uuids on every run.
const mock = await MockServer.start({ seed: 1 });
try {
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  for (const eventType of [EventType.CREDIT_RECEPTION_CREATED, EventType.VOUCHER_REDEEMED]) {
    await client.webhookSubscriptions.create({ name: `Local ${eventType}`, eventType, url, secret: SECRET });
  }
  console.log(`receiver at ${url}, subscribed to credit_reception_created and voucher_redeemed`);

  const [shop] = await client.shops.list();
  const contact = await client.contacts.findOrCreate({ email: 'jane@example.com' });
  console.log(`contact   ${contact.uuid} (${contact.email})`);

  const reception = await client.creditReceptions.create({
    contactUuid: contact.uuid,
    shopUuid: shop.uuid,
    unitValue: 42.5,
  });
  console.log(`received  ${reception.credits} credits for a purchase of 42.50 at ${shop.name}`);

  // Leat delivers in the background; the mock lets a test wait for it.
  const [delivery] = await mock.deliveries({ wait: 10_000, count: 1 });
  console.log(`delivered ${delivery.eventType} to the receiver: HTTP ${delivery.status}`);
  const [event] = received;
  if (!event?.creditReception) throw new Error(`no credit reception in ${JSON.stringify(event?.data)}`);
  const resolved = await client.webhooks.resolve(event);
  if (resolved?.uuid !== contact.uuid) throw new Error(`resolved to ${JSON.stringify(resolved)}`);
  console.log(`resolved  the event to contact ${resolved.uuid}`);

  const { balance } = await client.contacts.getCreditBalance(contact.uuid);
  console.log(`balance   ${balance} credits`);

  const rewards = (await client.rewards.list()).sort((a, b) => (a.requiredCredits ?? 0) - (b.requiredCredits ?? 0));
  const tooDear = rewards.findLast((r) => (r.requiredCredits ?? 0) > balance);
  try {
    await client.rewardReceptions.create({ contactUuid: contact.uuid, shopUuid: shop.uuid, rewardUuid: tooDear.uuid });
    throw new Error(`${tooDear.title} (${tooDear.requiredCredits} credits) should have been refused`);
  } catch (err) {
    if (!(err instanceof LimitError)) throw err;
    console.log(`refused   ${tooDear.title} (${tooDear.requiredCredits} credits): ${err.code} ${err.apiMessage}`);
  }
  const affordable = rewards.find((r) => (r.requiredCredits ?? 0) > 0 && r.requiredCredits <= balance);
  await client.rewardReceptions.create({ contactUuid: contact.uuid, shopUuid: shop.uuid, rewardUuid: affordable.uuid });
  const left = (await client.contacts.getCreditBalance(contact.uuid)).balance;
  console.log(`redeemed  ${affordable.title} for ${affordable.requiredCredits} credits; ${left} left`);

  const [promotion] = await client.promotions.list();
  const voucher = await client.vouchers.create({ promotionUuid: promotion.uuid, contactUuid: contact.uuid });
  await client.vouchers.redeem({ code: voucher.code, shopUuid: shop.uuid });
  try {
    await client.vouchers.redeem({ code: voucher.code, shopUuid: shop.uuid });
    throw new Error(`a second redeem of ${voucher.code} should have been refused`);
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    console.log(`voucher   ${voucher.code} redeemed once; again: ${err.code} ${err.apiMessage}`);
  }
  await mock.deliveries({ wait: 10_000, count: 2 });
  const redeemed = await client.webhooks.resolve(received.at(-1));
  if (redeemed?.code !== voucher.code) throw new Error(`resolved to ${JSON.stringify(redeemed)}`);
  console.log(`resolved  the voucher_redeemed event to voucher ${redeemed.code}`);
} finally {
  await mock.stop();
  server.closeAllConnections();
  server.close();
}
