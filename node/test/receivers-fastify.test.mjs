// leat-sdk/fastify: the plugin in a Fastify app on 127.0.0.1, fed by the mock's signed
// deliveries; the app's other routes keep Fastify's JSON parsing.

import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import Fastify from 'fastify';
import { leatWebhook } from 'leat-sdk/fastify';

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

const app = Fastify();
let base;

before(async () => {
  await app.register(leatWebhook, { path: '/hook', secret: SECRET, onEvent });
  await app.register(leatWebhook, { prefix: '/leat', onEvent });
  await app.register(leatWebhook, {
    path: '/answer',
    secret: [SECRET, 'whsec_next'],
    onEvent: async (event, request, reply) => reply.code(202).send(`thanks, ${event.eventType}`),
  });
  await app.register(leatWebhook, { path: '/returned', secret: SECRET, onEvent: async () => ({ ok: true }) });
  app.post('/echo', async (request) => request.body);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

after(() => app.close());

beforeEach(() => handled.reset());

test('a delivery from the mock reaches onEvent verified, and the route answers 204', async (t) => {
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  const sub = await subscribe(client, `${base}/hook`);
  const deliveries = await mock.trigger('contact_created', DATA);
  assert.deepEqual(deliveries, [{ uuid: sub.uuid, url: `${base}/hook`, status: 204, attempts: 1 }]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('what onEvent sends or returns is the answer', async () => {
  assert.deepEqual(await post(`${base}/answer`, BODY, signed(BODY, 'whsec_next')), {
    status: 202,
    text: 'thanks, contact_created',
  });
  assert.deepEqual(await post(`${base}/returned`, BODY, signed()), { status: 200, text: '{"ok":true}' });
});

test('the rest of the app keeps parsing JSON', async () => {
  assert.deepEqual(await post(`${base}/echo`, '{"a":[1,2]}'), { status: 200, text: '{"a":[1,2]}' });
});

test('a bad signature is answered 400 with the reason', async () => {
  const { status, text } = await post(`${base}/hook`, BODY, signed(BODY, 'whsec_someone_else'));
  assert.equal(status, 400);
  assert.match(text, /^signature_mismatch: the signature matches none of the 1 secret\(s\) given/);
  assert.equal(handled.calls, 0);
});

test('a delivery without a body or a content type is refused with the reason', async () => {
  const answer = await fetch(`${base}/hook`, { method: 'POST', headers: signed('') });
  assert.deepEqual([answer.status, (await answer.text()).split(':')[0]], [400, 'invalid_json']);
  assert.equal(handled.calls, 0);
});

test('without any secret the answer is 500 naming LEAT_WEBHOOK_SECRET', async (t) => {
  webhookSecretEnv(t, undefined);
  const warnings = await warningsDuring(async () => {
    const { status, text } = await post(`${base}/leat`, BODY, signed());
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
  webhookSecretEnv(t, 'whsec_old, whsec_new');
  const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
  await subscribe(client, `${base}/leat`, 'whsec_old');
  await subscribe(client, `${base}/leat`, 'whsec_new');
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
  await subscribe(client, `${base}/hook`);
  const [delivery] = await mock.trigger('contact_created', DATA);
  assert.deepEqual([delivery.status, delivery.attempts, handled.calls], [204, 3, 3]);
  assert.deepEqual(handled.events, [EVENT]);
});

test('registering without onEvent fails', async () => {
  const other = Fastify();
  other.register(leatWebhook, { path: '/x' });
  await assert.rejects(other.ready(), { name: 'TypeError', message: /needs onEvent/ });
  await other.close();
});
