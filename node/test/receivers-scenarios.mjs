// What every framework receiver (leat-sdk/express, leat-sdk/fastify, leat-sdk/web) does alike,
// written once: each receivers-*.test.mjs calls receiverScenarios() with how to serve its
// framework's receiver, and keeps only the tests about that framework.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  BODY,
  DATA,
  EVENT,
  Handled,
  MOCK_OPTIONS,
  NOT_EVENTS,
  SECRET,
  chunked,
  largeBody,
  post,
  postDeclaring,
  signed,
  subscribe,
  warningsDuring,
  webhookSecretEnv,
} from './receivers-support.mjs';
import { setUp, webhookEventFixture } from './support.mjs';

/**
 * Registers the shared tests for one framework, each title starting with `name`.
 *
 * `start(options)` serves, on 127.0.0.1, a receiver made with `options` ({ secret?, onEvent, limit? }) in
 * an app that answers 500 when onEvent throws, and resolves to { url, close }: where to POST
 * deliveries, and how to stop the server.
 */
export function receiverScenarios(name, start) {
  /** The receiver's URL; its server stops when the test ends. */
  async function receiver(t, options) {
    const { url, close } = await start(options);
    t.after(close);
    return url;
  }

  test(`${name}: a delivery from the mock reaches onEvent verified, answered 204 once onEvent has finished`, async (t) => {
    const handled = new Handled();
    const url = await receiver(t, {
      secret: SECRET,
      onEvent: async (event) => {
        await sleep(5);
        handled.record(event);
      },
    });
    const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
    const sub = await subscribe(client, url);
    const deliveries = await mock.trigger('contact_created', DATA);
    assert.deepEqual(deliveries, [{ uuid: sub.uuid, url, status: 204, attempts: 1 }]);
    assert.deepEqual(handled.events, [EVENT]);
  });

  test(`${name}: onEvent gets a typed event that resolves to the contact`, async (t) => {
    const handled = new Handled();
    const url = await receiver(t, { secret: SECRET, onEvent: (event) => handled.record(event) });
    const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
    const { data } = webhookEventFixture('credit_reception_created').body;
    await client.webhookSubscriptions.create({
      name: 'receiver',
      eventType: 'credit_reception_created',
      url,
      secret: SECRET,
    });
    const [delivery] = await mock.trigger('credit_reception_created', data);
    assert.equal(delivery.status, 204);
    const [event] = handled.events;
    assert.equal(event.creditReception.credits, data.credit_reception.credits);
    assert.equal(event.entity, event.creditReception);
    const contact = await client.webhooks.resolve(event);
    assert.equal(contact.uuid, data.credit_reception.contact.uuid);
  });

  test(`${name}: a bad signature is answered 400 with the reason`, async (t) => {
    const handled = new Handled();
    const url = await receiver(t, { secret: SECRET, onEvent: async (event) => handled.record(event) });
    const { status, text } = await post(url, BODY, signed(BODY, 'whsec_someone_else'));
    assert.equal(status, 400);
    assert.match(text, /^signature_mismatch: the signature matches none of the 1 secret\(s\) given/);
    assert.equal(handled.calls, 0);
  });

  test(`${name}: a signed body that is not an event is answered 400 and never reaches onEvent`, async (t) => {
    const handled = new Handled();
    const url = await receiver(t, { secret: SECRET, onEvent: async (event) => handled.record(event) });
    for (const body of NOT_EVENTS) {
      const { status, text } = await post(url, body, signed(body));
      assert.deepEqual([status, text.split(':')[0]], [400, 'not_an_event'], body);
    }
    assert.equal(handled.calls, 0);
    const empty = '{"type":"contact_created","data":[]}';
    assert.equal((await post(url, empty, signed(empty))).status, 204);
    assert.deepEqual(handled.events, [{ eventType: 'contact_created', data: {} }]);
  });

  test(`${name}: a body over the limit (1 MiB unless given) is answered 413, with or without Content-Length`, async (t) => {
    const handled = new Handled();
    const url = await receiver(t, { secret: SECRET, onEvent: async (event) => handled.record(event) });
    const big = largeBody();
    // Refused by its Content-Length before the body is even sent; and one sent without it.
    for (const answer of [
      await postDeclaring(url, big.length, signed(big)),
      await post(url, chunked(big), signed(big)),
    ]) {
      assert.equal(answer.status, 413);
      assert.match(answer.text, /^body_too_large: .*limit of 1048576 bytes/);
    }
    const small = await receiver(t, { secret: SECRET, limit: 64, onEvent: async (event) => handled.record(event) });
    for (const body of [BODY, chunked(BODY)]) {
      const { status, text } = await post(small, body, signed());
      assert.deepEqual([status, text.split(':')[0]], [413, 'body_too_large']);
      assert.match(text, /limit of 64 bytes/);
    }
    assert.equal(handled.calls, 0);
    assert.equal((await post(url, BODY, signed())).status, 204);
    assert.equal((await post(url, chunked(BODY), signed())).status, 204);
    assert.deepEqual(handled.events, [EVENT, EVENT]);
  });

  test(`${name}: a limit that is not a positive whole number of bytes is a TypeError when made`, async () => {
    for (const limit of [0, -1, 1.5, '1mb', 10n]) {
      await assert.rejects(
        async () => start({ secret: SECRET, limit, onEvent: async () => {} }),
        (err) => err instanceof TypeError && /limit as a positive whole number of bytes/.test(err.message),
        String(limit),
      );
    }
  });

  test(`${name}: without any secret the answer is 500 naming LEAT_WEBHOOK_SECRET`, async (t) => {
    webhookSecretEnv(t, undefined);
    const handled = new Handled();
    const url = await receiver(t, { onEvent: async (event) => handled.record(event) });
    const warnings = await warningsDuring(async () => {
      const { status, text } = await post(url, BODY, signed());
      assert.equal(status, 500);
      assert.match(text, /^no_secret: .*LEAT_WEBHOOK_SECRET/);
    });
    assert.deepEqual(
      warnings.map((w) => w.name),
      ['LeatWebhookWarning'],
    );
    assert.equal(handled.calls, 0);
  });

  /** Deliveries signed with whsec_old and with whsec_new, to a receiver that has only `env` to go by. */
  async function deliveredUnderEnv(t, env) {
    webhookSecretEnv(t, env);
    const handled = new Handled();
    const url = await receiver(t, { onEvent: async (event) => handled.record(event) });
    const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
    await subscribe(client, url, 'whsec_old');
    await subscribe(client, url, 'whsec_new');
    const deliveries = await mock.trigger('contact_created', DATA);
    assert.deepEqual(
      deliveries.map((d) => [d.status, d.attempts]),
      [
        [204, 1],
        [204, 1],
      ],
    );
    assert.deepEqual(handled.events, [EVENT, EVENT]);
  }

  test(`${name}: LEAT_WEBHOOK_SECRET with two secrets verifies deliveries signed with either`, async (t) => {
    await deliveredUnderEnv(t, 'whsec_old,whsec_new');
  });

  test(`${name}: LEAT_WEBHOOK_SECRET may have a space after the comma between secrets`, async (t) => {
    await deliveredUnderEnv(t, 'whsec_old, whsec_new');
  });

  test(`${name}: an onEvent that throws ends in a 500 answer, so Leat retries`, async (t) => {
    const handled = new Handled();
    handled.failFirst = 2;
    const url = await receiver(t, { secret: SECRET, onEvent: async (event) => handled.record(event) });
    const { mock, client } = await setUp(t, {}, MOCK_OPTIONS);
    await subscribe(client, url);
    const [delivery] = await mock.trigger('contact_created', DATA);
    assert.deepEqual([delivery.status, delivery.attempts, handled.calls], [204, 3, 3]);
    assert.deepEqual(handled.events, [EVENT]);
  });
}
