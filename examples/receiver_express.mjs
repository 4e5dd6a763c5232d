// Node webhook receiver in Express: the leatWebhook() middleware from leat-sdk/express verifies
// Leat's Signature on the raw body and hands the route the event as req.leatEvent. It
// subscribes itself on the embedded mock server, has the mock deliver an event, and prints
// what it verified. Exits non-zero when no verified event arrived.
//
// Run it with `node examples/receiver_express.mjs` (after `make node-build`), or copy it into a
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
const { Client, EventType } = await load('leat-sdk', '../node/index.mjs');
const { leatWebhook } = await load('leat-sdk/express', '../node/express.mjs');
const { MockServer } = await load('leat-sdk/testing', '../node/testing.mjs');

const SECRET = 'whsec_receiver_example'; // leave it out to read LEAT_WEBHOOK_SECRET
const received = [];

const app = express();
app.post('/leat/webhooks', leatWebhook({ secret: SECRET }), async (req, res) => {
  // Handle it here: answer only after handling; an error answers 500 and Leat retries.
  received.push(req.leatEvent);
  res.sendStatus(204);
});
app.use(express.json()); // the rest of the app may parse JSON: after the webhook route

const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${server.address().port}/leat/webhooks`;
console.log(`Express receiver listening at ${url}`);

const mock = await MockServer.start();
try {
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  const sub = await client.webhookSubscriptions.create({
    name: 'Express receiver example',
    eventType: EventType.VOUCHER_REDEEMED,
    url,
    secret: SECRET,
  });
  console.log(`subscribed ${sub.uuid} to voucher_redeemed`);
  const data = { voucher: { uuid: '5b0f1c2d-3e4f-4c43-9a6e-2f3c5e4a7d7e' }, url: 'https://shop.example/v/1' };
  for (const delivery of await mock.trigger('voucher_redeemed', data)) {
    console.log(`mock delivered to ${delivery.url}: HTTP ${delivery.status} after ${delivery.attempts} attempt(s)`);
  }
} finally {
  await mock.stop();
  server.closeAllConnections();
  server.close();
}

if (received.length === 0) {
  console.error('no verified event arrived');
  process.exitCode = 1;
} else {
  console.log(`verified event ${received[0].eventType} with data ${JSON.stringify(received[0].data)}`);
}
