// leat-sdk/fastify: the plugin in a Fastify app on 127.0.0.1, fed by the mock's signed
// deliveries; the app's other routes keep Fastify's JSON parsing. What every framework's
// receiver does alike is in receivers-scenarios.mjs, run here too.

import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import Fastify from 'fastify';
import { leatWebhook } from 'leat-sdk/fastify';

import { receiverScenarios } from './receivers-scenarios.mjs';
import { BODY, Handled, SECRET, post, signed } from './receivers-support.mjs';

// Registered under a prefix and without a path of its own: the route is the prefix.
receiverScenarios('Fastify', async (options) => {
  const app = Fastify();
  await app.register(leatWebhook, { prefix: '/leat', ...options });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${url}/leat`, close: () => app.close() };
});

const handled = new Handled();
const onEvent = async (event) => {
  handled.record(event);
};

const app = Fastify();
let base;

before(async () => {
  await app.register(leatWebhook, { path: '/hook', secret: SECRET, onEvent });
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

test('a delivery without a body or a content type is refused with the reason', async () => {
  const answer = await fetch(`${base}/hook`, { method: 'POST', headers: signed('') });
  assert.deepEqual([answer.status, (await answer.text()).split(':')[0]], [400, 'invalid_json']);
  assert.equal(handled.calls, 0);
});

test('registering with a secret of the wrong type fails', async () => {
  const other = Fastify();
  other.register(leatWebhook, { path: '/x', secret: 42, onEvent: () => {} });
  await assert.rejects(other.ready(), { name: 'TypeError', message: /leatWebhook\(\) needs the webhook secret/ });
  await other.close();
});

test('registering without onEvent fails', async () => {
  const other = Fastify();
  other.register(leatWebhook, { path: '/x' });
  await assert.rejects(other.ready(), { name: 'TypeError', message: /needs onEvent/ });
  await other.close();
});
