// Run by lifecycle.test.mjs: exits while 64 calls are in flight.

import { Client } from 'leat-sdk';
import { MockServer, Fault } from 'leat-sdk/testing';

const mock = await MockServer.start();
const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
mock.script(Array.from({ length: 32 }, () => Fault.delay(50)));
for (let i = 0; i < 64; i++) client.webhookSubscriptions.list().catch(() => {});
setTimeout(() => process.exit(0), 10 + Math.floor(Math.random() * 40));
