// The ESM side of the types: `import` under nodenext resolution gets the .d.mts declarations
// (checked by `npm run typecheck`, never run).

import sdk, { Client, EventType, NotFoundError, webhooks } from 'leat-sdk';
import { leatWebhook } from 'leat-sdk/express';
import { createWebhookHandler } from 'leat-sdk/web';
import testing, { MockServer } from 'leat-sdk/testing';

export async function esmUsage(): Promise<void> {
  const mock: MockServer = await testing.MockServer.start();
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url });
  const same: typeof Client = sdk.Client;
  try {
    await client.webhookSubscriptions.get('missing', { timeout: 1_000 });
  } catch (err) {
    if (err instanceof NotFoundError) console.log(err.requestId, same, EventType.CONTACT_CREATED);
  }
  console.log(typeof leatWebhook, typeof createWebhookHandler, webhooks.SIGNATURE_HEADER);
  await mock.stop();
}
