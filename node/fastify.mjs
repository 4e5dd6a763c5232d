// The ESM entry of leat-sdk/fastify: the same function as the CommonJS entry.
import receiver from './fastify.js';

export const { leatWebhook } = receiver;

export default receiver;
