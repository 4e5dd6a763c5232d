// Values cross to the addon as JSON text, one string per argument, and come back as one
// envelope, `{"ok": value}` or `{"error": {...}}`: one JSON.parse instead of building objects
// property by property through Node-API.

const { errorFrom } = require('./errors');

/** The JSON text of an argument; `undefined` (and anything JSON drops) becomes `null`. */
function encode(value) {
  return JSON.stringify(value) ?? 'null';
}

/**
 * The JSON text of an options object, where JSON's `null` for `Infinity` and `NaN` would read
 * as "not given": they are sent as text, which the addon reads as the numbers they are.
 */
function encodeOptions(options) {
  return (
    JSON.stringify(options ?? {}, (_key, value) =>
      typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
    ) ?? 'null'
  );
}

/**
 * The value of an envelope (JSON text, or already parsed), mapped by `map`; or its error,
 * thrown with a stack that starts at the caller of `above`.
 */
function unwrap(answer, map, above = unwrap) {
  const parsed = typeof answer === 'string' ? JSON.parse(answer) : answer;
  if (parsed.error !== undefined) throw errorFrom(parsed.error, above);
  return map(parsed.ok);
}

module.exports = { encode, encodeOptions, unwrap };
