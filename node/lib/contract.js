// The core's contract, read once from the addon: the error classes with their parents and
// fields, the known event types and statuses, and the subscription's fields. Everything the
// package knows about Leat's shapes comes from here, so the three languages cannot drift.

const native = require('./native');

const CONTRACT = Object.freeze(JSON.parse(native.contract()));

/** `event_type` -> `eventType`. */
function camelCase(name) {
  return name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

module.exports = { CONTRACT, camelCase };
