// leat-sdk/web: a handler of Web-standard Requests (Next.js route handlers on the Node.js
// runtime, Hono, Bun, Deno) receiving Leat's deliveries, read up to the handler's limit.

const { NO_CONTENT, TEXT, verifierFor, warnOnce } = require('./delivery');

function text(status, body, headers = {}) {
  return new Response(body, { status, headers: { 'Content-Type': TEXT, ...headers } });
}

/**
 * The bytes of a Request's body, or `undefined` when they are more than `limit`: past it, the
 * rest is read without being kept, so the answer still reaches the sender.
 */
async function readBody(request, limit) {
  if (request.body === null) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) return undefined;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * `(request) => Promise<Response>`: verifies the delivery, awaits `onEvent(event, request)`,
 * then answers the `Response` `onEvent` returned, or 204. An error thrown by `onEvent`
 * rejects the promise, so the framework answers 500 and reports it. A body over `limit` bytes
 * (default 1 MiB) is answered 413 before `onEvent`.
 */
function createWebhookHandler(options) {
  const verifier = verifierFor(options, 'createWebhookHandler', false);
  const { onEvent } = options;
  const { limit } = verifier;
  const warn = warnOnce();

  return async function handleLeatWebhook(request) {
    if (request.method !== 'POST') return text(405, 'Leat delivers webhooks with POST', { Allow: 'POST' });
    const body = verifier.declaredTooLarge(request.headers.get('content-length'))
      ? undefined
      : await readBody(request, limit);
    const outcome = body === undefined ? verifier.tooLarge() : verifier.verify(body, request.headers);
    if (outcome.problem) warn(outcome.problem);
    if (outcome.status) return text(outcome.status, outcome.text);
    const answer = await onEvent(outcome.event, request);
    return answer instanceof Response ? answer : new Response(null, { status: NO_CONTENT });
  };
}

module.exports = { createWebhookHandler };
