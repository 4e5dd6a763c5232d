// leat-sdk/fastify: receiving Leat's webhooks in Fastify, verified on the raw body.

const { leatWebhook } = require('./lib/receivers/fastify');

module.exports = { leatWebhook };
