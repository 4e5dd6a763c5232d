// `make dist-check`: in a project where leat-sdk was installed from its tarballs, verify a
// webhook delivery signed independently (node:crypto HMAC-SHA256), refuse a tampered one, and
// say where the package and its native addon were loaded from. Runs under Node, Bun and Deno.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

import { SignatureVerificationError, webhooks } from 'leat-sdk';

const secret = 'whsec_dist_check';
const body = JSON.stringify({ type: 'contact_created', data: { uuid: '5b1e2d5c-4f5e-4d5f-9f1a-0d2c3b4a5e6f' } });
const signature = createHmac('sha256', secret).update(body).digest('hex');

const event = webhooks.constructEvent(Buffer.from(body), new Headers({ Signature: signature }), secret);
assert.equal(event.eventType, 'contact_created');
assert.equal(event.data.uuid, '5b1e2d5c-4f5e-4d5f-9f1a-0d2c3b4a5e6f');

assert.throws(
  () => webhooks.constructEvent(body.replace('contact_created', 'contact_deleted'), signature, secret),
  (error) => error instanceof SignatureVerificationError && error.reason === 'signature_mismatch',
);

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('leat-sdk/package.json'));
const { version } = require('leat-sdk/package.json');
const { loadNativeAddon } = require(path.join(packageDir, 'lib', 'native-loader.js'));
console.log(
  `webhook verified and a tampered body refused; leat-sdk ${version} from ${packageDir}, ` +
    `native addon from ${loadNativeAddon().from}`,
);
