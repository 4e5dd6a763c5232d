// What every method of every group returns: a Promise of the result, started when the method
// is called, with `.withResponse()` to read the HTTP answer behind it as well (openai-node's
// APIPromise). The answer is kept as the addon handed it over, and the response object is only
// built when asked for.

/** Keeps the addon's answer text of a settled call on its promise (set by lib/request.js). */
let remember;

/**
 * A Promise of one call's result. Awaiting it gives the result; `.withResponse()` gives
 * `{ data, response }`. `.then()`, `.catch()` and `.finally()` give plain Promises.
 */
class APIPromise extends Promise {
  #answer = null;

  static {
    remember = (promise, answer) => {
      promise.#answer = answer;
    };
  }

  // Derived promises are plain ones: they need no response of their own.
  static get [Symbol.species]() {
    return Promise;
  }

  /**
   * The result together with the HTTP answer it was read from: `{ data, response }`, where
   * `response` has `status`, `headers` (names in lowercase), `body` (a Buffer of Leat's answer
   * exactly as it came), `requestId` and `rateLimit: { limit, remaining }`. A failed call
   * rejects with its error, which carries the same (`err.headers`, `err.body`, ...).
   */
  withResponse() {
    return this.then((data) => ({ data, response: responseOf(this.#answer) }));
  }

  get [Symbol.toStringTag]() {
    return 'APIPromise';
  }
}

/**
 * Makes awaiting a promise of class `Class` cost what awaiting a plain Promise costs. `await`
 * takes a promise as it is only when its `constructor` is `Promise`; any other promise it
 * wraps in a new one and reaches through `then()` in an extra job, which was a tenth of the
 * CPU a call spends in JavaScript. `instanceof` still answers by the prototype, and
 * `Symbol.species` already makes derived promises plain ones, so only `p.constructor` shows.
 */
function awaitedAsPromise(Class) {
  Object.defineProperty(Class.prototype, 'constructor', { value: Promise, writable: true, configurable: true });
}

awaitedAsPromise(APIPromise);

/** The response object of an answer: `{"status", "headers", ...}`, a newline, Leat's body. */
function responseOf(answer) {
  const newline = answer.indexOf('\n');
  const meta = JSON.parse(answer.slice(0, newline));
  return {
    status: meta.status,
    headers: meta.headers,
    body: Buffer.from(answer.slice(newline + 1), 'utf8'),
    requestId: meta.requestId ?? null,
    rateLimit: { limit: meta.rateLimit?.limit ?? null, remaining: meta.rateLimit?.remaining ?? null },
  };
}

module.exports = { APIPromise, awaitedAsPromise, remember };
