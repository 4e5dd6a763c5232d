// leat-sdk/fastify: a plugin that adds a route receiving Leat's deliveries. Inside the plugin
// (and only there: Fastify encapsulates it) every body is kept as the raw Buffer the
// signature covers, read up to the receiver's limit.

const { NO_CONTENT, TEXT, readStream, verifierFor, warnOnce } = require('./delivery');

/** The body of a request larger than the limit. */
const TOO_LARGE = Symbol('too large');

/**
 * Registers `POST path` (default `/`, under the register call's `prefix`) that verifies each
 * delivery and awaits `onEvent(event, request, reply)`; then answers what `onEvent` returned,
 * or 204. An error thrown by `onEvent` goes to Fastify's error handler (a 500 by default). A
 * body over `limit` bytes (default 1 MiB) is answered 413 before `onEvent`.
 */
async function leatWebhook(fastify, options) {
  const verifier = verifierFor(options, 'leatWebhook', false);
  const { onEvent, path = '/' } = options;
  const { limit } = verifier;
  const warn = warnOnce();
  const refuse = (reply) => {
    const { status, text } = verifier.tooLarge();
    return reply.code(status).type(TEXT).send(text);
  };

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', async (_request, payload) => (await readStream(payload, limit)) ?? TOO_LARGE);

  fastify.post(
    path,
    {
      // Refused by its Content-Length before a byte of it is read.
      onRequest: async (request, reply) => {
        if (verifier.declaredTooLarge(request.headers['content-length'])) return refuse(reply);
      },
    },
    async function leatWebhookRoute(request, reply) {
      if (request.body === TOO_LARGE) return refuse(reply);
      const outcome = verifier.verify(request.body ?? Buffer.alloc(0), request.headers);
      if (outcome.problem) warn(outcome.problem);
      if (outcome.status) return reply.code(outcome.status).type(TEXT).send(outcome.text);
      const answer = await onEvent(outcome.event, request, reply);
      if (reply.sent) return reply;
      return answer === undefined ? reply.code(NO_CONTENT).send() : answer;
    },
  );
}

module.exports = { leatWebhook };
