// leat-sdk/web: receiving Leat's webhooks in any framework of Web-standard Request and Response, verified on the raw body.

const { createWebhookHandler } = require('./lib/receivers/web');

module.exports = { createWebhookHandler };
