// Receiving webhooks: the shared vectors, the parsed-body refusal, finding the header, and
// delivery end to end from the mock to a node:http receiver.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { LeatError, SignatureVerificationError, webhooks } from 'leat-sdk';
import { MockServer } from 'leat-sdk/testing';

import { setUp } from './support.mjs';

const THIS_FILE = fileURLToPath(import.meta.url);
const VECTORS = new URL('../../tests/vectors/webhook-signatures.json', import.meta.url);
const { cases: CASES } = JSON.parse(readFileSync(VECTORS, 'utf8'));
const VALID = CASES.find((c) => c.name === 'valid');

/** The error `run` throws, after checking it is a SignatureVerificationError. */
function refusal(run) {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof SignatureVerificationError, `${err?.name}: ${err?.message}`);
    assert.ok(err instanceof LeatError);
    return err;
  }
  return assert.fail('expected a SignatureVerificationError');
}

for (const vector of CASES) {
  test(`shared vector: ${vector.name}`, () => {
    const { body, signature, secrets } = vector;
    for (const payload of [body, Buffer.from(body)]) {
      if (vector.outcome === 'ok') {
        const event = webhooks.constructEvent(payload, signature, secrets);
        assert.equal(event.eventType, vector.event_type);
        assert.equal(typeof event.data, 'object');
        webhooks.verifySignature(payload, signature, secrets);
      } else {
        const err = refusal(() => webhooks.constructEvent(payload, signature, secrets));
        assert.equal(err.reason, vector.outcome);
        for (const secret of secrets.filter(Boolean)) {
          assert.ok(!`${err.message}\n${err.stack}`.includes(secret), err.stack);
        }
      }
    }
  });
}

test('an event carries the data Leat sent, and {} when it sent none', () => {
  const event = webhooks.constructEvent(VALID.body, VALID.signature, VALID.secrets);
  assert.deepEqual(event, {
    eventType: 'contact_created',
    data: { contact: { uuid: '9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d' } },
  });
  const bare = '{"type":"reward_updated"}';
  assert.deepEqual(webhooks.constructEvent(bare, webhooks.sign(bare, 's'), 's'), {
    eventType: 'reward_updated',
    data: {},
  });
});

test('sign gives the hex HMAC-SHA256 of the body', () => {
  assert.equal(webhooks.sign(VALID.body, VALID.secrets[0]), VALID.signature);
  const body = Buffer.from('{"type":"voucher_created","data":{"n":"é"}}');
  assert.equal(webhooks.sign(body, 'k'), createHmac('sha256', 'k').update(body).digest('hex'));
});

test('a parsed body is refused with a TypeError that asks for the raw body', () => {
  const parsed = JSON.parse(VALID.body);
  for (const run of [
    () => webhooks.constructEvent(parsed, VALID.signature, VALID.secrets),
    () => webhooks.verifySignature(parsed, VALID.signature, VALID.secrets),
    () => webhooks.sign(parsed, 's'),
  ]) {
    assert.throws(run, (err) => {
      assert.ok(err instanceof TypeError);
      assert.match(err.message, /raw request body, not parsed JSON/);
      assert.match(err.message, /express\.raw\(\{ type: 'application\/json' \}\)/);
      return true;
    });
  }
});

test('a missing body is refused with the same advice', () => {
  assert.throws(
    () => webhooks.constructEvent(undefined, VALID.signature, VALID.secrets),
    /constructEvent\(\) needs the raw request body \(a Buffer, Uint8Array or string\), got undefined\. In Express/,
  );
});

test('every kind of raw bytes verifies: Buffer, Uint8Array, ArrayBuffer, a view into a larger buffer', () => {
  const bytes = new TextEncoder().encode(VALID.body);
  const framed = Buffer.concat([Buffer.from('head'), bytes, Buffer.from('tail')]);
  for (const payload of [
    Buffer.from(VALID.body),
    bytes,
    bytes.buffer,
    framed.subarray(4, 4 + bytes.length),
    new DataView(framed.buffer, framed.byteOffset + 4, bytes.length),
  ]) {
    assert.equal(webhooks.constructEvent(payload, VALID.signature, VALID.secrets).eventType, 'contact_created');
  }
});

test('a secret that is neither text nor bytes is a TypeError that never shows the others', () => {
  for (const secret of [42, {}, ['whsec_ok', 42], ['whsec_ok', undefined], ['whsec_ok', null]]) {
    assert.throws(
      () => webhooks.constructEvent(VALID.body, VALID.signature, secret),
      (err) =>
        err instanceof TypeError && /as a string or a Buffer/.test(err.message) && !err.message.includes('whsec'),
    );
  }
  assert.throws(() => webhooks.sign(VALID.body, undefined), TypeError);
});

