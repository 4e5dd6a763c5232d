// leat-sdk/web: a handler of Web-standard Requests (Next.js route handlers on the Node.js
// runtime, Hono, Bun, Deno) receiving Leat's deliveries.

const { NO_CONTENT, TEXT, checkOptions, verifyDelivery, warnOnce } = require('./delivery');

function text(status, body, headers = {}) {
  return new Response(body, { status, headers: { 'Content-Type': TEXT, ...headers } });
}

/**
 * `(request) => Promise<Response>`: verifies the delivery, awaits `onEvent(event, request)`,
 * then answers the `Response` `onEvent` returned, or 204. An error thrown by `onEvent`
 * rejects the promise, so the framework answers 500 and reports it.
 */
function createWebhookHandler(options) {
  checkOptions(options, 'createWebhookHandler', false);
  const { secret, onEvent } = options;
  const warn = warnOnce();

  return async function handleLeatWebhook(request) {
    if (request.method !== 'POST') return text(405, 'Leat delivers webhooks with POST', { Allow: 'POST' });
    const body = new Uint8Array(await request.arrayBuffer());
    const outcome = verifyDelivery(body, request.headers, secret);
    if (outcome.problem) warn(outcome.problem);
    if (outcome.status) return text(outcome.status, outcome.text);
    const answer = await onEvent(outcome.event, request);
    return answer instanceof Response ? answer : new Response(null, { status: NO_CONTENT });
  };
}

module.exports = { createWebhookHandler };
