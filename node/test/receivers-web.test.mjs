// leat-sdk/web: the Web-standard handler behind Hono on @hono/node-server (127.0.0.1), fed by
// the mock's signed deliveries.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, beforeEach, test } from 'node:test';

import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { createWebhookHandler } from 'leat-sdk/web';

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
const onEvent = async (event) => {
  handled.record(event);
};

const app = new Hono();
const hook = createWebhookHandler({ secret: SECRET, onEvent });
const fromEnv = createWebhookHandler({ onEvent });
const answering = createWebhookHandler({
  secret: SECRET,
  onEvent: (event, request) => new Response(`thanks, ${new URL(request.url).pathname}`, { status: 202 }),
});
app.post('/hook', (c) => hook(c.req.raw));
app.post('/env', (c) => fromEnv(c.req.raw));
app.post('/answer', (c) => answering(c.req.raw));
app.all('/any', (c) => hook(c.req.raw));
// What a host does with a handler that rejects: answer 500 (Hono also logs it by default).
app.onError((err, c) => c.text(`failed: ${err.message}`, 500));

const server = createAdaptorServer({ fetch: app.fetch });
let base;

before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => handled.reset());

test('a delivery from the mock reaches onEvent verified, and the handler answers 204', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  const sub = await subscribe(client, `${base}/hook`);
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(deliveries, [{ uuid: sub.uuid, url: `${base}/hook`, status: 204, attempts: 1 }]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('a Response onEvent returns is the answer', async () => {
  assert.deepEqual(await post(`${base}/answer`, BODY, signed()), { status: 202, text: 'thanks, /answer' });
});

test('a method other than POST is answered 405', async () => {
  const answer = await fetch(`${base}/any`);
  assert.deepEqual([answer.status, answer.headers.get('allow')], [405, 'POST']);
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
  assert.deepEqual(
    warnings.map((w) => w.name),
    ['LeatWebhookWarning'],
  );
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

test('an onEvent that throws rejects the handler, answered 500 by the host, so Leat retries', async (t) => {
  handled.failFirst = 2;
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base}/hook`);
  const [delivery] = await mock.trigger('contact_created', DATA);
  assert.deepEqual([delivery.status, delivery.attempts, handled.calls], [204, 3, 3]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('an error onEvent throws rejects the handler with that error', async () => {
  handled.failFirst = 1;
  const request = new Request(`${base}/hook`, { method: 'POST', body: BODY, headers: signed() });
  await assert.rejects(hook(request), /the handler failed on call 1/);
});

test('making a handler without onEvent fails', () => {
  assert.throws(() => createWebhookHandler({ secret: SECRET }), { name: 'TypeError', message: /needs onEvent/ });
});
