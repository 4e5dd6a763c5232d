// The core's contract, checked against this package: every error class exists with its
// parent and carries every field (under its Node name, with the right type) on a real error
// of each kind; the TypeScript declarations declare them; Leat's error codes map to the
// classes the core maps them to; the event types, statuses and subscription fields are the core's. A class or field added in the core and forgotten here
// fails these tests.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as sdk from 'leat-sdk';
import { Fault } from 'leat-sdk/testing';
import ts from 'typescript';

import { closedUrl, setUp } from './support.mjs';

const require = createRequire(import.meta.url);
const { CONTRACT } = require('../lib/contract.js');

const native = require('../lib/native.js');
const { run } = require('../lib/calls.js');
const { unwrap } = require('../lib/envelope.js');

const MISSING = '00000000-0000-4000-8000-000000000000';
const HOOK = { name: 'n', eventType: 'contact_created', url: 'https://example.com/h' };

/** Every field of the error class `name`, its parents' first, as `{ name, node_name, kind }`. */
function errorFields(name) {
  const byName = new Map(CONTRACT.error_classes.map((c) => [c.name, c]));
  const chain = [];
  for (let c = byName.get(name); c; c = byName.get(c.parent)) chain.unshift(c);
  return chain.flatMap((c) => c.fields);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return assert.fail('expected a rejection');
}

function thrown(run) {
  try {
    run();
  } catch (err) {
    return err;
  }
  return assert.fail('expected an error');
}

/** A call that Leat answers with HTTP 400 and error `code`, as it answers most errors. */
function answering(mock, client, code) {
  const body = JSON.stringify({ message: `Leat's message for ${code}.`, code, status_code: 400 });
  mock.script([Fault.status(400, { body, headers: { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '59' } })]);
  return client.webhookSubscriptions.list();
}

/** A real error of each class, made the way users meet it. */
const PRODUCERS = {
  LeatError: null,
  APIError: async ({ mock, client }) => {
    mock.script([Fault.status(418)]);
    return rejection(client.webhookSubscriptions.list());
  },
  NotFoundError: async ({ client }) => rejection(client.webhookSubscriptions.get(MISSING)),
  InvalidInputError: async ({ client }) =>
    rejection(client.webhookSubscriptions.create({ ...HOOK, eventType: 'not_a_type' })),
  AuthenticationError: async ({ mock }) =>
    rejection(new sdk.Client({ apiKey: 'wrong', baseUrl: mock.url }).webhookSubscriptions.list()),
  PermissionDeniedError: async ({ mock, client }) => {
    mock.script([Fault.status(403)]);
    return rejection(client.webhookSubscriptions.list());
  },
  RateLimitError: async ({ mock, client }) => {
    mock.script([Fault.status(429, { headers: { 'Retry-After': '60' } })]);
    return rejection(client.webhookSubscriptions.list());
  },
  MaintenanceError: async ({ mock, client }) => {
    mock.script([Fault.status(503, { headers: { 'Retry-After': '60' } })]);
    return rejection(client.webhookSubscriptions.list());
  },
  ServerError: async ({ mock, client }) => {
    mock.script([Fault.status(500)]);
    return rejection(client.webhookSubscriptions.create(HOOK));
  },
  APIConnectionError: async () =>
    rejection(new sdk.Client({ apiKey: 'k', baseUrl: await closedUrl(), maxRetries: 0 }).webhookSubscriptions.list()),
  APITimeoutError: async ({ mock, client }) => {
    mock.script([Fault.delay(500)]);
    return rejection(client.webhookSubscriptions.list(undefined, { timeout: 50 }));
  },
  ResponseDecodeError: async ({ mock, client }) => {
    mock.script([Fault.malformedBody()]);
    return rejection(client.webhookSubscriptions.list());
  },
  ConflictError: async ({ mock, client }) => rejection(answering(mock, client, 60005)),
  LimitError: async ({ mock, client }) => rejection(answering(mock, client, 1017)),
  InactiveError: async ({ mock, client }) => rejection(answering(mock, client, 7002)),
  ValidationError: async ({ client }) => rejection(client.webhookSubscriptions.get('a/b')),
  ConfigurationError: async () => thrown(() => new sdk.Client({ apiKey: 'k', baseUrl: 'http://api.example.com' })),
  InternalError: async () =>
    rejection((async () => unwrap(await run((queue, id) => native._provokePanic(queue, id)), (v) => v))()),
  SignatureVerificationError: async () => thrown(() => sdk.webhooks.constructEvent('{}', '0'.repeat(64), 'whsec_x')),
};

// What a real answer may leave out (Leat's code and request id, a Retry-After); every other
// field of a real error has a value, so a field the binding forgets to hand over (and the class
// fills with null) fails.
const MAY_BE_NULL = new Set(['code', 'request_id', 'retry_after', 'rate_limit_limit', 'rate_limit_remaining']);

const TYPE_CHECKS = {
  text: (v) => v === null || typeof v === 'string',
  integer: (v) => v === null || Number.isInteger(v),
  bool: (v) => typeof v === 'boolean',
  duration: (v) => v === null || (typeof v === 'number' && v >= 0),
  field_errors: (v) => v !== null && typeof v === 'object' && Object.values(v).every((m) => Array.isArray(m)),
  headers: (v) => v !== null && typeof v === 'object' && Object.values(v).every((h) => typeof h === 'string'),
  bytes: (v) => Buffer.isBuffer(v),
};

