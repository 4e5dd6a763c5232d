// A panic inside the addon becomes a documented InternalError and the client goes on, and
// clients release what they hold.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { InternalError, LeatError } from 'leat-sdk';

import { HOOK, setUp } from './support.mjs';

// The addon and the one path every asynchronous call takes through it.
const require = createRequire(import.meta.url);
const native = require('../lib/native.js');
const { run } = require('../lib/calls.js');
const { unwrap } = require('../lib/envelope.js');

const provokePanic = async () => unwrap(await run((queue, id) => native._provokePanic(queue, id)), (value) => value);

// Rust's panic hook prints "panicked at ... provoked by a test" to stderr: expected.
test('a panic in a synchronous export throws instead of aborting the process', () => {
  assert.throws(() => native._provokeSyncPanic(), /provoked by a test/);
});

// Rust's panic hook prints "panicked at ... provoked by a test" to stderr: expected.
test('a panic in an async call rejects with InternalError, and the same client keeps working', async (t) => {
  const { client } = await setUp(t);
  const created = await client.webhookSubscriptions.create(HOOK);
  const [panicked, listed] = await Promise.allSettled([provokePanic(), client.webhookSubscriptions.list()]);
  assert.equal(panicked.status, 'rejected');
  const err = panicked.reason;
  assert.ok(err instanceof InternalError, `${err?.name}: ${err?.message}`);
  assert.ok(err instanceof LeatError);
  assert.equal(err.name, 'InternalError');
  assert.match(err.message, /^leat-sdk hit an internal error \(a bug; please report it\): provoked by a test$/);
  assert.deepEqual(
    listed.value.map((s) => s.uuid),
    [created.uuid],
  );
  assert.equal((await client.webhookSubscriptions.get(created.uuid)).name, HOOK.name);
});

test('a thousand clients created and dropped leave no threads behind', async () => {
  const child = fileURLToPath(new URL('./child/thousand-clients.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child], { timeout: 60_000 });
  const { before, after } = JSON.parse(stdout);
  assert.ok(after <= before + 2, `threads: ${before} before, ${after} after`);
});
