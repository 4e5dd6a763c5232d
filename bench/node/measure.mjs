// What every Node contender shares: its options, the request it sends, and the JSON line it
// prints per measured phase (`{"op", "calls", "wall_s", "cpu_s", "max_rss_kib"}`).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const COLLECTION = '/api/v3/oauth/clients/webhook-subscriptions';
// What leat sends besides its User-Agent, so every contender asks for the same thing.
export const HEADERS = { authorization: 'Bearer k', accept: 'application/json' };

export function options(contenders) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: '' },
      uuid: { type: 'string', default: '' },
      calls: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '1' },
    },
  });
  const contender = positionals[0];
  if (!(contender in contenders)) {
    throw new Error(`unknown contender ${contender}: expected one of ${Object.keys(contenders)}`);
  }
  return {
    contender,
    url: values.url,
    uuid: values.uuid,
    calls: Number(values.calls),
    warmup: Number(values.warmup),
    concurrency: Number(values.concurrency),
  };
}

/** Runs `phase` (sync or async), which makes `calls` calls, and prints its line. */
export async function measure(op, calls, phase) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await phase();
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const line = {
    op,
    calls,
    wall_s: wall,
    cpu_s: (used.user + used.system) / 1e6,
    max_rss_kib: maxRssKib(),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** This program's peak resident set size: `VmHWM`, not `maxRSS`, which keeps the peak of the
 * process that exec'd it (the harness's fork). */
function maxRssKib() {
  const line = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+)/m);
  return line ? Number(line[1]) : 0;
}

export function expectOk(status) {
  if (status !== 200) throw new Error(`the benchmark server answered ${status}`);
}
