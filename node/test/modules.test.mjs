// ESM `import`: named exports, the default export, and the testing subpath.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import sdk, { Client, EventType, NotFoundError } from 'leat-sdk';
import { Fault, MockServer } from 'leat-sdk/testing';

test('named and default imports are the same objects', () => {
  assert.equal(sdk.Client, Client);
  assert.equal(sdk.NotFoundError, NotFoundError);
  assert.equal(sdk.EventType, EventType);
});

test('import and require share one set of classes', () => {
  const require = createRequire(import.meta.url);
  assert.equal(require('leat-sdk').Client, Client);
  assert.equal(require('leat-sdk/testing').Fault, Fault);
});

test('a client made with import works', async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  await assert.rejects(client.webhookSubscriptions.delete('missing'), NotFoundError);
});
