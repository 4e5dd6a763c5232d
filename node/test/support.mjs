// Shared set-up for the test files: a mock server per test and a client pointed at it.

import { readFileSync } from 'node:fs';

import { Client } from 'leat-sdk';
import { MockServer } from 'leat-sdk/testing';

export const SUBSCRIPTIONS_PATH = '/api/v3/oauth/clients/webhook-subscriptions';

/** A mock server stopped when the test ends, and a client with its API key. */
export async function setUp(t, clientOptions = {}, mockOptions = {}) {
  const mock = await MockServer.start(mockOptions);
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, ...clientOptions });
  return { mock, client };
}

/** The requests the mock received for the webhook-subscriptions API, optionally of one method. */
export function apiRequests(mock, method) {
  return mock.requests().filter((r) => r.path.startsWith(SUBSCRIPTIONS_PATH) && (!method || r.method === method));
}

/** A body from the answer fixtures every language's tests share (tests/fixtures/responses). */
export function fixture(name) {
  return readFileSync(new URL(`../../tests/fixtures/responses/${name}`, import.meta.url), 'utf8');
}

/** The shared realistic delivery of `eventType` (tests/fixtures/webhook_events.json): `{ type, entity, model, resolve, body }`. */
export function webhookEventFixture(eventType) {
  return webhookEventFixtures().find((e) => e.type === eventType);
}

/** Every delivery of tests/fixtures/webhook_events.json, one per event type. */
export function webhookEventFixtures() {
  const text = readFileSync(new URL('../../tests/fixtures/webhook_events.json', import.meta.url), 'utf8');
  return JSON.parse(text).events;
}

/** A URL where nothing listens: a mock's, after it stopped. */
export async function closedUrl() {
  const mock = await MockServer.start();
  const { url } = mock;
  await mock.stop();
  return url;
}

export const HOOK = {
  name: 'New members',
  eventType: 'contact_created',
  url: 'https://example.com/hooks',
};
