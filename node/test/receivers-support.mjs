// What the framework receiver tests (receivers-*.test.mjs) share: the handler they record
// with, the environment's secret, serving an app, subscribing a receiver on the mock, and
// posting by hand. The tests themselves that they share are in receivers-scenarios.mjs.

import { once } from 'node:events';
import { request } from 'node:http';

import { webhooks } from 'leat-sdk';

export const SECRET = 'whsec_receiver_test';
export const DATA = { contact: { uuid: '9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d' }, url: 'https://shop.example/c/1' };
export const EVENT = { eventType: 'contact_created', data: DATA };
export const BODY = JSON.stringify({ type: 'contact_created', data: DATA });

/** Fast retries: a receiver that fails makes the mock try again after 5, 10, 20... ms. */
export const MOCK_OPTIONS = { deliveryBackoffMs: 5 };

/** The events a receiver's handler got; it throws for the first `failFirst` calls. */
export class Handled {
  events = [];
  calls = 0;
  failFirst = 0;

  reset() {
    this.events = [];
    this.calls = 0;
    this.failFirst = 0;
  }

  record(event) {
    this.calls += 1;
    if (this.calls <= this.failFirst) throw new Error(`the handler failed on call ${this.calls}`);
    this.events.push(event);
  }
}

/** Sets (or, with `undefined`, removes) LEAT_WEBHOOK_SECRET until the test ends. */
export function webhookSecretEnv(t, value) {
  const before = process.env.LEAT_WEBHOOK_SECRET;
  const put = (v) => {
    if (v === undefined) delete process.env.LEAT_WEBHOOK_SECRET;
    else process.env.LEAT_WEBHOOK_SECRET = v;
  };
  put(value);
  t.after(() => put(before));
}

/** Starts `server` (a node:http server) on 127.0.0.1: its URL, and how to stop it. */
export async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A contact_created subscription on the mock for `url`. */
export function subscribe(client, url, secret = SECRET) {
  return client.webhookSubscriptions.create({ name: 'receiver', eventType: 'contact_created', url, secret });
}

/** The `Signature` header for `body` under `secret`. */
export function signed(body = BODY, secret = SECRET) {
  return { Signature: webhooks.sign(body, secret) };
}

/** Signed bodies that are JSON but not events: not an object, or `data` not an object. */
export const NOT_EVENTS = [
  '["contact_created",{}]',
  '"contact_created"',
  '{"type":"contact_created","data":5}',
  '{"type":"contact_created","data":"text"}',
  '{"type":"contact_created","data":[1,2]}',
];

/** A valid delivery of about `size` bytes (default 2 MiB, over the receivers' default limit). */
export function largeBody(size = 2 * 1024 * 1024) {
  return JSON.stringify({ type: 'contact_created', data: { padding: 'x'.repeat(size) } });
}

/** `body` as a stream of 64 KiB pieces: sent chunked, without Content-Length. */
export function chunked(body) {
  const bytes = Buffer.from(body);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 65536));
      at += 65536;
    },
  });
}

/**
 * Sends only the head of a POST whose `Content-Length` says `length` bytes, none of which are
 * sent: an answer shows the receiver refused it without reading the body. The status and text.
 */
export async function postDeclaring(url, length, headers = {}) {
  const sent = request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(length), ...headers },
  });
  sent.flushHeaders();
  const [answer] = await once(sent, 'response');
  const chunks = [];
  for await (const chunk of answer) chunks.push(chunk);
  sent.destroy();
  return { status: answer.statusCode, text: Buffer.concat(chunks).toString() };
}

/** POSTs `body` as Leat would (JSON): the status and the answer's text. */
export async function post(url, body = BODY, headers = {}) {
  const answer = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  return { status: answer.status, text: await answer.text() };
}

/** The process warnings emitted while `run` runs (and its promise settles). */
export async function warningsDuring(run) {
  const warnings = [];
  const listener = (warning) => warnings.push(warning);
  process.on('warning', listener);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return warnings;
}
