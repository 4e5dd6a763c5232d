// leat-sdk/express: receiving Leat's webhooks in Express, verified on the raw body.

const { leatWebhook } = require('./lib/receivers/express');

module.exports = { leatWebhook };
