// Node, 64 calls in flight: leat-sdk vs global fetch vs undici.request on an undici.Pool,
// each answer parsed into objects the caller reads a field of.
//
//   node http-clients.mjs leat|fetch|undici --url URL --uuid UUID --calls N --concurrency C

import { COLLECTION, HEADERS, expectOk, measure, options } from './measure.mjs';

async function leatCalls(url, uuid) {
  const { Client } = await import('leat-sdk');
  const subscriptions = new Client({ apiKey: 'k', baseUrl: url }).webhookSubscriptions;
  return {
    get: async () => (await subscriptions.get(uuid)).uuid,
    list: async () => {
      for (const subscription of await subscriptions.list()) subscription.uuid;
    },
    close: async () => {},
  };
}

async function fetchCalls(url, uuid) {
  const fetchData = async (target) => {
    const response = await fetch(target, { headers: HEADERS });
    expectOk(response.status);
    return (await response.json()).data;
  };
  return plain(fetchData, url, uuid, async () => {});
}

async function undiciCalls(url, uuid, inFlight) {
  const { Pool } = await import('undici');
  const pool = new Pool(url, { connections: inFlight });
  const fetchData = async (path) => {
    const { statusCode, body } = await pool.request({ path, method: 'GET', headers: HEADERS });
    expectOk(statusCode);
    return (await body.json()).data;
  };
  return plain(
    (target) => fetchData(target.slice(url.length)),
    url,
    uuid,
    () => pool.close(),
  );
}

/** get and list over `fetchData(url) -> the envelope's data`. */
function plain(fetchData, url, uuid, close) {
  const item = `${url}${COLLECTION}/${uuid}`;
  const collection = `${url}${COLLECTION}`;
  return {
    get: async () => (await fetchData(item)).uuid,
    list: async () => {
      for (const subscription of await fetchData(collection)) subscription.uuid;
    },
    close,
  };
}

const CONTENDERS = { leat: leatCalls, fetch: fetchCalls, undici: undiciCalls };

/** Makes `calls` calls with `concurrency` in flight, each worker starting its next call as
 * soon as its last one ends. */
async function inFlight(concurrency, calls, call) {
  let left = calls;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const args = options(CONTENDERS);
const calls = await CONTENDERS[args.contender](args.url, args.uuid, args.concurrency);
for (const op of ['get', 'list']) {
  await inFlight(args.concurrency, args.warmup, calls[op]);
  await measure(op, args.calls, () => inFlight(args.concurrency, args.calls, calls[op]));
}
await calls.close();
