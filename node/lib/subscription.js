// A webhook subscription as Leat sends it (snake_case) turned into the plain, camelCase object
// the SDK returns. The fields the core knows (its contract) are camelCased, `created_at`
// becomes `createdAt`, a Date; fields this version does not know are kept, as sent, under
// `extra`.

const { CONTRACT, camelCase } = require('./contract');

const KNOWN = CONTRACT.subscription_fields.map((name) => [name, camelCase(name)]);
const KNOWN_NAMES = new Set(CONTRACT.subscription_fields);

function toSubscription(raw) {
  const subscription = {};
  for (const [name, camel] of KNOWN) subscription[camel] = raw[name];
  subscription.createdAt = new Date(raw.created_at);
  const extra = {};
  for (const name of Object.keys(raw)) if (!KNOWN_NAMES.has(name)) extra[name] = raw[name];
  subscription.extra = extra;
  return subscription;
}

function toSubscriptions(list) {
  return list.map(toSubscription);
}

module.exports = { toSubscription, toSubscriptions };
