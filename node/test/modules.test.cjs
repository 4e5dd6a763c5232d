// CommonJS `require` works, and gives the very objects ESM `import` gives.

const assert = require('node:assert/strict');
const { test } = require('node:test');

const sdk = require('leat-sdk');
const testing = require('leat-sdk/testing');

const { CONTRACT } = require('../lib/contract');

// What the package writes by hand; the rest are the contract's error classes and the spec's enums.
const RUNTIME_NAMES = ['Client', 'APIPromise', 'PagePromise', 'Page', 'webhooks', 'AbortError', 'ERROR_CODES'];
const ERROR_NAMES = CONTRACT.error_classes.map((c) => c.name);
const ENUM_NAMES = Object.keys(sdk).filter((name) => !RUNTIME_NAMES.includes(name) && !ERROR_NAMES.includes(name));
const PUBLIC_NAMES = [...RUNTIME_NAMES, ...ERROR_NAMES, ...ENUM_NAMES];

test('require gives every public name: the runtime, every error class, and enums', () => {
  for (const name of [...RUNTIME_NAMES, ...ERROR_NAMES]) assert.ok(name in sdk, name);
  assert.ok(ENUM_NAMES.includes('EventType') && ENUM_NAMES.includes('Status'));
  for (const name of ENUM_NAMES) {
    const values = Object.values(sdk[name]);
    assert.ok(Object.isFrozen(sdk[name]) && values.length > 0, `${name} is an enum`);
    assert.ok(
      values.every((v) => typeof v === 'string'),
      `${name} holds strings`,
    );
  }
  assert.deepEqual(Object.keys(testing).sort(), ['Fault', 'MockServer']);
});

test('require and import share one set of classes', async () => {
  const esm = await import('leat-sdk');
  assert.deepEqual(
    Object.keys(esm)
      .filter((name) => name !== 'default')
      .sort(),
    Object.keys(sdk).sort(),
  );
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
