// What the framework receivers (express, fastify, web) do alike: read a delivery's raw body up
// to the receiver's limit, verify it with the core and, when it does not verify, the HTTP answer
// Leat gets. A delivery that does not verify, or whose body is not an event, is answered 400
// with `<reason>: <message>`; a body over the limit (default 1 MiB: Leat's deliveries are small)
// 413 with `body_too_large: ...`, by its Content-Length before it is read, else without keeping
// more than the limit of it; a receiver with no secret at all (none given, LEAT_WEBHOOK_SECRET unset or
// empty) answers 500 naming the variable, because the fault is the server's and Leat retries
// until it is fixed. The environment is read for each delivery, so the variable may be set
// after the receiver was made.

const { webhooks, secretsOf } = require('../webhooks');
const { SignatureVerificationError } = require('../errors');

/** The content type of a refusal's text. */
const TEXT = 'text/plain; charset=utf-8';

/** The answer when the handler succeeded and gave no answer of its own. */
const NO_CONTENT = 204;

/** The type of the process warnings a misconfigured receiver emits. */
const WARNING = 'LeatWebhookWarning';

/** The largest body a receiver reads by default: 1 MiB (Leat's deliveries are a few KiB). */
const DEFAULT_LIMIT = 1024 * 1024;

/** The answer to a body over `limit` bytes. */
function tooLarge(limit) {
  return {
    status: 413,
    text: `body_too_large: the request body is larger than this receiver's limit of ${limit} bytes (its limit option)`,
  };
}

/** Whether a `Content-Length` header's value says the body is over `limit`, unread. */
function declaredTooLarge(contentLength, limit) {
  const length = Number(contentLength);
  return contentLength !== undefined && contentLength !== null && Number.isFinite(length) && length > limit;
}

/**
 * The bytes of a Node.js stream (an `http.IncomingMessage`), or `undefined` when they are more
 * than `limit`: past it, the rest is drained without being kept, so the answer still reaches the
 * sender.
 */
async function readStream(stream, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

/**
 * Verifies one delivery: `{ event }`, or `{ status, text }` to answer with (and `problem`: a
 * configuration problem the server's owner must fix, worth a warning).
 */
function verifyDelivery(body, headers, secret) {
  try {
    return { event: webhooks.constructEvent(body, headers, secret) };
  } catch (err) {
    if (!(err instanceof SignatureVerificationError)) throw err;
    const text = `${err.reason}: ${err.message}`;
    if (err.reason === 'no_secret') return { status: 500, text, problem: text };
    return { status: 400, text };
  }
}

/**
 * A receiver's options, checked when it is made: an object whose `onEvent` is a function
 * (optional only where `onEventOptional`) and whose `secret`, when given, is one a delivery
 * can be verified with (a secret of the wrong type would fail every delivery instead).
 */
function checkOptions(options, caller, onEventOptional) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${caller}() needs an options object ({ secret, onEvent, limit }), got ${typeof options}`);
  }
  const { onEvent, secret, limit } = options;
  if (secret !== undefined && secret !== null) secretsOf(secret, caller);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit <= 0)) {
    const shown = typeof limit === 'number' ? String(limit) : `a ${typeof limit}`;
    throw new TypeError(`${caller}() needs limit as a positive whole number of bytes, got ${shown}`);
  }
  if (onEvent === undefined && onEventOptional) return;
  if (typeof onEvent !== 'function') {
    throw new TypeError(
      `${caller}() needs onEvent, the function called with each verified event, got ${typeof onEvent}`,
    );
  }
}

/** Emits each configuration problem once per receiver as a process warning (on stderr by default). */
function warnOnce() {
  const warned = new Set();
  return (problem) => {
    if (warned.has(problem)) return;
    warned.add(problem);
    process.emitWarning(problem, WARNING);
  };
}

module.exports = {
  DEFAULT_LIMIT,
  NO_CONTENT,
  TEXT,
  WARNING,
  checkOptions,
  declaredTooLarge,
  readStream,
  tooLarge,
  verifyDelivery,
  warnOnce,
};
