// Every asynchronous call comes back through one queue per JavaScript environment (the main
// thread, or a worker): each call gets an id, the addon runs it on its runtime, and finished
// calls come back in batches, one wake-up of the event loop and one JSON.parse per batch (see
// bindings/node/src/calls.rs). The queue keeps the event loop alive only while calls are
// pending, so a client never holds a process open.

const native = require('./native');

const pending = new Map();
let lastId = 0;

/** The JavaScript loggers of this environment's clients, by the id the addon gave them. */
const loggers = new Map();
const LEVELS = ['debug', 'info', 'warn', 'error'];

function settleBatch(batch) {
  for (const [id, answer] of JSON.parse(batch)) {
    if (id === 0) {
      log(answer.log);
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
 * Starts a call and resolves to its parsed envelope, `{ ok }` or `{ error }`; never rejects.
 * `start(queue, id, cancellable)` hands the call to the addon. With a `signal`, aborting
 * resolves at once to `{ aborted: { reason, started } }` and drops the call in the addon;
 * `started` says whether it had been handed over (and so may have been sent).
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
