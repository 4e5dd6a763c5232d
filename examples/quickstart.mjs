// Node quickstart: create, get, list, update and delete a webhook subscription.
//
// With LEAT_API_KEY set it talks to Leat (or to LEAT_BASE_URL when that is set too);
// otherwise it starts the embedded mock server and talks to that. Exits non-zero on any
// failure.
//
// Run it with `node examples/quickstart.mjs` (after `make node-build`), or copy it into a
// project where leat-sdk is installed.

/** The installed package; inside the leat-sdk repository, the one in ../node. */
async function load(name, inRepository) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return import(new URL(inRepository, import.meta.url));
  }
}

const { Client, EventType, Status } = await load('leat-sdk', '../node/index.mjs');
const { MockServer } = await load('leat-sdk/testing', '../node/testing.mjs');

async function connect() {
  if (process.env.LEAT_API_KEY?.trim()) {
    // Reads LEAT_API_KEY, and LEAT_BASE_URL if set.
    const client = new Client();
    console.log(`using Leat at ${client.baseUrl}`);
    return { client, mock: null };
  }
  const mock = await MockServer.start();
  console.log(`LEAT_API_KEY is not set: using the embedded mock server at ${mock.url}`);
  return { client: new Client({ apiKey: mock.apiKey, baseUrl: mock.url }), mock };
}

async function main() {
  const { client, mock } = await connect();
  try {
    const subs = client.webhookSubscriptions;

    const created = await subs.create({
      name: 'leat-sdk quickstart (Node)',
      eventType: EventType.CONTACT_CREATED,
      url: 'https://example.com/leat-sdk-quickstart/webhooks',
    });
    console.log(`created  ${created.uuid} ${created.eventType} -> ${created.url} (${created.status})`);

    const fetched = await subs.get(created.uuid);
    console.log(
      `got      ${fetched.uuid} named ${JSON.stringify(fetched.name)}, created at ${fetched.createdAt.toISOString()}`,
    );

    const listed = await subs.list({ eventType: EventType.CONTACT_CREATED });
    console.log(`listed   ${listed.length} contact_created subscription(s)`);
    if (!listed.some((s) => s.uuid === created.uuid)) {
      throw new Error('the new subscription is missing from the list');
    }

    const updated = await subs.update(created.uuid, {
      name: 'leat-sdk quickstart (Node, paused)',
      status: Status.INACTIVE,
    });
    console.log(`updated  ${updated.uuid} named ${JSON.stringify(updated.name)} is now ${updated.status}`);

    await subs.delete(created.uuid);
    console.log(`deleted  ${created.uuid}`);
  } finally {
    await mock?.stop();
  }
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
