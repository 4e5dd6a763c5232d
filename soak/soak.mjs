// Fault soak, Node: the same checks as soak/soak.rs and soak/soak.py, through one leat-sdk
// Client serving 64 concurrent workers, against the embedded mock scripted at random (seeded).
//
// Checks: every call ends in a success or a LeatError within its timeout; no subscription is
// created twice or lost; every GET/PUT/DELETE that could succeed did; the key never appears in
// an error; memory stays flat over two rounds. SOAK_CALLS (per round, default 1500) and
// SOAK_SEED tune it. Exits non-zero on a broken invariant.
//
// Run it with `node --expose-gc soak/soak.mjs` (after `make node-build`); with --expose-gc,
// garbage is collected before each memory reading, which then shows what is really held.

import { inspect } from 'node:util';

/** The installed package; inside the leat-sdk repository, the one in ../node. */
async function load(name, inRepository) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return import(new URL(inRepository, import.meta.url));
  }
}

const { Client, LeatError } = await load('leat-sdk', '../node/index.mjs');
const { Fault, MockServer } = await load('leat-sdk/testing', '../node/testing.mjs');

// The default backoff (500 ms, doubling, with jitter): two retries fit in 2.5 s, so every
// fault scripted for a call is taken by that call.
const TIMEOUT_MS = 2500;
const MAX_RETRIES = 2;
const WORKERS = 64;
const COLLECTION = '/api/v3/oauth/clients/webhook-subscriptions';

/** A small seeded generator (mulberry32): the same seed gives the same run. */
function seeded(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    /** An integer from `low` to `high`, both included. */
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** Resident and JS heap memory in KiB, after a garbage collection when --expose-gc allows it. */
function memoryKib() {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: Math.round(rss / 1024), heap: Math.round(heapUsed / 1024) };
}

/** Retryable faults, then perhaps one that ends the call; and whether the call can succeed. */
function faultsForOneCall(rng, where) {
  const retryable = [
    () => Fault.status(503, where),
    () => Fault.status(429, { headers: { 'Retry-After': '0' }, ...where }),
    () => Fault.status(500, where),
    () => Fault.dropConnection(where),
  ];
  const count = rng.int(0, MAX_RETRIES + 1);
  const faults = Array.from({ length: count }, () => rng.pick(retryable)());
  let canSucceed = count <= MAX_RETRIES;
  if (canSucceed && rng.next() < 0.5) {
    const kind = rng.int(0, 2);
    if (kind === 0) {
      faults.push(Fault.delay(rng.int(10, 100), where));
    } else if (kind === 1) {
      faults.push(Fault.malformedBody(where));
      canSucceed = false;
    } else {
      faults.push(Fault.delay(TIMEOUT_MS + 200, where));
      canSucceed = false;
    }
  }
  return { faults, canSucceed };
}

class Tally {
  constructor(key) {
    this.key = key;
    this.outcomes = new Map();
    this.maxLatencyMs = 0;
    this.acknowledged = [];
    this.maybeDeleted = new Set();
    this.shouldHaveSucceeded = 0;
    this.keyShown = 0;
  }

  record(op, error, latencyMs, expectSuccess) {
    const outcome = classify(error);
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.maxLatencyMs = Math.max(this.maxLatencyMs, latencyMs);
    if (error === null) return;
    if (`${error?.message}\n${error?.stack}\n${inspect(error, { depth: Infinity })}`.includes(this.key)) {
      this.keyShown += 1;
    }
    if (expectSuccess && ['get', 'update', 'delete'].includes(op)) {
      this.shouldHaveSucceeded += 1;
      console.error(`${op} should have succeeded: ${error?.message}`);
    }
  }
}

function classify(error) {
  if (error === null) return 'ok';
  return error instanceof LeatError ? error.name : `untyped:${error?.name ?? typeof error}`;
}

let plans = 0;

/** What one worker does next, decided by its own seeded generator. */
class Plan {
  constructor(mock, tally, rng, name) {
    plans += 1;
    Object.assign(this, { mock, tally, rng, name: `${name}-${plans}`, owned: [], count: 0 });
  }

  next() {
    this.count += 1;
    const op = this.owned.length === 0 ? 'create' : this.rng.pick(['create', 'get', 'update', 'delete', 'list']);
    const target = this.owned.at(-1) ?? '';
    let expectSuccess = true;
    if (['get', 'update', 'delete'].includes(op)) {
      // Aimed at this worker's own subscription: only this call can take these faults.
      const planned = faultsForOneCall(this.rng, { path: `${COLLECTION}/${target}` });
      expectSuccess = planned.canSucceed;
      this.mock.script(planned.faults);
    } else if (op === 'create') {
      // Creates share the POST faults: any may take any; none may make a duplicate.
      this.mock.script(faultsForOneCall(this.rng, { method: 'POST' }).faults);
    }
    if (op === 'delete') {
      this.owned.pop();
      this.tally.maybeDeleted.add(target);
    }
    return { op, target, expectSuccess };
  }

