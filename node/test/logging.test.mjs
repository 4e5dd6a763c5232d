// LEAT_LOG: the core's per-attempt events on stderr, without keys.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

const SCRIPT = `
  const { Client } = require('leat-sdk');
  const { MockServer } = require('leat-sdk/testing');
  (async () => {
    const mock = await MockServer.start({ apiKey: 'sk_never_logged' });
    const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
    await client.webhookSubscriptions.list();
    await mock.stop();
    console.log('done');
  })();
`;

function run(env) {
  const childEnv = { ...process.env, ...env };
  if (env.LEAT_LOG === undefined) delete childEnv.LEAT_LOG;
  return spawnSync(process.execPath, ['-e', SCRIPT], { cwd: PACKAGE, env: childEnv, encoding: 'utf8' });
}

test('LEAT_LOG=debug prints each attempt to stderr', () => {
  const child = run({ LEAT_LOG: 'debug' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'done');
  assert.match(
    child.stderr,
    /DEBUG leat: .*method=GET .*path=\/api\/v3\/oauth\/clients\/webhook-subscriptions .*attempt=1 .*status=200/,
  );
  assert.ok(!child.stderr.includes('sk_never_logged'), child.stderr);
});

test('without LEAT_LOG nothing is printed', () => {
  const child = run({ LEAT_LOG: undefined });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stderr, '');
});

test('LEAT_LOG=info hides the debug events', () => {
  const child = run({ LEAT_LOG: 'info' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stderr, '');
});

test('an unusable LEAT_LOG says so and logging stays off', () => {
  const child = run({ LEAT_LOG: 'leat=loud' });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stderr, /LEAT_LOG="leat=loud" is not a log filter/);
});
