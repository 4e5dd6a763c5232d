// The process and its workers: calls in flight keep the event loop alive (and only they do),
// and neither terminating a worker nor process.exit() with calls in flight can crash it.
// Each scenario runs in a child process, so a crash fails one test instead of the suite.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const child = (name) => fileURLToPath(new URL(`./child/${name}`, import.meta.url));

async function outcome(script, args = []) {
  try {
    const { stdout, stderr } = await run(process.execPath, [child(script), ...args], { timeout: 120_000 });
    return { code: 0, signal: null, stdout, stderr };
  } catch (err) {
    return { code: err.code, signal: err.signal, stdout: err.stdout, stderr: err.stderr };
  }
}

test('calls in workers come back, and terminating workers with calls in flight never crashes the process', async () => {
  const result = await outcome('terminate-workers.mjs', ['40']);
  assert.equal(result.signal, null, `killed by ${result.signal}: ${result.stderr}`);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /workers answered: first, second\n/);
  assert.match(result.stdout, /terminated 40 workers/);
});

test('process.exit() with calls in flight never crashes', async () => {
  for (let round = 0; round < 10; round++) {
    const result = await outcome('exit-in-flight.mjs');
    assert.equal(result.signal, null, `round ${round}: killed by ${result.signal}: ${result.stderr}`);
    assert.equal(result.code, 0, `round ${round}: ${result.stderr}`);
  }
});

test('a call in flight keeps the process alive until it settles, and an idle client does not', async () => {
  const result = await outcome('keeps-alive.mjs');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.trim().split('\n'), ['settled after the delay', 'exited with an idle client']);
});
