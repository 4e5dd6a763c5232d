'use strict';
// Values cross to the addon as JSON text, one string per argument, and come back as one
// envelope, `{"ok": value}` or `{"error": {...}}`: one JSON.parse instead of building objects
// property by property through Node-API.

const { LeatError, errorFrom } = require('./errors');

/** The JSON text of an argument; `undefined` (and anything JSON drops) becomes `null`. */
function encode(value) {
  return JSON.stringify(value) ?? 'null';
}

/**
 * The JSON text of an options object, where JSON's `null` for `Infinity` and `NaN` would read
 * as "not given": they are sent as text, which the addon refuses by name.
 */
function encodeOptions(options) {
  return JSON.stringify(options ?? {}, (_key, value) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
  ) ?? 'null';
}

/**
 * The envelope the addon's promise resolves to. The addon never rejects on purpose: a
 * rejection (a panic napi caught, or the runtime shutting down) becomes a LeatError.
 */
async function settle(promise) {
  try {
    return await promise;
  } catch (cause) {
    const message = `leat-sdk internal error: ${cause?.message ?? cause}; please report it`;
    const error = new LeatError(message, { cause });
    Error.captureStackTrace(error, settle);
    throw error;
  }
}

/**
 * The value of an envelope, mapped by `map`; or its error, thrown from here with a stack that
 * starts at the caller of the method that awaited it.
 */
function unwrap(text, map) {
  const answer = JSON.parse(text);
  if (answer.error !== undefined) throw errorFrom(answer.error, unwrap);
  return map(answer.ok);
}

module.exports = { encode, encodeOptions, settle, unwrap };
