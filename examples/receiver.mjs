// Node webhook receiver: a node:http endpoint that verifies Leat's Signature on the raw body.
// It subscribes itself on the embedded mock server, has the mock deliver an event, and prints
// what it verified. Exits non-zero when no verified event arrived.
//
// Run it with `node examples/receiver.mjs` (after `make node-build`), or copy the handler into
// a project where leat-sdk is installed.

import { once } from 'node:events';
import http from 'node:http';

/** The installed package; inside the leat-sdk repository, the one in ../node. */
async function load(name, inRepository) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return import(new URL(inRepository, import.meta.url));
  }
}

const { Client, EventType, SignatureVerificationError, webhooks } = await load('leat-sdk', '../node/index.mjs');
const { MockServer } = await load('leat-sdk/testing', '../node/testing.mjs');

const SECRET = 'whsec_receiver_example';
const received = [];

async function receive(req, res) {
  // The raw bytes, exactly as sent: never JSON.parse() before verifying.
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    received.push(webhooks.constructEvent(Buffer.concat(chunks), req.headers, SECRET));
  } catch (err) {
    if (!(err instanceof SignatureVerificationError)) throw err;
    res.writeHead(400, { 'content-type': 'text/plain' }).end(err.message);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
}

const server = http.createServer(receive).listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${server.address().port}/webhooks`;
console.log(`receiver listening at ${url}`);

const mock = await MockServer.start();
try {
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  const sub = await client.webhookSubscriptions.create({
    name: 'Receiver example (Node)',
    eventType: EventType.CONTACT_CREATED,
    url,
    secret: SECRET,
  });
  console.log(`subscribed ${sub.uuid} to contact_created`);
  const data = { contact: { uuid: '9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d' } };
  for (const delivery of await mock.trigger('contact_created', data)) {
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
