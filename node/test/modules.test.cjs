// CommonJS `require` works, and gives the very objects ESM `import` gives.

const assert = require('node:assert/strict');
const { test } = require('node:test');

const sdk = require('leat-sdk');
const testing = require('leat-sdk/testing');

const PUBLIC_NAMES = [
  'Client',
  'WebhookSubscriptions',
  'EventType',
  'Status',
  'webhooks',
  'LeatError',
  'APIError',
  'NotFoundError',
  'InvalidInputError',
  'AuthenticationError',
  'PermissionDeniedError',
  'RateLimitError',
  'MaintenanceError',
  'ServerError',
  'APIConnectionError',
  'APITimeoutError',
  'ResponseDecodeError',
  'ValidationError',
  'ConfigurationError',
  'InternalError',
  'AbortError',
  'SignatureVerificationError',
];

test('require gives every public name', () => {
  assert.deepEqual(Object.keys(sdk).sort(), [...PUBLIC_NAMES].sort());
  assert.deepEqual(Object.keys(testing).sort(), ['Fault', 'MockServer']);
});

test('require and import share one set of classes', async () => {
  const esm = await import('leat-sdk');
  for (const name of PUBLIC_NAMES) assert.equal(esm[name], sdk[name], name);
  assert.equal((await import('leat-sdk/testing')).MockServer, testing.MockServer);
});

test('a client made with require works, and its errors match instanceof', async (t) => {
  const mock = await testing.MockServer.start();
  t.after(() => mock.stop());
  const client = new sdk.Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  const created = await client.webhookSubscriptions.create({
    name: 'cjs',
    eventType: sdk.EventType.CONTACT_CREATED,
    url: 'https://example.com/h',
  });
  assert.equal(created.name, 'cjs');
  const esm = await import('leat-sdk');
  await assert.rejects(client.webhookSubscriptions.get('missing'), esm.NotFoundError);
});