test('a secret may be bytes, alone or among strings', () => {
  const key = Buffer.from([0xff, 0x00, 0x80]);
  const signature = webhooks.sign(VALID.body, key);
  assert.equal(signature, createHmac('sha256', key).update(VALID.body).digest('hex'));
  webhooks.verifySignature(VALID.body, signature, key);
  webhooks.verifySignature(VALID.body, signature, ['whsec_old', new Uint8Array(key)]);
  assert.equal(
    refusal(() => webhooks.verifySignature(VALID.body, signature, 'whsec_other')).reason,
    'signature_mismatch',
  );
});

test('without a secret, LEAT_WEBHOOK_SECRET is read, several separated by commas', (t) => {
  const before = process.env.LEAT_WEBHOOK_SECRET;
  t.after(() => {
    if (before === undefined) delete process.env.LEAT_WEBHOOK_SECRET;
    else process.env.LEAT_WEBHOOK_SECRET = before;
  });
  process.env.LEAT_WEBHOOK_SECRET = ` whsec_rotated_out , ${VALID.secrets[0]} ,`;
  assert.equal(webhooks.constructEvent(VALID.body, VALID.signature).eventType, 'contact_created');
  webhooks.verifySignature(VALID.body, VALID.signature, null);
  delete process.env.LEAT_WEBHOOK_SECRET;
  const err = refusal(() => webhooks.verifySignature(VALID.body, VALID.signature));
  assert.equal(err.reason, 'no_secret');
  assert.match(err.message, /LEAT_WEBHOOK_SECRET/);
});

const PHP = JSON.parse(readFileSync(new URL('../../tests/vectors/php-deliveries.json', import.meta.url), 'utf8'));

for (const delivery of PHP.cases) {
  test(`a delivery made by PHP: ${delivery.name}`, () => {
    const event = webhooks.constructEvent(Buffer.from(delivery.body), delivery.signature, delivery.secret);
    assert.equal(event.eventType, delivery.event_type);
    // The same numbers and the same key order as JSON.parse reads them.
    assert.equal(JSON.stringify(event.data), JSON.stringify(delivery.data));
    const parsed = JSON.parse(delivery.body).data;
    if (!Array.isArray(parsed)) assert.equal(JSON.stringify(event.data), JSON.stringify(parsed));
  });
}

test('PHP floats such as 1.0e+25 come back exactly', () => {
  const body = '{"type":"t","data":{"a":1.0e+25,"b":0.30000000000000004,"c":82446570997607.12}}';
  const { data } = webhooks.constructEvent(body, webhooks.sign(body, 's'), 's');
  assert.equal(data.a, 1e25);
  assert.equal(data.b, 0.30000000000000004);
  assert.equal(data.c, 82446570997607.12);
  assert.deepEqual(Object.keys(data), ['a', 'b', 'c']);
});

test('the Signature header is found case-insensitively in any kind of headers', () => {
  const signature = VALID.signature;
  const { Headers } = globalThis;
  for (const headers of [
    { signature },
    { Signature: signature },
    { 'content-type': 'application/json', SIGNATURE: signature },
    new Headers({ Signature: signature }),
    new Map([['Signature', signature]]),
    [
      ['content-type', 'application/json'],
      ['signature', signature],
    ],
  ]) {
    assert.equal(webhooks.signatureFromHeaders(headers), signature);
    assert.equal(webhooks.constructEvent(VALID.body, headers, VALID.secrets).eventType, 'contact_created');
  }
  assert.equal(webhooks.SIGNATURE_HEADER, 'Signature');
});

test('absent or repeated, the header is refused with the reason', () => {
  const headers = { 'content-type': 'application/json' };
  assert.equal(webhooks.signatureFromHeaders(headers), undefined);
  for (const missing of [headers, undefined, null, '', new Headers()]) {
    const err = refusal(() => webhooks.verifySignature(VALID.body, missing, VALID.secrets));
    assert.equal(err.reason, 'missing_signature');
  }
  const twice = { signature: [VALID.signature, VALID.signature] };
  assert.equal(webhooks.signatureFromHeaders(twice), `${VALID.signature}, ${VALID.signature}`);
  assert.equal(refusal(() => webhooks.verifySignature(VALID.body, twice, VALID.secrets)).reason, 'malformed_signature');
});

test('a refusal points at the calling code', () => {
  const err = refusal(() => webhooks.constructEvent(VALID.body, '0'.repeat(64), VALID.secrets));
  assert.equal(err.name, 'SignatureVerificationError');
  assert.ok(err.stack.split('\n')[1].includes(THIS_FILE), err.stack);
});

test('a 64 KiB body verifies, and quickly', () => {
  const body = Buffer.from(JSON.stringify({ type: 'contact_updated', data: { blob: 'x'.repeat(64 * 1024) } }));
  const signature = webhooks.sign(body, 'current');
  const began = performance.now();
  for (let i = 0; i < 100; i++) {
    assert.equal(webhooks.constructEvent(body, signature, ['old', 'current']).data.blob.length, 64 * 1024);
  }
  const each = (performance.now() - began) / 100;
  assert.ok(each < 20, `${each.toFixed(2)} ms per 64 KiB event`);
});

