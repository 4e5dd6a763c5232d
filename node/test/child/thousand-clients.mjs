// Run by hardening.test.mjs with --expose-gc: creates and drops 1,000 clients (every 50th
// making a call) against a mock, collects garbage, and prints the thread counts as JSON.

import { readdirSync } from 'node:fs';

import { Client } from 'leat-sdk';
import { MockServer } from 'leat-sdk/testing';

const threads = () => readdirSync('/proc/self/task').length;

async function collect() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mock = await MockServer.start();
const options = { apiKey: mock.apiKey, baseUrl: mock.url };
await new Client(options).webhookSubscriptions.list();
await collect();
const before = threads();
for (let i = 0; i < 1000; i++) {
  const client = new Client(options);
  if (i % 50 === 0) await client.webhookSubscriptions.list();
}
await collect();
const after = threads();
await mock.stop();
process.stdout.write(`${JSON.stringify({ before, after })}\n`);
