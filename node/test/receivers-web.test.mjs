// leat-sdk/web: the Web-standard handler behind Hono on @hono/node-server (127.0.0.1), fed by
// the mock's signed deliveries, and called directly. What every framework's receiver does alike
// is in receivers-scenarios.mjs, run here too.

import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { createWebhookHandler } from 'leat-sdk/web';

import { receiverScenarios } from './receivers-scenarios.mjs';
import { BODY, Handled, SECRET, listen, post, signed } from './receivers-support.mjs';

receiverScenarios('Web (Hono)', async (options) => {
  const handler = createWebhookHandler(options);
  const app = new Hono();
  app.post('/hook', (c) => handler(c.req.raw));
  // What a host does with a handler that rejects: answer 500 (Hono also logs it by default).
  app.onError((err, c) => c.text(`failed: ${err.message}`, 500));
  const { url, close } = await listen(createAdaptorServer({ fetch: app.fetch }));
  return { url: `${url}/hook`, close };
});

const handled = new Handled();
const onEvent = async (event) => {
  handled.record(event);
};

const app = new Hono();
const hook = createWebhookHandler({ secret: SECRET, onEvent });
const answering = createWebhookHandler({
  secret: SECRET,
  onEvent: (event, request) => new Response(`thanks, ${new URL(request.url).pathname}`, { status: 202 }),
});
app.post('/answer', (c) => answering(c.req.raw));
app.all('/any', (c) => hook(c.req.raw));

let server;
let base;

before(async () => {
  server = await listen(createAdaptorServer({ fetch: app.fetch }));
  base = server.url;
});

after(() => server.close());

beforeEach(() => handled.reset());

test('a Response onEvent returns is the answer', async () => {
  assert.deepEqual(await post(`${base}/answer`, BODY, signed()), { status: 202, text: 'thanks, /answer' });
});

test('a method other than POST is answered 405', async () => {
  const answer = await fetch(`${base}/any`);
  assert.deepEqual([answer.status, answer.headers.get('allow')], [405, 'POST']);
  assert.equal(handled.calls, 0);
});

test('an error onEvent throws rejects the handler with that error', async () => {
  handled.failFirst = 1;
  const request = new Request(`${base}/hook`, { method: 'POST', body: BODY, headers: signed() });
  await assert.rejects(hook(request), /the handler failed on call 1/);
});

test('making a handler with a secret of the wrong type fails', () => {
  for (const secret of [42, ['whsec_a', undefined]]) {
    assert.throws(() => createWebhookHandler({ secret, onEvent: () => {} }), {
      name: 'TypeError',
      message: /createWebhookHandler\(\) needs the webhook secret/,
    });
  }
});

test('making a handler without onEvent fails', () => {
  assert.throws(() => createWebhookHandler({ secret: SECRET }), { name: 'TypeError', message: /needs onEvent/ });
});
