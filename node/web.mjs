// The ESM entry of leat-sdk/web: the same function as the CommonJS entry.
import receiver from './web.js';

export const { createWebhookHandler } = receiver;

export default receiver;
