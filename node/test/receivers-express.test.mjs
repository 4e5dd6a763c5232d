// leat-sdk/express: the middleware in Express 5 (and Express 4) apps on 127.0.0.1, fed by the
// mock's signed deliveries, with and without body parsers before it.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, beforeEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import express from 'express';
import express4 from 'express4';
import { leatWebhook } from 'leat-sdk/express';

import {
  BODY,
  DATA,
  EVENT,
  Handled,
  MOCK_OPTIONS,
  SECRET,
  post,
  signed,
  subscribe,
  warningsDuring,
  webhookSecretEnv,
} from './receivers-support.mjs';
import { setUp } from './support.mjs';

const handled = new Handled();
const onEvent = (event) => handled.record(event);

/** The same routes on an Express app of either major version. */
function appOf(framework) {
  const app = framework();
  app.post('/hook', leatWebhook({ secret: SECRET }), (req, res) => {
    handled.record(req.leatEvent);
    res.sendStatus(204);
  });
  app.post(
    '/on-event',
    leatWebhook({
      secret: SECRET,
      onEvent: async (event) => {
        await sleep(5);
        onEvent(event);
      },
    }),
  );
  app.post('/env', leatWebhook({ onEvent }));
  app.post('/raw', framework.raw({ type: 'application/json' }), leatWebhook({ secret: SECRET, onEvent }));
  const keep = (req, res, buf) => {
    req.rawBody = buf;
  };
  app.post('/json-verify', framework.json({ verify: keep }), leatWebhook({ secret: SECRET, onEvent }));
  app.post('/json', framework.json(), leatWebhook({ secret: SECRET, onEvent }));
  app.post('/small', leatWebhook({ secret: SECRET, onEvent, limit: 64 }));
  app.post('/answer', leatWebhook({ secret: SECRET, onEvent: (event, req, res) => res.status(202).send('thanks') }));
  // An application's error handler: what next(err) reaches (Express's own also answers 500).
  app.use((err, req, res, next) => res.status(500).send(`failed: ${err.message}`));
  return app;
}

const servers = [];
let base;
let base4;

async function serve(app) {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

before(async () => {
  base = await serve(appOf(express));
  base4 = await serve(appOf(express4));
});

after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

beforeEach(() => handled.reset());

test('a delivery from the mock reaches the route verified, as req.leatEvent', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  const sub = await subscribe(client, `${base}/hook`);
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(deliveries, [{ uuid: sub.uuid, url: `${base}/hook`, status: 204, attempts: 1 }]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('with onEvent, the middleware answers 204 once onEvent has finished', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base}/on-event`);
  const [delivery] = await mock.trigger('contact_created', DATA);
  assert.deepEqual([delivery.status, delivery.attempts], [204, 1]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('an answer onEvent sends is kept', async () => {
  assert.deepEqual(await post(`${base}/answer`, BODY, signed()), { status: 202, text: 'thanks' });
});

test('express.raw() on the route, or express.json({ verify }) keeping req.rawBody, verify the bytes', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base}/raw`);
  await subscribe(client, `${base}/json-verify`);
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(
    deliveries.map((d) => [d.status, d.attempts]),
    [
      [204, 1],
      [204, 1],
    ],
  );
  assert.deepEqual(handled.events, [EVENT, EVENT]);
});

test('after express.json() it answers 500 saying what to do, warns once, and never verifies parsed JSON', async () => {
  let answers;
  const warnings = await warningsDuring(async () => {
    answers = [await post(`${base}/json`, BODY, signed()), await post(`${base}/json`, BODY, signed())];
  });
  for (const { status, text } of answers) {
    assert.equal(status, 500);
    assert.match(text, /already read, most likely by express\.json\(\)/);
    assert.match(text, /before app\.use\(express\.json\(\)\)/);
    assert.match(text, /express\.raw\(\{ type: 'application\/json' \}\)/);
    assert.match(text, /express\.json\(\{ verify: \(req, res, buf\) => \{ req\.rawBody = buf; \} \}\)/);
  }
  assert.deepEqual(
    warnings.map((w) => [w.name, w.message]),
    [['LeatWebhookWarning', answers[0].text]],
  );
  assert.equal(handled.calls, 0);
});

test('a bad signature is answered 400 with the reason', async () => {
  const { status, text } = await post(`${base}/hook`, BODY, signed(BODY, 'whsec_someone_else'));
  assert.equal(status, 400);
  assert.match(text, /^signature_mismatch: the signature matches none of the 1 secret\(s\) given/);
  assert.equal(handled.calls, 0);
});

test('without any secret the answer is 500 naming LEAT_WEBHOOK_SECRET', async (t) => {
  webhookSecretEnv(t, undefined);
  const warnings = await warningsDuring(async () => {
    const { status, text } = await post(`${base}/env`, BODY, signed());
    assert.equal(status, 500);
    assert.match(text, /^no_secret: .*LEAT_WEBHOOK_SECRET/);
  });
  assert.equal(warnings.length, 1);
  assert.equal(handled.calls, 0);
});

test('LEAT_WEBHOOK_SECRET with two secrets verifies deliveries signed with either', async (t) => {
  webhookSecretEnv(t, 'whsec_old,whsec_new');
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base}/env`, 'whsec_old');
  await subscribe(client, `${base}/env`, 'whsec_new');
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(
    deliveries.map((d) => [d.status, d.attempts]),
    [
      [204, 1],
      [204, 1],
    ],
  );
  assert.deepEqual(handled.events, [EVENT, EVENT]);
});

test('an onEvent that throws is answered 500, so Leat retries', async (t) => {
  handled.failFirst = 2;
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base}/on-event`);
  const [delivery] = await mock.trigger('contact_created', DATA);
  assert.deepEqual([delivery.status, delivery.attempts, handled.calls], [204, 3, 3]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('a body larger than the limit is answered 413 without being verified', async () => {
  const { status, text } = await post(`${base}/small`, BODY, signed());
  assert.deepEqual([status, text], [413, 'the request body is larger than 64 bytes']);
  assert.equal(handled.calls, 0);
});

test('options are checked when the middleware is made', () => {
  assert.throws(() => leatWebhook({ onEvent: 'handle' }), { name: 'TypeError', message: /needs onEvent/ });
  assert.throws(() => leatWebhook({ limit: -1 }), { name: 'TypeError', message: /positive number of bytes/ });
});

test('Express 4: a delivery verifies, and after express.json() the answer says what to do', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base4}/hook`);
  await subscribe(client, `${base4}/raw`);
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(
    deliveries.map((d) => [d.status, d.attempts]),
    [
      [204, 1],
      [204, 1],
    ],
  );
  assert.deepEqual(handled.events, [EVENT, EVENT]);
  const { status, text } = await post(`${base4}/json`, BODY, signed());
  assert.equal(status, 500);
  assert.match(text, /express\.json\(\)/);
});
