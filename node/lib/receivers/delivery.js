// What the framework receivers (express, fastify, web) do alike: verify a delivery's raw body
// with the core and, when it does not verify, the HTTP answer Leat gets. A delivery that does
// not verify is answered 400 with `<reason>: <message>`; a receiver with no secret at all (none
// given, LEAT_WEBHOOK_SECRET unset or empty) answers 500 naming the variable, because the fault
// is the server's and Leat retries until it is fixed. The environment is read for each
// delivery, so the variable may be set after the receiver was made.

const { webhooks, secretsOf } = require('../webhooks');
const { SignatureVerificationError } = require('../errors');

/** The content type of a refusal's text. */
const TEXT = 'text/plain; charset=utf-8';

/** The answer when the handler succeeded and gave no answer of its own. */
const NO_CONTENT = 204;

/** The type of the process warnings a misconfigured receiver emits. */
const WARNING = 'LeatWebhookWarning';

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
    throw new TypeError(`${caller}() needs an options object ({ secret, onEvent }), got ${typeof options}`);
  }
  const { onEvent, secret } = options;
  if (secret !== undefined && secret !== null) secretsOf(secret, caller);
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

module.exports = { NO_CONTENT, TEXT, WARNING, checkOptions, verifyDelivery, warnOnce };
