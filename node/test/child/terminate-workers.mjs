// Run by lifecycle.test.mjs: starts workers that make calls against a mock, and terminates
// each while its calls are still in flight (the mock delays every answer). Prints a count.

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
