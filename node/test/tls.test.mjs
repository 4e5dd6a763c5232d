// TLS trust against the mock served over HTTPS with a private CA of its own: the CA given in
// `ca` or by NODE_EXTRA_CA_CERTS is trusted; without it a call fails as an unknown issuer with
// a message that says what to do; an empty system store still builds a client that logs the
// bundled roots it falls back to.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { APIConnectionError, Client, ConfigurationError } from 'leat-sdk';
import { MockServer } from 'leat-sdk/testing';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

async function httpsMock(t) {
  const mock = await MockServer.start({ tls: true });
  t.after(() => mock.stop());
  return mock;
}

function list(mock, options = {}) {
  return new Client({ apiKey: mock.apiKey, baseUrl: mock.url, ...options }).webhookSubscriptions.list();
}

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'leat-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a script that lists the mock's subscriptions in a child process with `env` added. */
async function listInChild(mock, env) {
  const script = `
    const { Client } = require('leat-sdk');
    new Client({ apiKey: ${JSON.stringify(mock.apiKey)}, baseUrl: ${JSON.stringify(mock.url)}, maxRetries: 0 })
      .webhookSubscriptions.list()
      .then((found) => console.log('listed', found.length), (err) => console.log(err.constructor.name, err.message));
  `;
  const childEnv = { ...process.env, ...env };
  for (const name of ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'LEAT_LOG']) {
    if (env[name] === undefined) delete childEnv[name];
  }
  return promisify(execFile)(process.execPath, ['-e', script], { cwd: PACKAGE, env: childEnv, encoding: 'utf8' });
}

test('an HTTPS mock serves localhost and hands out its CA', async (t) => {
  const mock = await httpsMock(t);
  assert.match(mock.url, /^https:\/\/localhost:\d+$/);
  assert.match(mock.caPem, /^-----BEGIN CERTIFICATE-----/);
  const plain = await MockServer.start();
  t.after(() => plain.stop());
  assert.equal(plain.caPem, null);
});

test('a CA given in `ca` as a string is trusted', async (t) => {
  const mock = await httpsMock(t);
  assert.deepEqual(await list(mock, { ca: mock.caPem }), []);
});

test('a CA given in `ca` as a Buffer is trusted', async (t) => {
  const mock = await httpsMock(t);
  assert.deepEqual(await list(mock, { ca: Buffer.from(mock.caPem) }), []);
});

test('`ca` takes an array of PEMs, as Node tls does', async (t) => {
  const mock = await httpsMock(t);
  const other = await httpsMock(t);
  assert.deepEqual(await list(mock, { ca: [other.caPem, Buffer.from(mock.caPem)] }), []);
});

test('without the CA a call fails as an unknown issuer, saying what to do', async (t) => {
  const mock = await httpsMock(t);
  await assert.rejects(list(mock, { maxRetries: 0 }), (err) => {
    assert.ok(err instanceof APIConnectionError, err);
    assert.match(err.message, /TLS certificate of localhost was refused/);
    assert.match(err.message, /unknown issuer/);
    assert.match(err.message, /the `ca` option of new Client\(\) or NODE_EXTRA_CA_CERTS/);
    assert.match(err.message, /SSL_CERT_FILE/);
    assert.match(err.message, /ca-certificates/);
    return true;
  });
});

test('`ca` without a certificate is a ConfigurationError that does not quote it', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n';
  assert.throws(
    () => new Client({ apiKey: 'k', ca: pem }),
    (err) => {
      assert.ok(err instanceof ConfigurationError, err);
      assert.match(err.message, /no PEM certificate/);
      assert.ok(!err.message.includes('c2VjcmV0'), err.message);
      return true;
    },
  );
});

test('`ca` of another type is a ConfigurationError naming the option', () => {
  assert.throws(
    () => new Client({ apiKey: 'k', ca: 42 }),
    (err) => {
      assert.ok(err instanceof ConfigurationError, err);
      assert.match(err.message, /option `ca` must be a PEM string or Buffer, or an array of them/);
      return true;
    },
  );
});

test('NODE_EXTRA_CA_CERTS adds its CAs to the roots', async (t) => {
  const mock = await httpsMock(t);
  const file = join(tempDir(t), 'extra.pem');
  writeFileSync(file, mock.caPem);
  const { stdout } = await listInChild(mock, { NODE_EXTRA_CA_CERTS: file });
  assert.equal(stdout.trim(), 'listed 0');
});

test('an unreadable NODE_EXTRA_CA_CERTS is a warning on stderr and otherwise ignored', async (t) => {
  const mock = await httpsMock(t);
  const missing = join(tempDir(t), 'missing.pem');
  const { stdout, stderr } = await listInChild(mock, { NODE_EXTRA_CA_CERTS: missing });
  assert.ok(stderr.includes(`Warning: leat-sdk is ignoring extra certs from \`${missing}\``), stderr);
  assert.match(stdout, /^APIConnectionError .*unknown issuer/);
});

test('an empty system store falls back to the bundled roots, and says so', async (t) => {
  const mock = await httpsMock(t);
  const dir = tempDir(t);
  writeFileSync(join(dir, 'empty.pem'), '');
  mkdirSync(join(dir, 'certs'));
  const { stdout, stderr } = await listInChild(mock, {
    SSL_CERT_FILE: join(dir, 'empty.pem'),
    SSL_CERT_DIR: join(dir, 'certs'),
    LEAT_LOG: 'info',
  });
  const lines = stderr.split('\n').filter((line) => line.includes('TLS roots'));
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /INFO leat: TLS roots: the \d+ Mozilla root certificates bundled with leat-sdk/);
  assert.match(lines[0], /holds no certificates/);
  assert.ok(Number(/roots=(\d+)/.exec(lines[0])[1]) > 100, lines[0]);
  assert.match(stdout, /^APIConnectionError .*unknown issuer/);
});
