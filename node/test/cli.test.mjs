// The `leat` command line through the npm package: bin/leat.js runs the native CLI with the
// process's arguments and exits with its status.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { Client } from 'leat-sdk';
import { MockServer } from 'leat-sdk/testing';

const BIN = fileURLToPath(new URL('../bin/leat.js', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Runs bin/leat.js with none of this process's LEAT_* variables, plus `env`. */
function leat(args, env = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LEAT_')));
  return promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, timeout: 60_000 });
}

test('node bin/leat.js --version prints the version', async () => {
  const { stdout } = await leat(['--version']);
  assert.equal(stdout, `leat ${version}\n`);
});

test("bin/leat.js lists the mock server's subscriptions", async (t) => {
  const mock = await MockServer.start();
  t.after(() => mock.stop());
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  const created = await client.webhookSubscriptions.create({
    name: 'New members',
    eventType: 'contact_created',
    url: 'https://example.com/hooks',
  });
  const { stdout } = await leat(['subscriptions', 'list', '--output', 'json'], {
    LEAT_API_KEY: mock.apiKey,
    LEAT_BASE_URL: mock.url,
  });
  assert.deepEqual(
    JSON.parse(stdout).map((s) => s.uuid),
    [created.uuid],
  );
});

test('Ctrl-C stops leat mock run by node', async () => {
  const child = spawn(process.execPath, [BIN, 'mock', '--output', 'json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  assert.match(JSON.parse(line).url, /^http:\/\/127\.0\.0\.1:/);
  const exited = once(child, 'exit');
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.kill('SIGINT');
  const [code, signal] = await exited;
  clearTimeout(guard);
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
});
