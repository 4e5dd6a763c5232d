// leat-sdk/fastify: a plugin that adds a route receiving Leat's deliveries. Inside the plugin
// (and only there: Fastify encapsulates it) every body is kept as the raw Buffer the
// signature covers.

const { NO_CONTENT, TEXT, checkOptions, verifyDelivery, warnOnce } = require('./delivery');

/**
 * Registers `POST path` (default `/`, under the register call's `prefix`) that verifies each
 * delivery and awaits `onEvent(event, request, reply)`; then answers what `onEvent` returned,
 * or 204. An error thrown by `onEvent` goes to Fastify's error handler (a 500 by default).
 */
async function leatWebhook(fastify, options) {
  checkOptions(options, 'leatWebhook', false);
  const { secret, onEvent, path = '/' } = options;
  const warn = warnOnce();

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => done(null, body));

  fastify.post(path, async function leatWebhookRoute(request, reply) {
    const outcome = verifyDelivery(request.body ?? Buffer.alloc(0), request.headers, secret);
    if (outcome.problem) warn(outcome.problem);
    if (outcome.status) return reply.code(outcome.status).type(TEXT).send(outcome.text);
    const answer = await onEvent(outcome.event, request, reply);
    if (reply.sent) return reply;
    return answer === undefined ? reply.code(NO_CONTENT).send() : answer;
  });
}

module.exports = { leatWebhook };
