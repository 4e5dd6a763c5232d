// Node loyalty quickstart: find or create a contact by email, give it credits for a purchase,
// read its credit balance, list the rewards it can afford, and redeem one.
//
// With LEAT_API_KEY set it talks to Leat (or to LEAT_BASE_URL when that is set too);
// otherwise it starts the embedded mock server, a ready account, and talks to that. Exits
// non-zero on any failure.
//
// Run it with `node examples/loyalty.mjs` (after `make node-build`), or copy it into a project
// where leat-sdk is installed.

/** The installed package; inside the leat-sdk repository, the one in ../node. */
async function load(name, inRepository) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return import(new URL(inRepository, import.meta.url));
  }
}

const { Client } = await load('leat-sdk', '../node/index.mjs');
const { MockServer } = await load('leat-sdk/testing', '../node/testing.mjs');

const mock = process.env.LEAT_API_KEY?.trim() ? null : await MockServer.start();
// With the mock: its credentials; otherwise LEAT_API_KEY (and LEAT_BASE_URL if set).
const client = mock ? new Client({ apiKey: mock.apiKey, baseUrl: mock.url }) : new Client();
console.log(`using Leat at ${client.baseUrl}`);

try {
  // The shop the purchase was made in.
  const [shop] = await client.shops.list();

  // The customer, by email: found, or made when Leat has none.
  const contact = await client.contacts.findOrCreate({ email: 'jane@example.com' });
  console.log(`contact  ${contact.uuid} (${contact.email})`);

  // Credits for a purchase of 42.50 in the account's default unit: Leat's rules decide how
  // many. Sent once: a reception whose outcome is unknown is never repeated.
  const reception = await client.creditReceptions.create({
    contactUuid: contact.uuid,
    shopUuid: shop.uuid,
    unitValue: 42.5,
  });
  console.log(`received ${reception.credits} credits at ${shop.name}`);

  const { balance } = await client.contacts.getCreditBalance(contact.uuid);
  console.log(`balance  ${balance} credits`);

  // The rewards it can afford now.
  const offered = await client.rewards.list({ contactUuid: contact.uuid });
  const affordable = offered.filter((r) => r.requiredCredits != null && r.requiredCredits <= balance);
  console.log(`${affordable.length} of ${offered.length} rewards are within reach`);

  if (affordable.length > 0) {
    const redeemed = await client.rewardReceptions.create({
      rewardUuid: affordable[0].uuid,
      shopUuid: shop.uuid,
      contactUuid: contact.uuid,
    });
    console.log(`redeemed ${redeemed.title} for ${Math.abs(redeemed.credits)} credits`);
    const after = await client.contacts.getCreditBalance(contact.uuid);
    console.log(`balance  ${after.balance} credits left`);
  }
} finally {
  await mock?.stop();
}
