// Every asynchronous call comes back through one queue per JavaScript environment (the main
// thread, or a worker): each call gets an id, the addon runs it on its runtime, and finished
// calls come back in batches, one wake-up of the event loop per batch (see
// bindings/node/src/hot_path/calls.rs). The queue keeps the event loop alive only while calls are
// pending, so a client never holds a process open.

const native = require('./native');

const pending = new Map();
let lastId = 0;

/** The JavaScript loggers of this environment's clients, by the id the addon gave them. */
const loggers = new Map();
const LEVELS = ['debug', 'info', 'warn', 'error'];

/** Ends each record of a batch: `<id> <answer>` then U+001E, which JSON never holds unescaped. */
const RECORD_END = '\u001e';
const SPACE = 32;
const ZERO = 48;

/** Settles each call of a batch with its answer, the addon's text as it is (see `run`). */
function settleBatch(batch) {
  let start = 0;
  while (start < batch.length) {
    let at = start;
    let id = 0;
    for (let c = batch.charCodeAt(at); c !== SPACE; c = batch.charCodeAt(++at)) id = id * 10 + (c - ZERO);
    let end = batch.indexOf(RECORD_END, at);
    if (end === -1) end = batch.length;
    const answer = batch.slice(at + 1, end);
    start = end + 1;
    if (id === 0) {
      log(JSON.parse(answer).log);
      continue;
    }
    const call = pending.get(id);
    // Absent: aborted, and already settled.
    if (call !== undefined) call.settle(answer);
  }
}

/** Hands one event of the core to its logger: `logger.debug(message, fields)`. */
function log({ logger: id, level, message, fields }) {
  const logger = loggers.get(id);
  if (logger === undefined) return;
  try {
    logger[level](message, fields);
  } catch {
    // A logger that throws must not break the call it logs.
  }
}

/** Whether `logger` has the four methods a logger needs. */
function isLogger(logger) {
  return logger !== null && typeof logger === 'object' && LEVELS.every((level) => typeof logger[level] === 'function');
}

const queue = new native.NativeCalls(settleBatch);

function forget(id) {
  pending.delete(id);
  if (pending.size === 0) queue.release();
}

/**
 * The pending calls of each signal, and its one `abort` listener: however many calls share a
 * signal (an `AbortSignal.timeout()` for a batch, a request's signal), it has one listener of
 * ours, so Node never warns of a listener leak (`MaxListenersExceededWarning`). The listener
 * goes when the signal's last call settles.
 */
const watched = new WeakMap();

/** Calls `onAbort` when `signal` aborts; the function returned stops watching for this call. */
function watch(signal, onAbort) {
  let calls = watched.get(signal);
  if (calls === undefined) {
    const entry = new Set();
    const listener = () => {
      watched.delete(signal);
      for (const abort of entry) abort();
    };
    calls = { entry, listener };
    watched.set(signal, calls);
    signal.addEventListener('abort', listener, { once: true });
  }
  calls.entry.add(onAbort);
  const mine = calls;
  return () => {
    mine.entry.delete(onAbort);
    if (mine.entry.size === 0 && watched.get(signal) === mine) {
      watched.delete(signal);
      signal.removeEventListener('abort', mine.listener);
    }
  };
}

/**
 * Starts a call and resolves to its answer; never rejects. The addon's answer is its text as
 * it came (an envelope, or for an operation Leat's answer: see lib/request.js); what this
 * side decides is an object: `{ error }` when the addon could not start the call, and, with
 * a `signal`, `{ aborted: { reason, started } }` at once when it aborts (the call is dropped
 * in the addon; `started` says whether it had been handed over, and so may have been sent).
 * `start(queue, id, cancellable)` hands the call to the addon.
 */
function run(start, signal) {
  if (signal?.aborted) return Promise.resolve({ aborted: { reason: signal.reason, started: false } });
  return new Promise((resolve) => {
    lastId = lastId >= 0xfffffffe ? 1 : lastId + 1;
    const id = lastId;
    let unwatch;
    const settle = (answer) => {
      forget(id);
      if (unwatch !== undefined) unwatch();
      resolve(answer);
    };
    pending.set(id, { settle });
    if (pending.size === 1) queue.hold();
    if (signal !== undefined) {
      unwatch = watch(signal, () => {
        queue.cancel(id);
        settle({ aborted: { reason: signal.reason, started: true } });
      });
    }
    try {
      start(queue, id, signal !== undefined);
    } catch (cause) {
      const message = `leat-sdk hit an internal error (a bug; please report it): ${cause?.message ?? cause}`;
      settle({ error: { class: 'InternalError', message, cause } });
    }
  });
}

module.exports = { run, queue, loggers, isLogger };
