// Run by lifecycle.test.mjs: a call in flight keeps the process alive with nothing else
// pending; once it settled, an idle client does not.

import { Client } from 'leat-sdk';
import { MockServer, Fault } from 'leat-sdk/testing';

const mock = await MockServer.start();
const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
mock.script([Fault.delay(300)]);
// No timer, no socket of JavaScript's own: only the call keeps the loop alive.
client.webhookSubscriptions.list().then(() => {
  console.log('settled after the delay');
  mock.stop();
  process.on('exit', () => console.log('exited with an idle client'));
});
