// Node webhook verification of the 1 KiB and 64 KiB bodies: leat-sdk's `webhooks` export (when
// the package has one) vs crypto.createHmac + crypto.timingSafeEqual.
//
//   node webhooks.mjs leat|crypto --calls N

import { createHmac, timingSafeEqual } from 'node:crypto';

import { measure, options } from './measure.mjs';

const SECRET = 'whsec_benchmark';

/** The delivery body every language's contenders build: exactly `size` bytes. */
function body(size) {
  const head = '{"type":"contact_created","data":{"note":"';
  const tail = '"}}';
  return Buffer.from(head + 'a'.repeat(size - head.length - tail.length) + tail);
}

async function leatVerify() {
  const { webhooks } = await import('leat-sdk');
  if (typeof webhooks?.verifySignature !== 'function') {
    throw new Error('leat-sdk has no webhooks.verifySignature export yet');
  }
  return (payload, signature) => webhooks.verifySignature(payload, signature, SECRET);
}

async function cryptoVerify() {
  return (payload, signature) => {
    const expected = createHmac('sha256', SECRET).update(payload).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new Error('signature mismatch');
    }
  };
}

const CONTENDERS = { leat: leatVerify, crypto: cryptoVerify };

const args = options(CONTENDERS);
const verify = await CONTENDERS[args.contender]();
for (const [op, size, calls] of [
  ['verify 1 KiB', 1024, args.calls],
  ['verify 64 KiB', 64 * 1024, Math.floor(args.calls / 16)],
]) {
  const payload = body(size);
  const signature = createHmac('sha256', SECRET).update(payload).digest('hex');
  for (let i = 0; i < calls / 10; i += 1) verify(payload, signature);
  await measure(op, calls, () => {
    for (let i = 0; i < calls; i += 1) verify(payload, signature);
  });
}
