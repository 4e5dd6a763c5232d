// The ESM entry of leat-sdk/express: the same function as the CommonJS entry.
import receiver from './express.js';

export const { leatWebhook } = receiver;

export default receiver;
