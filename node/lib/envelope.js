// Values cross to the addon as JSON text, one string per argument, and come back as one
// envelope, `{"ok": value}` or `{"error": {...}}`: one JSON.parse instead of building objects
// property by property through Node-API.

const { errorFrom } = require('./errors');

/**
 * The key of what stands in for a value JSON cannot carry: a bigint (which `JSON.stringify`
 * throws on), a function or a symbol (which it would drop, as if not given). The addon checks
 * every argument's types and names the stand-in's type in its ValidationError or
 * ConfigurationError, like any other value of the wrong type. Keep in step with
 * `bindings/node/src/json.rs`.
 */
const UNENCODABLE = '$leat:unencodable';

/** What the addon checks in place of `value`. */
function encodable(value) {
  switch (typeof value) {
    case 'bigint':
      return { [UNENCODABLE]: 'bigint' };
    case 'function':
      return { [UNENCODABLE]: 'function' };
    case 'symbol':
      return { [UNENCODABLE]: 'symbol' };
    default:
      return value;
  }
}

/**
 * `JSON.stringify(value, replacer)`, or, when it throws (a circular structure, a `toJSON`
 * that throws), text that is not JSON, which the addon refuses as not JSON-serialisable data.
 */
function stringify(value, replacer) {
  try {
    return JSON.stringify(value, replacer) ?? 'null';
  } catch {
    return '<not JSON-serialisable>';
  }
}

/** The JSON text of an argument; `undefined` becomes `null`. */
function encode(value) {
  return stringify(value, (_key, item) => encodable(item));
}

/**
 * The JSON text of an options object, where JSON's `null` for `Infinity` and `NaN` would read
 * as "not given": they are sent as text, which the addon reads as the numbers they are.
 */
function encodeOptions(options) {
  return stringify(options ?? {}, (_key, value) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : encodable(value),
  );
}

/** The JSON text of data passed on as it is (the mock's deliveries), as `JSON.stringify` writes it. */
function encodeData(value) {
  return JSON.stringify(value) ?? 'null';
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

module.exports = { encode, encodeData, encodeOptions, unwrap };
