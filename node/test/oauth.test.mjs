// OAuth client credentials: one token fetch however many calls wait, renewed once on a 401.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AuthenticationError, Client } from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';

import { setUp } from './support.mjs';

function oauthClient(mock, clientId = mock.clientId) {
  return new Client({ clientId, clientSecret: mock.clientSecret, baseUrl: mock.url });
}

test('concurrent calls share one token fetch', async (t) => {
  const { mock } = await setUp(t);
  mock.script([Fault.delay(200, { path: '/oauth/token' })]);
  const client = oauthClient(mock);
  const results = await Promise.all(Array.from({ length: 20 }, () => client.webhookSubscriptions.list()));
  assert.equal(results.length, 20);
  assert.equal(mock.tokenRequests(), 1);
});

test('the token is cached, and renewed once when Leat refuses it', async (t) => {
  const { mock } = await setUp(t);
  const client = oauthClient(mock);
  await client.webhookSubscriptions.list();
  await client.webhookSubscriptions.list();
  assert.equal(mock.tokenRequests(), 1);
  mock.expireTokens();
  await client.webhookSubscriptions.list();
  assert.equal(mock.tokenRequests(), 2);
  await client.webhookSubscriptions.list();
  assert.equal(mock.tokenRequests(), 2);
});

test('the client id may be a number', async (t) => {
  const { mock } = await setUp(t);
  const client = oauthClient(mock, Number(mock.clientId));
  assert.deepEqual(await client.webhookSubscriptions.list(), []);
});

test('a wrong client secret is an AuthenticationError', async (t) => {
  const { mock } = await setUp(t);
  const client = new Client({ clientId: mock.clientId, clientSecret: 'cs_WRONG', baseUrl: mock.url });
  await assert.rejects(client.webhookSubscriptions.list(), (err) => {
    assert.ok(err instanceof AuthenticationError);
    assert.ok(!err.message.includes('cs_WRONG'));
    return true;
  });
});

test('a ready access token is sent as is', async (t) => {
  const { mock } = await setUp(t);
  const client = new Client({ accessToken: mock.apiKey, baseUrl: mock.url });
  await client.webhookSubscriptions.list();
  assert.equal(mock.tokenRequests(), 0);
  assert.equal(mock.requests()[0].headers.authorization, `Bearer ${mock.apiKey}`);
});