  created(uuid) {
    this.owned.push(uuid);
    this.tally.acknowledged.push(uuid);
  }
}

async function round(client, mock, tally, calls, seed) {
  const subs = client.webhookSubscriptions;
  const worker = async (index) => {
    const plan = new Plan(mock, tally, seeded(seed * 1000 + index), `node${index}`);
    for (let i = 0; i < Math.floor(calls / WORKERS); i++) {
      const { op, target, expectSuccess } = plan.next();
      const began = performance.now();
      let error = null;
      try {
        if (op === 'create') {
          const created = await subs.create({
            name: `soak-${plan.name}-${plan.count}`,
            eventType: 'contact_created',
            url: 'https://example.com/soak',
          });
          plan.created(created.uuid);
        } else if (op === 'get') {
          await subs.get(target);
        } else if (op === 'update') {
          await subs.update(target, { name: `renamed-${plan.count}` });
        } else if (op === 'delete') {
          await subs.delete(target);
        } else {
          await subs.list();
        }
      } catch (err) {
        error = err;
      }
      tally.record(op, error, performance.now() - began, expectSuccess);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
}

async function main() {
  const calls = Number.parseInt(process.env.SOAK_CALLS ?? '1500', 10);
  const seed = Number.parseInt(process.env.SOAK_SEED ?? '42', 10);
  const mock = await MockServer.start();
  // The mock logs every request; forget them so that memory measures the client.
  const janitor = setInterval(() => mock.clearRequests(), 200);
  const client = new Client({ apiKey: mock.apiKey, baseUrl: mock.url, timeout: TIMEOUT_MS, maxRetries: MAX_RETRIES });
  const tally = new Tally(mock.apiKey);
  const start = memoryKib();
  const began = performance.now();
  await round(client, mock, tally, calls, seed);
  const middle = memoryKib();
  await round(client, mock, tally, calls, seed + 1); // a second round: memory must not keep growing
  const elapsedS = (performance.now() - began) / 1000;
  const end = memoryKib();
  clearInterval(janitor);

  const stored = mock.subscriptions();
  await mock.stop();
  const names = new Map();
  for (const { name } of stored) {
    if (name.startsWith('soak-')) names.set(name, (names.get(name) ?? 0) + 1);
  }
  const duplicates = [...names.values()].filter((n) => n > 1).length;
  const storedUuids = new Set(stored.map((s) => s.uuid));
  const lost = tally.acknowledged.filter((u) => !tally.maybeDeleted.has(u) && !storedUuids.has(u)).length;
  const untyped = [...tally.outcomes].filter(([k]) => k.startsWith('untyped')).reduce((sum, [, n]) => sum + n, 0);
  const total = [...tally.outcomes.values()].reduce((sum, n) => sum + n, 0);

  const rows = [
    ['calls', `${total} in ${elapsedS.toFixed(1)} s, seed ${seed}`],
    ...[...tally.outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => [`outcome ${k}`, n]),
    ['max latency vs timeout', `${Math.round(tally.maxLatencyMs)} ms vs ${TIMEOUT_MS} ms`],
    ['creates acknowledged / stored', `${tally.acknowledged.length} / ${names.size}`],
    ['duplicates', duplicates],
    ['acknowledged but lost', lost],
    ['GET/PUT/DELETE that could succeed but failed', tally.shouldHaveSucceeded],
    ['untyped failures', untyped],
    ['key in an error message', tally.keyShown],
    ['RSS start / after round 1 / after round 2', `${start.rss} / ${middle.rss} / ${end.rss} KiB`],
    ['JS heap used start / after round 1 / after round 2', `${start.heap} / ${middle.heap} / ${end.heap} KiB`],
  ];
  console.log(`| soak (Node, ${WORKERS} concurrent calls on one client) | value |\n|---|---|`);
  for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
  console.log();

  const failed =
    duplicates ||
    lost ||
    untyped ||
    tally.shouldHaveSucceeded ||
    tally.keyShown ||
    tally.maxLatencyMs > TIMEOUT_MS + 150;
  if (failed) {
    console.error('the soak found a broken invariant (see the table)');
    process.exitCode = 1;
  }
}

await main();
