// The ESM side of the types: `import` under nodenext resolution gets the .d.mts declarations
// (checked by `npm run typecheck`, never run).

import sdk, { Client, EventType, NotFoundError, Page, webhooks } from 'leat-sdk';
import type { APIPromise, Contact, PagePromise } from 'leat-sdk';
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
  // A generated resource, a model, a page and withResponse() through the ESM declarations.
  const found: APIPromise<Contact> = client.contacts.findOneBy({ email: 'jane@example.com' });
  const { data, response } = await found.withResponse();
  const listed: PagePromise<Contact> = client.contacts.list({ limit: 10 });
  const page: Page<Contact> = await listed;
  for await (const contact of listed) console.log(contact.uuid);
  console.log(data.uuid, response.status, page.data.length, page instanceof Page);
  await mock.stop();
}
