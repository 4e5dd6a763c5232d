// Durations at the extremes of their types, from Leat's answers: a Retry-After or an OAuth
// expires_in beyond what the clock can hold gives the documented error or simply works, never
// an InternalError. (Client timeouts beyond the clock: errors.test.mjs.)

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, RateLimitError } from 'leat-sdk';
import { Fault, MockServer } from 'leat-sdk/testing';

import { apiRequests, setUp } from './support.mjs';

const BEYOND_THE_CLOCK = ['18446744073709551615', '10000000000000000000', '1e19', '1.7976931348623157e308'];

for (const value of BEYOND_THE_CLOCK) {
  test(`a Retry-After of ${value} is a RateLimitError, not a wait`, async (t) => {
    const { mock, client } = await setUp(t);
    mock.script([Fault.status(429, { headers: { 'Retry-After': value } })]);
    const err = await client.webhookSubscriptions.list().then(
      () => assert.fail('expected a rejection'),
      (e) => e,
    );
    assert.ok(err instanceof RateLimitError, `${err.name}: ${err.message}`);
    assert.ok(err.retryAfterMs > 2 ** 40, String(err.retryAfterMs));
    assert.match(err.message, /retry after/);
    assert.equal(apiRequests(mock).length, 1); // not retried after a wait
  });
}

async function tokenFrom(mock) {
  const answer = await fetch(`${mock.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: mock.clientId,
      client_secret: mock.clientSecret,
    }),
  });
  return (await answer.json()).access_token;
}

for (const expiresIn of ['18446744073709551615', '1e300', '"soon"']) {
  test(`an expires_in of ${expiresIn} never breaks the client`, async (t) => {
    const mock = await MockServer.start();
    t.after(() => mock.stop());
    const token = await tokenFrom(mock);
    mock.script([
      Fault.status(200, { body: `{"access_token": "${token}", "expires_in": ${expiresIn}}`, path: '/oauth/token' }),
    ]);
    const client = new Client({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url });
    for (let i = 0; i < 3; i++) assert.deepEqual(await client.webhookSubscriptions.list(), []);
    // One token for this test, one for the client: a lifetime beyond the clock is kept for
    // good; an unreadable one falls back to a short lifetime that is still longer than this.
    assert.equal(mock.tokenRequests(), 2);
  });
}
