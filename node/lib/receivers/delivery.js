// What the framework receivers (express, fastify, web) do alike: read a delivery's raw body up
// to the receiver's limit, verify it with the core and, when it does not verify, the HTTP answer
// Leat gets. A delivery that does not verify, or whose body is not an event, is answered 400
// with `<reason>: <message>`; a body over the limit (default 1 MiB: Leat's deliveries are small)
// 413 with `body_too_large: ...`, by its Content-Length before it is read, else without keeping
// more than the limit of it; a receiver with no secret at all (none given, LEAT_WEBHOOK_SECRET unset or
// empty) answers 500 naming the variable, because the fault is the server's and Leat retries
// until it is fixed. The environment is read for each delivery, so the variable may be set
// after the receiver was made.

const native = require('../native');
const { eventOf } = require('../webhook-events');
const { secretsOf, webhooks } = require('../webhooks');

/** The content type of a refusal's text. */
const TEXT = 'text/plain; charset=utf-8';

/** The answer when the handler succeeded and gave no answer of its own. */
const NO_CONTENT = 204;

/** The type of the process warnings a misconfigured receiver emits. */
const WARNING = 'LeatWebhookWarning';

/** The largest body a receiver reads by default: 1 MiB (Leat's deliveries are a few KiB). */
const DEFAULT_LIMIT = native.DEFAULT_BODY_LIMIT;

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
 * A receiver's options, checked when it is made (an object whose `onEvent` is a function,
 * optional only where `onEventOptional`, and whose `secret`, when given, is one a delivery can
 * be verified with: a secret of the wrong type would fail every delivery instead), and the
 * verifier they make: `limit`, `declaredTooLarge(contentLength)`, `tooLarge()` and
 * `verify(body, headers)`, which give `{ event }` or `{ status, text, problem? }` (`problem`:
 * a configuration problem the server's owner must fix, worth a warning).
 */
function verifierFor(options, caller, onEventOptional) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${caller}() needs an options object ({ secret, onEvent, limit }), got ${typeof options}`);
  }
  const { onEvent, secret, limit = DEFAULT_LIMIT } = options;
  const secrets = secret === undefined || secret === null ? null : secretsOf(secret, caller);
  if (!Number.isSafeInteger(limit)) {
    const shown = typeof limit === 'number' ? String(limit) : `a ${typeof limit}`;
    throw new TypeError(`${caller}() needs limit as a positive whole number of bytes, got ${shown}`);
  }
  if (!(onEvent === undefined && onEventOptional) && typeof onEvent !== 'function') {
    throw new TypeError(
      `${caller}() needs onEvent, the function called with each verified event, got ${typeof onEvent}`,
    );
  }
  const receiver = native.makeReceiver(secrets, limit, 'limit option');
  // The core refuses a limit that is not greater than zero; said in this function's words.
  if (typeof receiver === 'string') {
    throw new TypeError(`${caller}() needs limit as a positive whole number of bytes, got ${limit}`);
  }
  const refusal = ({ status, text, serverFault }) => (serverFault ? { status, text, problem: text } : { status, text });
  return {
    limit: receiver.limit,
    declaredTooLarge: (contentLength) =>
      contentLength !== undefined && contentLength !== null && receiver.declaredTooLarge(String(contentLength)),
    tooLarge: () => refusal(JSON.parse(receiver.tooLarge())),
    verify(body, headers) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const answer = JSON.parse(receiver.receive(bytes, webhooks.signatureFromHeaders(headers) ?? ''));
      return answer.refusal === undefined ? { event: eventOf(answer.ok) } : refusal(answer.refusal);
    },
  };
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
  readStream,
  verifierFor,
  warnOnce,
};
