// `webhooks`: verifying Leat's `Signature` header on a delivery's raw body, and parsing the
// event. The core checks the bytes and parses them; this module turns the arguments into raw
// bytes, a header value and a list of secrets, and refuses a body that was already parsed. The
// event carries its entity, typed (lib/webhook-events.js).

const native = require('./native');
const { unwrap } = require('./envelope');
const { eventOf } = require('./webhook-events');

const SIGNATURE_HEADER = 'Signature';

const EXPRESS_RAW = "In Express, give the webhook route express.raw({ type: 'application/json' }) and pass req.body.";

/** What a value is, for a message; never the value itself, which may be a secret. */
function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

/** The payload as bytes the addon can borrow without a copy. */
function rawBody(payload, caller) {
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  if (payload !== null && typeof payload === 'object') {
    throw new TypeError(
      `${caller}() needs the raw request body, not parsed JSON: the signature covers the exact ` +
        'bytes Leat sent, which parsing and re-serialising changes. Pass a Buffer, Uint8Array or ' +
        `string. ${EXPRESS_RAW}`,
    );
  }
  throw new TypeError(
    `${caller}() needs the raw request body (a Buffer, Uint8Array or string), got ${kind(payload)}. ${EXPRESS_RAW}`,
  );
}

/** A header's value as Node.js holds it: repeated headers come as an array. */
function headerValue(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  return undefined;
}

/**
 * The `Signature` header, found case-insensitively in a plain object (Node's `req.headers`), a
 * `Headers` instance, a `Map`, or `[name, value]` pairs; `undefined` when there is none.
 */
function signatureFromHeaders(headers) {
  if (headers === null || typeof headers !== 'object') {
    throw new TypeError(
      `signatureFromHeaders() needs the request's headers (an object, Headers or Map), got ${kind(headers)}`,
    );
  }
  const entries = typeof headers[Symbol.iterator] === 'function' ? headers : Object.entries(headers);
  for (const entry of entries) {
    if (Array.isArray(entry) && typeof entry[0] === 'string' && entry[0].toLowerCase() === 'signature') {
      return headerValue(entry[1]);
    }
  }
  return undefined;
}

/** The header value from what was given: the value (absent is empty), or the headers. */
function signatureOf(signature, caller) {
  if (typeof signature === 'string') return signature;
  if (signature === undefined || signature === null) return '';
  if (Array.isArray(signature) && signature.every((value) => typeof value === 'string')) {
    return headerValue(signature);
  }
  if (typeof signature === 'object') return signatureFromHeaders(signature) ?? '';
  throw new TypeError(
    `${caller}() needs the ${SIGNATURE_HEADER} header's value (a string) or the request's headers, got ${kind(signature)}`,
  );
}

const ENV_WEBHOOK_SECRET = 'LEAT_WEBHOOK_SECRET';

/** A secret as the addon takes it: a string, or bytes (a Buffer or any Uint8Array). */
function keyOf(secret, caller, where) {
  if (typeof secret === 'string' || Buffer.isBuffer(secret)) return secret;
  if (secret instanceof Uint8Array) return Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
  throw new TypeError(
    `${caller}() needs the webhook secret${where} as a string or a Buffer, got ${kind(secret)}; ` +
      'is the variable it comes from set?',
  );
}

/** One secret, several while one is being rotated, or none given: `LEAT_WEBHOOK_SECRET`. */
function secretsOf(secret, caller) {
  if (secret === undefined || secret === null) {
    return native.parseWebhookSecrets(process.env[ENV_WEBHOOK_SECRET] ?? '');
  }
  if (Array.isArray(secret)) return secret.map((value, index) => keyOf(value, caller, ` at index ${index}`));
  return [keyOf(secret, caller, '')];
}

const same = (value) => value;

function verifySignature(payload, signature, secret) {
  const text = native.verifyWebhookSignature(
    rawBody(payload, 'verifySignature'),
    signatureOf(signature, 'verifySignature'),
    secretsOf(secret, 'verifySignature'),
  );
  unwrap(text, same, verifySignature);
}

function constructEvent(payload, signature, secret) {
  const text = native.constructWebhookEvent(
    rawBody(payload, 'constructEvent'),
    signatureOf(signature, 'constructEvent'),
    secretsOf(secret, 'constructEvent'),
  );
  return unwrap(text, eventOf, constructEvent);
}

function sign(payload, secret) {
  return unwrap(native.signWebhook(rawBody(payload, 'sign'), keyOf(secret, 'sign', '')), same, sign);
}

const webhooks = Object.freeze({
  SIGNATURE_HEADER,
  ENV_WEBHOOK_SECRET,
  constructEvent,
  verifySignature,
  sign,
  signatureFromHeaders,
});

// secretsOf: for the framework receivers, to check a secret when they are made.
module.exports = { webhooks, secretsOf };
