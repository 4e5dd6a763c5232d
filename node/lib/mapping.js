// The pieces every generated model mapper (lib/models.js) is made of: Leat's snake_case JSON,
// already checked against the operation's type by the core, turned into the plain camelCase
// objects the SDK returns. Values are kept as Leat sent them (numbers, strings, the key order
// of what the SDK does not know); only timestamps become `Date`s, PHP's `[]` for an empty
// object becomes `null` (or `{}` for a map), and a list Leat leaves out when it has nothing
// becomes `[]`.

/** A timestamp as a `Date`; absent (`undefined`) and `null` stay as they are. */
function toDate(value) {
  return value === undefined || value === null ? value : new Date(value);
}

/** Whether `value` is PHP's `[]` for an empty object. */
function isPhpEmpty(value) {
  return Array.isArray(value) && value.length === 0;
}

/** A model-typed field that may be absent, `null` or PHP's `[]` (read as `null`). */
function optionalModel(value, map) {
  if (value === undefined) return undefined;
  return value === null || isPhpEmpty(value) ? null : map(value);
}

/** A list whose items `map` turns into the SDK's values; absent and `null` stay as they are. */
function list(value, map) {
  return value === undefined || value === null ? value : value.map(map);
}

/** A list Leat leaves out or sends as `null` when it has nothing: then `[]`. */
function listOrEmpty(value, map) {
  if (value === undefined || value === null) return [];
  return map === undefined ? value : value.map(map);
}

/** A map (an object, or PHP's `[]` for an empty one) whose values `map` turns, if given. */
function dict(value, map) {
  if (value === undefined || value === null) return value;
  if (isPhpEmpty(value)) return {};
  if (map === undefined) return value;
  const out = {};
  for (const key of Object.keys(value)) put(out, key, map(value[key]));
  return out;
}

/**
 * The fields of `raw` that `known` (a Set of Leat's names) does not hold, under Leat's names and
 * as Leat sent them, in Leat's order.
 */
function extra(raw, known) {
  const out = {};
  for (const key of Object.keys(raw)) if (!known.has(key)) put(out, key, raw[key]);
  return out;
}

/** `out[key] = value`, even for a key named `__proto__` (which would set the prototype). */
function put(out, key, value) {
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    out[key] = value;
  }
}

/** Lists whose items need no mapping keep them as they are. */
function same(value) {
  return value;
}

module.exports = { toDate, optionalModel, list, listOrEmpty, dict, extra, same };
