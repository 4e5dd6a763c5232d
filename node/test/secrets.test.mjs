// Keys, tokens and secrets never show: not in inspect, JSON, error messages or stacks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';

import { Client, LeatError, SignatureVerificationError, webhooks } from 'leat-sdk';
import { Fault, MockServer } from 'leat-sdk/testing';

import { HOOK, SUBSCRIPTIONS_PATH } from './support.mjs';

const KEY = 'sk_live_do_not_print_4b1d';
const SECRET = 'cs_do_not_print_9f2e';
const WEBHOOK_SECRET = 'whsec_do_not_print_77aa';

/** Every way a value can be shown or serialised. */
function shown(value) {
  return [
    inspect(value),
    inspect(value, { showHidden: true, depth: Infinity, getters: true }),
    JSON.stringify(value) ?? '',
    String(value),
    `${value?.stack ?? ''}`,
    Object.keys(value ?? {}).join(','),
  ].join('\n');
}

function assertHidden(value, ...secrets) {
  const text = shown(value);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} shows in:\n${text}`);
}

async function rejection(promise) {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (err) => err,
  );
}

test('a client shows its base URL only', async (t) => {
  const mock = await MockServer.start({ apiKey: KEY, clientSecret: SECRET });
  t.after(() => mock.stop());
  const withKey = new Client({ apiKey: KEY, baseUrl: mock.url });
  const withOauth = new Client({ clientId: mock.clientId, clientSecret: SECRET, baseUrl: mock.url });
  for (const client of [withKey, withOauth]) {
    assertHidden(client, KEY, SECRET);
    assertHidden(client.webhookSubscriptions, KEY, SECRET);
    assert.equal(inspect(client), `Client { baseUrl: '${mock.url}' }`);
    assert.deepEqual(JSON.parse(JSON.stringify(client)), { baseUrl: mock.url });
  }
});

test('errors from refused credentials do not hold them', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const badKey = new Client({ apiKey: KEY, baseUrl: mock.url });
  assertHidden(await rejection(badKey.webhookSubscriptions.list()), KEY);
  const badSecret = new Client({ clientId: mock.clientId, clientSecret: SECRET, baseUrl: mock.url });
  assertHidden(await rejection(badSecret.webhookSubscriptions.list()), SECRET);
});

test('configuration errors do not hold the key, whatever was passed', () => {
  for (const options of [
    { apiKey: KEY, baseUrl: 'http://example.com' },
    { apiKey: KEY, accessToken: SECRET },
    { apiKey: KEY, timeout: -1 },
    { apiKey: KEY, typo: 1 },
    { apiKey: 123456789 },
    { clientId: 1, clientSecret: { value: SECRET } },
    KEY,
  ]) {
    let error;
    try {
      new Client(options);
    } catch (err) {
      error = err;
    }
    assert.ok(error, JSON.stringify(options));
    assertHidden(error, KEY, SECRET, '123456789');
  }
});

test('a webhook secret is not repeated in a validation error', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  for (const params of [
    { ...HOOK, url: 'relative', secret: WEBHOOK_SECRET },
    { ...HOOK, secret: [WEBHOOK_SECRET] },
  ]) {
    assertHidden(await rejection(client.webhookSubscriptions.create(params)), WEBHOOK_SECRET);
  }
});

/** An error from a server that quoted the request back, with none of `secrets` left in it. */
function assertEchoedAndScrubbed(err, ...secrets) {
  assert.equal(err.name, 'InvalidInputError', `${err.name}: ${err.message}`);
  const text = shown(err);
  assert.match(text, /Echo:/);
  assert.match(text, /\[redacted\]/);
  assert.match(err.requestId, /^echo /);
  assertHidden(err, ...secrets);
}

test('secrets a server echoes back are scrubbed from every field of the error', async (t) => {
  const mock = await MockServer.start({ clientSecret: 'cs_echoed/client+secret' });
  t.after(() => mock.stop());
  const withKey = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });

  mock.script([Fault.echo()]);
  assertEchoedAndScrubbed(await rejection(withKey.webhookSubscriptions.list()), mock.apiKey);

  const withToken = new Client({ accessToken: 'tok_echoed_access_token', baseUrl: mock.url });
  mock.script([Fault.echo()]);
  assertEchoedAndScrubbed(await rejection(withToken.webhookSubscriptions.list()), 'tok_echoed_access_token');

  const secret = 'whsec/echo+é "quoted"';
  mock.script([Fault.echo()]);
  assertEchoedAndScrubbed(
    await rejection(withKey.webhookSubscriptions.create({ ...HOOK, secret })),
    secret,
    'whsec\\/echo',
    'echo+é',
    '\\u00e9',
    'quoted',
  );

  // The token request itself: its form body holds the client secret.
  const withOauth = new Client({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url });
  mock.script([Fault.echo({ path: '/oauth/token' })]);
  assertEchoedAndScrubbed(
    await rejection(withOauth.webhookSubscriptions.list()),
    'cs_echoed',
    'client+secret',
    'client%2Bsecret',
  );
  // A call with a fetched token: the token is in the echoed Authorization header.
  await withOauth.webhookSubscriptions.list();
  const token = mock
    .requests()
    .findLast((r) => r.path === SUBSCRIPTIONS_PATH)
    .headers.authorization.replace(/^Bearer /, '');
  mock.script([Fault.echo({ path: SUBSCRIPTIONS_PATH })]);
  assertEchoedAndScrubbed(await rejection(withOauth.webhookSubscriptions.list()), token);
});

test('no secret shows in any error while a mock scripted with faults is hit', async (t) => {
  const mock = await MockServer.start({ apiKey: KEY, clientSecret: SECRET, webhookSecret: WEBHOOK_SECRET });
  t.after(() => mock.stop());
  const options = { baseUrl: mock.url, timeout: 250, maxRetries: 0 };
  const withKey = new Client({ apiKey: KEY, ...options });
  const withOauth = new Client({ clientId: mock.clientId, clientSecret: SECRET, ...options });
  const { uuid } = await withKey.webhookSubscriptions.create({ ...HOOK, secret: WEBHOOK_SECRET });
  const anywhere = [
    ...[400, 401, 403, 404, 422, 429, 500, 502, 503, 504].map((status) => Fault.status(status)),
    Fault.status(500, { body: 'upstream failed' }),
    Fault.dropConnection(),
    Fault.malformedBody(),
    Fault.delay(400),
  ];
  const atTokens = [Fault.status(503), Fault.dropConnection(), Fault.malformedBody()].map((fault) => ({
    ...fault,
    path: '/oauth/token',
  }));
  const calls = [
    (subs) => subs.create({ ...HOOK, secret: WEBHOOK_SECRET }),
    (subs) => subs.get(uuid),
    (subs) => subs.update(uuid, { name: 'renamed' }),
    (subs) => subs.list(),
  ];
  const failures = [];
  for (const [client, faults] of [
    [withKey, anywhere],
    [withOauth, [...anywhere, ...atTokens]],
  ]) {
    for (const fault of faults) {
      for (const call of calls) {
        mock.expireTokens();
        mock.script([fault]);
        await call(client.webhookSubscriptions).catch((err) => failures.push(err));
      }
    }
  }
  assert.ok(failures.length > 100, `only ${failures.length} calls failed`);
  for (const err of failures) {
    assert.ok(err instanceof LeatError, `${err.name}: ${err.message}`);
    assertHidden(err, KEY, SECRET, WEBHOOK_SECRET);
  }
  for (const secrets of [WEBHOOK_SECRET, [WEBHOOK_SECRET, `${WEBHOOK_SECRET}_next`]]) {
    for (const signature of ['', 'nothex', '0'.repeat(64)]) {
      let refused;
      try {
        webhooks.constructEvent('{"type":"contact_created"}', signature, secrets);
      } catch (err) {
        refused = err;
      }
      assert.ok(refused instanceof SignatureVerificationError);
      assertHidden(refused, WEBHOOK_SECRET);
    }
  }
});
