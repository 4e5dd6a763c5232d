// The core's contract, read once from the addon: the error classes with their parents and
// fields, the known event types and statuses, and the subscription's fields. Everything the
// package knows about Leat's shapes comes from here, so the three languages cannot drift.

const native = require('./native');

const CONTRACT = Object.freeze(JSON.parse(native.contract()));

/** `event_type` -> `eventType`. */
function camelCase(name) {
  return name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

/** Every field of the error class `name`, its parents' first, as `{ node_name, kind }`. */
function errorFields(name) {
  const byName = new Map(CONTRACT.error_classes.map((c) => [c.name, c]));
  const chain = [];
  for (let c = byName.get(name); c; c = byName.get(c.parent)) chain.unshift(c);
  return chain.flatMap((c) => c.fields);
}

module.exports = { CONTRACT, camelCase, errorFields };