/**
 * A node:http receiver that verifies each delivery on its raw body with `secret`; it answers
 * 500 to the first `failFirst` deliveries, then 200 (400 when the signature does not verify).
 */
async function receiver(t, secret, { failFirst = 0 } = {}) {
  const received = { calls: 0, events: [], refused: [] };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    received.calls += 1;
    let status = 500;
    if (received.calls > failFirst) {
      try {
        received.events.push(webhooks.constructEvent(Buffer.concat(chunks), req.headers, secret));
        status = 200;
      } catch (err) {
        if (!(err instanceof SignatureVerificationError)) throw err;
        received.refused.push(err.reason);
        status = 400;
      }
    }
    res.writeHead(status, { 'content-length': '0' }).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  received.url = `http://127.0.0.1:${server.address().port}/hook`;
  return received;
}

test('a triggered event reaches a receiver that verifies it', async (t) => {
  const { client, mock } = await setUp(t);
  const hook = await receiver(t, 'whsec_node');
  const sub = await client.webhookSubscriptions.create({
    name: 'node',
    eventType: 'contact_created',
    url: hook.url,
    secret: 'whsec_node',
  });
  const deliveries = await mock.trigger('contact_created', { contact: { uuid: 'c1' } });
  assert.deepEqual(deliveries, [{ uuid: sub.uuid, url: hook.url, status: 200, attempts: 1 }]);
  assert.deepEqual(hook.events, [{ eventType: 'contact_created', data: { contact: { uuid: 'c1' } } }]);
});

test('a receiver failing twice gets three attempts', async (t) => {
  const { client, mock } = await setUp(t);
  const flaky = await receiver(t, 's', { failFirst: 2 });
  await client.webhookSubscriptions.create({ name: 'f', eventType: 'contact_created', url: flaky.url, secret: 's' });
  const [delivery] = await mock.trigger('contact_created', {});
  assert.deepEqual([delivery.status, delivery.attempts, flaky.calls], [200, 3, 3]);
  assert.equal(flaky.events.length, 1);
});

test('the wait between attempts is deliveryBackoffMs, doubling', async (t) => {
  const { client, mock } = await setUp(t, {}, { deliveryBackoffMs: 150 });
  const flaky = await receiver(t, 's', { failFirst: 2 });
  await client.webhookSubscriptions.create({ name: 'f', eventType: 'contact_created', url: flaky.url, secret: 's' });
  const began = performance.now();
  const [delivery] = await mock.trigger('contact_created');
  assert.equal(delivery.attempts, 3);
  assert.ok(performance.now() - began >= 150 + 300, 'waited 150 ms, then 300 ms');
});

test('no delivery goes to INACTIVE subscriptions or to other event types', async (t) => {
  const { client, mock } = await setUp(t);
  const hook = await receiver(t, 'whsec_node');
  const subs = client.webhookSubscriptions;
  const paused = await subs.create({ name: 'p', eventType: 'contact_created', url: hook.url, secret: 'whsec_node' });
  await subs.update(paused.uuid, { status: 'INACTIVE' });
  await subs.create({ name: 'o', eventType: 'voucher_created', url: hook.url, secret: 'whsec_node' });
  assert.deepEqual(await mock.trigger('contact_created'), []);
  assert.equal(hook.calls, 0);
});

test('the account secret signs deliveries to a subscription without one', async (t) => {
  const { client, mock } = await setUp(t, {}, { webhookSecret: 'whsec_account_node' });
  assert.equal(mock.webhookSecret, 'whsec_account_node');
  const hook = await receiver(t, mock.webhookSecret);
  await client.webhookSubscriptions.create({ name: 'a', eventType: 'reward_updated', url: hook.url });
  const [delivery] = await mock.trigger('reward_updated', { reward: { uuid: 'r1' } });
  assert.equal(delivery.status, 200);
  assert.deepEqual(hook.events[0].data, { reward: { uuid: 'r1' } });
});

test('a delivery signed with another secret is refused by the receiver', async (t) => {
  const { client, mock } = await setUp(t, {}, { deliveryBackoffMs: 1 });
  const hook = await receiver(t, 'whsec_expected');
  await client.webhookSubscriptions.create({
    name: 'x',
    eventType: 'contact_created',
    url: hook.url,
    secret: 'whsec_other',
  });
  const [delivery] = await mock.trigger('contact_created');
  assert.deepEqual([delivery.status, delivery.attempts], [400, 6]);
  assert.deepEqual(new Set(hook.refused), new Set(['signature_mismatch']));
});

test('a mock makes up a webhook secret when none is given', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  assert.ok(mock.webhookSecret.length > 8);
});
