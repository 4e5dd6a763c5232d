// Run by lifecycle.test.mjs: shows that calls made in workers come back, then starts workers
// that make calls against a mock, and terminates each while its calls are still in flight (the
// mock delays every answer). Prints what the workers answered and a count.

import { Worker } from 'node:worker_threads';

import { MockServer, Fault } from 'leat-sdk/testing';

const rounds = Number(process.argv[2] ?? 20);
const mock = await MockServer.start();
const worker = `
  const { workerData, parentPort } = require('node:worker_threads');
  const { Client } = require('leat-sdk');
  const client = new Client({ apiKey: workerData.apiKey, baseUrl: workerData.url, timeout: 10000 });
  for (let i = 0; i < 16; i++) {
    client.webhookSubscriptions.list().catch(() => {});
    client.webhookSubscriptions.create({ name: 'w', eventType: 'contact_created', url: 'https://e.com/h' }).catch(() => {});
  }
  parentPort.postMessage('started');
`;
// First, calls in workers come back: two workers at once, each with its own client.
const answering = `
  const { workerData, parentPort } = require('node:worker_threads');
  const { Client } = require('leat-sdk');
  const client = new Client({ apiKey: workerData.apiKey, baseUrl: workerData.url });
  (async () => {
    const created = await client.webhookSubscriptions.create({ name: workerData.name, eventType: 'contact_created', url: 'https://e.com/h' });
    const got = await client.webhookSubscriptions.get(created.uuid);
    parentPort.postMessage(got.name);
  })().catch((err) => parentPort.postMessage(\`failed: \${err}\`));
`;
const names = await Promise.all(
  ['first', 'second'].map(
    (name) =>
      new Promise((resolve, reject) => {
        const w = new Worker(answering, { eval: true, workerData: { apiKey: mock.apiKey, url: mock.url, name } });
        w.once('message', (message) => w.terminate().then(() => resolve(message)));
        w.once('error', reject);
      }),
  ),
);
console.log(`workers answered: ${names.join(', ')}`);

for (let round = 0; round < rounds; round++) {
  mock.script(Array.from({ length: 32 }, () => Fault.delay(20 + (round % 5) * 10)));
  const w = new Worker(worker, { eval: true, workerData: { apiKey: mock.apiKey, url: mock.url } });
  await new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  // Some calls are still in the air, some have just answered.
  await new Promise((resolve) => setTimeout(resolve, round % 4 === 0 ? 0 : (round % 7) * 5));
  await w.terminate();
}
// Answers of terminated workers keep arriving for a while; give them time to be dropped.
await new Promise((resolve) => setTimeout(resolve, 300));
await mock.stop();
console.log(`terminated ${rounds} workers`);
