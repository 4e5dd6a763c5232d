// leat-sdk/express: the middleware in Express 5 (and Express 4) apps on 127.0.0.1, fed by the
// mock's signed deliveries, with and without body parsers before it. What every framework's
// receiver does alike is in receivers-scenarios.mjs, run here on Express 5.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, test } from 'node:test';

import express from 'express';
import express4 from 'express4';
import { leatWebhook } from 'leat-sdk/express';

import { receiverScenarios } from './receivers-scenarios.mjs';
import {
  BODY,
  DATA,
  EVENT,
  Handled,
  MOCK_OPTIONS,
  SECRET,
  listen,
  post,
  signed,
  subscribe,
  warningsDuring,
} from './receivers-support.mjs';
import { setUp } from './support.mjs';

// An application's error handler: what next(err) reaches (Express's own also answers 500).
const failed = (err, req, res, next) => res.status(500).send(`failed: ${err.message}`);

receiverScenarios('Express 5', async (options) => {
  const app = express();
  app.post('/hook', leatWebhook(options));
  app.use(failed);
  const { url, close } = await listen(createServer(app));
  return { url: `${url}/hook`, close };
});

const handled = new Handled();
const onEvent = (event) => handled.record(event);

/** The same routes on an Express app of either major version. */
function appOf(framework) {
  const app = framework();
  app.post('/hook', leatWebhook({ secret: SECRET }), (req, res) => {
    handled.record(req.leatEvent);
    res.sendStatus(204);
  });
  app.post('/raw', framework.raw({ type: 'application/json' }), leatWebhook({ secret: SECRET, onEvent }));
  const keep = (req, res, buf) => {
    req.rawBody = buf;
  };
  app.post('/json-verify', framework.json({ verify: keep }), leatWebhook({ secret: SECRET, onEvent }));
  app.post('/json', framework.json(), leatWebhook({ secret: SECRET, onEvent }));
  app.post('/small', leatWebhook({ secret: SECRET, onEvent, limit: 64 }));
  app.post('/answer', leatWebhook({ secret: SECRET, onEvent: (event, req, res) => res.status(202).send('thanks') }));
  app.use(failed);
  return app;
}

const servers = [];
let base;
let base4;

before(async () => {
  servers.push(await listen(createServer(appOf(express))), await listen(createServer(appOf(express4))));
  [base, base4] = servers.map((server) => server.url);
});

after(() => {
  for (const server of servers) server.close();
});

beforeEach(() => handled.reset());

test('a delivery from the mock reaches the route verified, as req.leatEvent', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  const sub = await subscribe(client, `${base}/hook`);
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(deliveries, [{ uuid: sub.uuid, url: `${base}/hook`, status: 204, attempts: 1 }]);
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

test('a body larger than the limit is answered 413 without being verified', async () => {
  const { status, text } = await post(`${base}/small`, BODY, signed());
  assert.deepEqual(
    [status, text],
    [413, "body_too_large: the request body is larger than this receiver's limit of 64 bytes (its limit option)"],
  );
  assert.equal(handled.calls, 0);
});

test('options are checked when the middleware is made', () => {
  assert.throws(() => leatWebhook({ onEvent: 'handle' }), { name: 'TypeError', message: /needs onEvent/ });
  assert.throws(() => leatWebhook({ limit: -1 }), { name: 'TypeError', message: /positive whole number of bytes/ });
  for (const secret of [42, ['whsec_a', undefined]]) {
    assert.throws(() => leatWebhook({ secret }), {
      name: 'TypeError',
      message: /leatWebhook\(\) needs the webhook secret/,
    });
  }
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