test('every class of the contract is exported with its parent', () => {
  for (const { name, parent } of CONTRACT.error_classes) {
    const Class = sdk[name];
    assert.equal(typeof Class, 'function', `${name} is exported`);
    const expected = parent === '' ? Error : sdk[parent];
    assert.equal(Object.getPrototypeOf(Class), expected, `${name} extends ${parent || 'Error'}`);
    assert.equal(Class.prototype.name, name);
  }
});

test('every class of the contract has a way to be produced in these tests', () => {
  assert.deepEqual(Object.keys(PRODUCERS).sort(), CONTRACT.error_classes.map((c) => c.name).sort());
});

for (const { name } of CONTRACT.error_classes) {
  const produce = PRODUCERS[name];
  if (!produce) continue;
  test(`a real ${name} carries every field of the contract`, async (t) => {
    const context = await setUp(t, { maxRetries: 0 });
    const err = await produce(context);
    assert.equal(err.constructor, sdk[name], `${err?.name}: ${err?.message}`);
    for (const field of errorFields(name)) {
      assert.ok(field.node_name in err, `${name}.${field.node_name} is missing`);
      assert.ok(
        TYPE_CHECKS[field.kind](err[field.node_name]),
        `${name}.${field.node_name} = ${JSON.stringify(err[field.node_name])} is not ${field.kind}`,
      );
      assert.ok(err[field.node_name] !== null || MAY_BE_NULL.has(field.name), `${name}.${field.node_name} is null`);
    }
  });
}

test('the values are the ones the call had', async (t) => {
  const { mock, client } = await setUp(t, { maxRetries: 0 });
  mock.script([Fault.status(429, { headers: { 'Retry-After': '2' } })]);
  const limited = await rejection(client.webhookSubscriptions.get(MISSING));
  assert.deepEqual(
    [limited.status, limited.retryAfterMs, limited.method, limited.path],
    [429, 2000, 'GET', `/api/v3/oauth/clients/webhook-subscriptions/${MISSING}`],
  );
  mock.script([Fault.delay(400)]);
  const late = await rejection(client.webhookSubscriptions.create(HOOK, { timeout: 100 }));
  assert.deepEqual([late.timeoutMs, late.attempts, late.maybeSent, late.method], [100, 1, true, 'POST']);
});

test('every error code of the contract is exported with the class the core maps it to', () => {
  assert.deepEqual(
    Object.keys(sdk.ERROR_CODES)
      .map(Number)
      .sort((a, b) => a - b),
    CONTRACT.error_codes.map((c) => c.code).sort((a, b) => a - b),
  );
  for (const { code, class: name, meaning } of CONTRACT.error_codes) {
    assert.equal(sdk.ERROR_CODES[code].class, sdk[name], `${code} raises ${name}`);
    assert.equal(sdk.ERROR_CODES[code].meaning, meaning);
  }
  assert.ok(Object.isFrozen(sdk.ERROR_CODES));
});

test('the event types, statuses and subscription fields are the core’s', async (t) => {
  assert.deepEqual(Object.values(sdk.EventType), CONTRACT.event_types);
  assert.deepEqual(Object.values(sdk.Status), CONTRACT.statuses);
  const { client } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  for (const field of CONTRACT.subscription_fields) {
    const camel = field.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    assert.ok(camel in created, `subscription.${camel}`);
  }
});

/** The classes and unions the declarations (index.d.ts re-exports them) declare, read with TypeScript's own parser. */
function declarations() {
  const classes = new Map();
  const aliases = new Map();
  for (const name of ['types/errors.d.ts', 'types/enums.d.ts', 'types/runtime.d.ts']) {
    const text = readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    collect(file, classes, aliases);
  }
  return { classes, aliases };
}

function collect(file, classes, aliases) {
  ts.forEachChild(file, (node) => {
    if (ts.isClassDeclaration(node) && node.name) {
      const parent = node.heritageClauses?.[0]?.types[0]?.expression.getText() ?? '';
      const members = node.members.filter((m) => m.name).map((m) => m.name.getText());
      classes.set(node.name.text, { parent, members });
    }
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type.getText());
  });
}

test('the declarations declare every class with its parent and fields, and every event type', () => {
  const { classes, aliases } = declarations();
  for (const { name, parent, fields } of CONTRACT.error_classes) {
    const declared = classes.get(name);
    assert.ok(declared, `index.d.ts declares ${name}`);
    assert.equal(declared.parent, parent || 'Error', `${name} extends ${parent || 'Error'} in index.d.ts`);
    for (const field of fields) {
      assert.ok(declared.members.includes(field.node_name), `index.d.ts declares ${name}.${field.node_name}`);
    }
  }
  for (const type of CONTRACT.event_types) assert.match(aliases.get('KnownEventType'), new RegExp(`'${type}'`));
  for (const status of CONTRACT.statuses) assert.match(aliases.get('KnownStatus'), new RegExp(`'${status}'`));
});
