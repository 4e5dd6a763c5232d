// What the framework receiver tests (receivers-*.test.mjs) share: the handler they record
// with, the environment's secret, serving an app, subscribing a receiver on the mock, and
// posting by hand. The tests themselves that they share are in receivers-scenarios.mjs.

import { once } from 'node:events';

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

/** POSTs `body` as Leat would (JSON): the status and the answer's text. */
export async function post(url, body = BODY, headers = {}) {
  const answer = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
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
