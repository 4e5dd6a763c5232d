// leat-sdk/express: middleware that verifies Leat's deliveries on the raw body, whether or not
// a body parser ran before it, and hands on the event (`req.leatEvent`, or `onEvent`).

const { NO_CONTENT, TEXT, checkOptions, verifyDelivery, warnOnce } = require('./delivery');

/** The largest body read by default: 1 MiB, as Fastify's default body limit. */
const DEFAULT_LIMIT = 1024 * 1024;

const PARSED_BODY =
  'leatWebhook(): the request body was already read, most likely by express.json(), so the bytes Leat signed are ' +
  'gone and the Signature cannot be verified (re-serialised JSON never matches them). Register the webhook route ' +
  'before app.use(express.json()), so that leatWebhook() reads the body itself, or give the route ' +
  "express.raw({ type: 'application/json' }) instead; if express.json() must run first, keep the bytes with " +
  'express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }).';

/** Thrown while reading a body larger than the limit. */
class TooLarge extends Error {}

/**
 * The raw body: what express.raw() or express.text() left in `req.body`, a `req.rawBody` kept
 * by express.json({ verify }) or a host such as Google Cloud Functions, or the unread request
 * stream; `undefined` when a parser consumed the stream and kept only parsed data.
 */
async function rawBodyOf(req, limit) {
  const { body, rawBody } = req;
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  if (rawBody instanceof Uint8Array) return rawBody;
  if (!req.readable) return undefined;
  if (Number(req.headers['content-length']) > limit) throw new TooLarge();
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    // Past the limit, the rest is drained without being kept.
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new TooLarge();
  return Buffer.concat(chunks);
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
  checkOptions(options, 'leatWebhook', true);
  const { secret, onEvent, limit = DEFAULT_LIMIT } = options;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new TypeError(`leatWebhook() needs limit as a positive number of bytes, got ${limit}`);
  }
  const warn = warnOnce();

  return async function leatWebhookMiddleware(req, res, next) {
    let event;
    try {
      const body = await rawBodyOf(req, limit);
      if (body === undefined) {
        warn(PARSED_BODY);
        return answer(res, 500, PARSED_BODY);
      }
      const outcome = verifyDelivery(body, req.headers, secret);
      if (outcome.problem) warn(outcome.problem);
      if (outcome.status) return answer(res, outcome.status, outcome.text);
      event = outcome.event;
    } catch (err) {
      if (err instanceof TooLarge) return answer(res, 413, `the request body is larger than ${limit} bytes`);
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
