// Proxies: the `proxy` option, the environment's variables by default, none with
// `proxy: false`; credentials in a proxy URL never shown.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { APIConnectionError, Client, ConfigurationError } from 'leat-sdk';
import { MockServer } from 'leat-sdk/testing';

/** A CONNECT proxy on loopback that records each request line and its credentials. */
async function connectProxy(t, { require } = {}) {
  const seen = [];
  const server = net.createServer((client) => {
    let head = Buffer.alloc(0);
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const lines = head.subarray(0, end).toString().split('\r\n');
      const auth = lines
        .find((l) => l.toLowerCase().startsWith('proxy-authorization:'))
        ?.split(':')
        .slice(1)
        .join(':')
        .trim();
      seen.push({ line: lines[0], auth });
      if (require && auth !== require) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const [host, port] = lines[0].split(' ')[1].split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  t.after(() => server.close());
  return { url: `http://127.0.0.1:${server.address().port}`, seen };
}

async function tlsMock(t) {
  const mock = await MockServer.start({ tls: true });
  t.after(() => mock.stop());
  return mock;
}

const client = (mock, options) => new Client({ apiKey: mock.apiKey, baseUrl: mock.url, ca: mock.caPem, ...options });

test('every call goes through the proxy given', async (t) => {
  const mock = await tlsMock(t);
  const proxy = await connectProxy(t);
  assert.deepEqual(await client(mock, { proxy: proxy.url }).webhookSubscriptions.list(), []);
  const port = mock.url.split(':').at(-1);
  assert.deepEqual(
    proxy.seen.map((s) => s.line),
    [`CONNECT localhost:${port} HTTP/1.1`],
  );
});

test('proxy credentials reach the proxy and never an error', async (t) => {
  const mock = await tlsMock(t);
  const require = `Basic ${Buffer.from('scout:s3cr3t/pass').toString('base64')}`;
  const proxy = await connectProxy(t, { require });
  await client(mock, {
    proxy: proxy.url.replace('http://', 'http://scout:s3cr3t%2Fpass@'),
  }).webhookSubscriptions.list();
  const wrong = client(mock, { proxy: proxy.url.replace('http://', 'http://scout:wrong-pass-123@') });
  const err = await wrong.webhookSubscriptions.list().catch((e) => e);
  assert.ok(err instanceof APIConnectionError, String(err));
  assert.ok(!`${err.message} ${err.stack} ${JSON.stringify(wrong)}`.includes('wrong-pass-123'));
});

test('a bad proxy is a ConfigurationError that does not show its password', () => {
  for (const proxy of ['socks5://user:hunter22@proxy:1080', true, 42]) {
    assert.throws(
      () => new Client({ apiKey: 'k', proxy }),
      (err) => {
        assert.ok(err instanceof ConfigurationError, String(err));
        assert.ok(!err.message.includes('hunter22'), err.message);
        return true;
      },
    );
  }
});

test('environment proxies are honoured unless proxy is false', async (t) => {
  const mock = await tlsMock(t);
  const proxy = await connectProxy(t);
  const script = `
    const { Client } = require('leat-sdk');
    const options = ${JSON.stringify({ apiKey: mock.apiKey, baseUrl: mock.url, ca: mock.caPem })};
    (async () => {
      await new Client(options).webhookSubscriptions.list();
      await new Client({ ...options, proxy: false }).webhookSubscriptions.list();
    })().catch((err) => { console.error(err); process.exit(1); });
  `;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().includes('proxy')));
  const run = (extra) =>
    promisify(execFile)(process.execPath, ['-e', script], { env: { ...env, ...extra }, cwd: process.cwd() });
  await run({ HTTPS_PROXY: proxy.url });
  assert.equal(proxy.seen.length, 1, 'HTTPS_PROXY for the first client, nothing for proxy: false');
  await run({ HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' });
  assert.equal(proxy.seen.length, 1, 'NO_PROXY exempts the host');
});
