'use strict';
// Values cross to the addon as JSON text, one string per argument, and come back as one
// envelope, `{"ok": value}` or `{"error": {...}}`: one JSON.parse instead of building objects
// property by property through Node-API.

const { InternalError, errorFrom } = require('./errors');

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
 * The envelope the addon's promise resolves to. The addon never rejects on purpose (a panic
 * inside a call already answers an `InternalError` envelope): any rejection, such as the
 * runtime shutting down, becomes an InternalError too.
 */
async function settle(promise) {
  try {
    return await promise;
  } catch (cause) {
    const message = `leat-sdk hit an internal error (a bug; please report it): ${cause?.message ?? cause}`;
    const error = new InternalError(message, { cause });
    Error.captureStackTrace(error, settle);
    throw error;
  }
}

/**
 * The value of an envelope, mapped by `map`; or its error, thrown with a stack that starts at
 * the caller of `above` (by default, at the caller of the method that awaited it).
 */
function unwrap(text, map, above = unwrap) {
  const answer = JSON.parse(text);
  if (answer.error !== undefined) throw errorFrom(answer.error, above);
  return map(answer.ok);
}

module.exports = { encode, encodeOptions, settle, unwrap };
