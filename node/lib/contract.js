// The core's contract, read from the addon: the error classes with their parents and fields,
// Leat's error codes, the known event types and statuses, the subscription's fields. The
// package's own classes and constants are generated from the same spec (lib/errors.js,
// lib/enums.js); the tests check them against this, so the core and the package cannot drift.
// Nothing loads it at `require('leat-sdk')`.

const native = require('./native');

const CONTRACT = Object.freeze(JSON.parse(native.contract()));

module.exports = { CONTRACT };
