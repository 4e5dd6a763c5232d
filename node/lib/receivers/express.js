// leat-sdk/express: middleware that verifies Leat's deliveries on the raw body, whether or not
// a body parser ran before it, and hands on the event (`req.leatEvent`, or `onEvent`).

const { NO_CONTENT, TEXT, readStream, verifierFor, warnOnce } = require('./delivery');

const PARSED_BODY =
  'leatWebhook(): the request body was already read, most likely by express.json(), so the bytes Leat signed are ' +
  'gone and the Signature cannot be verified (re-serialised JSON never matches them). Register the webhook route ' +
  'before app.use(express.json()), so that leatWebhook() reads the body itself, or give the route ' +
  "express.raw({ type: 'application/json' }) instead; if express.json() must run first, keep the bytes with " +
  'express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }).';

/** What `rawBodyOf` gives for a body larger than the limit. */
const TOO_LARGE = Symbol('too large');

/**
 * The raw body: what express.raw() or express.text() left in `req.body`, a `req.rawBody` kept
 * by express.json({ verify }) or a host such as Google Cloud Functions, or the unread request
 * stream; `undefined` when a parser consumed the stream and kept only parsed data, and
 * `TOO_LARGE` when it is over `limit` bytes (refused by Content-Length before reading).
 */
async function rawBodyOf(req, verifier) {
  const { limit } = verifier;
  const { body, rawBody } = req;
  const kept = body instanceof Uint8Array || typeof body === 'string' ? body : rawBody;
  if (kept instanceof Uint8Array || typeof kept === 'string') {
    return Buffer.byteLength(kept) > limit ? TOO_LARGE : kept;
  }
  if (!req.readable) return undefined;
  if (verifier.declaredTooLarge(req.headers['content-length'])) return TOO_LARGE;
  return (await readStream(req, limit)) ?? TOO_LARGE;
}

function answer(res, status, text) {
  res.statusCode = status;
  if (text === undefined) return res.end();
  res.setHeader('Content-Type', TEXT);
  return res.end(text);
}

/**
 * Express (or Connect) middleware receiving Leat's webhooks. Without `onEvent` it sets
 * `req.leatEvent` and calls `next()`; with it, it awaits `onEvent(event, req, res)` and then
 * answers 204 unless `onEvent` answered; an error goes to `next(err)` (a 500 by default).
 */
function leatWebhook(options = {}) {
  const verifier = verifierFor(options, 'leatWebhook', true);
  const { onEvent } = options;
  const warn = warnOnce();

  return async function leatWebhookMiddleware(req, res, next) {
    let event;
    try {
      const body = await rawBodyOf(req, verifier);
      if (body === undefined) {
        warn(PARSED_BODY);
        return answer(res, 500, PARSED_BODY);
      }
      const outcome = body === TOO_LARGE ? verifier.tooLarge() : verifier.verify(body, req.headers);
      if (outcome.problem) warn(outcome.problem);
      if (outcome.status) return answer(res, outcome.status, outcome.text);
      event = outcome.event;
    } catch (err) {
      return next(err);
    }
    req.leatEvent = event;
    if (!onEvent) return next();
    try {
      await onEvent(event, req, res);
    } catch (err) {
      return next(err);
    }
    if (!res.headersSent) answer(res, NO_CONTENT);
  };
}

module.exports = { leatWebhook };
