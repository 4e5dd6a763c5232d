// One call of one operation, the way every generated method (lib/api/*.js) makes it: the
// arguments go to the core as one JSON text (camelCase keys, path parameters among them), the
// core checks, sends, retries and classifies; the answer comes back as Leat's raw body, which
// is parsed once here and mapped by the operation's model mapper. The last argument of every
// method takes the per-call options `{ timeout, maxRetries, signal }`.

const { AbortError } = require('./abort-error');
const { APIPromise, remember } = require('./api-promise');
const { run } = require('./calls');
const { encode, encodeOptions } = require('./envelope');
const { errorFrom, ValidationError } = require('./errors');
const { Page, PagePromise } = require('./pagination');

/** A value that quacks like an `AbortSignal`. */
function isSignal(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.aborted === 'boolean' &&
    typeof value.addEventListener === 'function'
  );
}

/** No per-call options: the client's own settings. */
const NO_OPTIONS = Object.freeze({ text: 'null', signal: undefined });

/** The call's options as the addon takes them (`'null'` for none), and its signal. */
function callOptions(options, method) {
  if (options === undefined || options === null) return NO_OPTIONS;
  if (typeof options !== 'object') {
    throw new ValidationError(
      `invalid argument \`options\`: ${method}() takes { timeout, maxRetries, signal } as its last argument, got a ${typeof options}`,
      { argument: 'options' },
    );
  }
  const { signal, ...rest } = options;
  if (signal !== undefined && !isSignal(signal)) {
    throw new ValidationError('invalid argument `signal`: must be an AbortSignal', { argument: 'signal' });
  }
  const text = Object.keys(rest).length === 0 ? 'null' : encodeOptions(rest);
  return { text, signal };
}

/**
 * The arguments object: the caller's parameters with the path parameters added. Parameters
 * that are not an object go as they are, for the core to refuse by the method's name.
 */
function withPath(path, params) {
  if (params === undefined || params === null) return path;
  if (typeof params !== 'object' || Array.isArray(params)) return params;
  return { ...params, ...path };
}

/**
 * Starts operation `op` (a descriptor of lib/api/*.js: `{ id, name, kind, read, sentOnce }`)
 * with `path` (its path parameters by camelCase name, or `undefined`), `params` (the caller's
 * object of the others) and `options`; an APIPromise of the result, or a PagePromise for a
 * list that pages. Nothing here throws: every failure rejects the promise.
 */
function request(native, op, path, params, options) {
  let resolve;
  let reject;
  const promise = new (op.kind === 'page' ? PagePromise : APIPromise)((yes, no) => {
    resolve = yes;
    reject = no;
  });
  send(promise, native, op, path, params, options).then(resolve, reject);
  return promise;
}

/** Sends the call (synchronously, up to handing it to the addon) and reads its answer. */
async function send(promise, native, op, path, params, options) {
  const { text, signal } = callOptions(options, op.name);
  const args = path === undefined ? params : withPath(path, params);
  const body = encode(args);
  const answer = await run((queue, id, cancellable) => native.call(queue, id, cancellable, text, op.id, body), signal);
  return read(answer, promise, native, op, args, options);
}

/**
 * The result of an answer; or its error (an AbortError for an aborted call), thrown with a
 * stack that starts at the caller of the method. A success is the JSON of `{ status,
 * headers, requestId, rateLimit, page }`, a newline, then Leat's body as it came; a failure
 * is an `{"error": ...}` envelope, which holds no raw newline.
 */
function read(answer, promise, native, op, args, options) {
  if (typeof answer !== 'string') throw failure(answer, op);
  const newline = answer.indexOf('\n');
  if (newline === -1) throw errorFrom(JSON.parse(answer).error, read);
  remember(promise, answer);
  if (op.kind === 'none') return undefined;
  const { data } = JSON.parse(answer.slice(newline + 1));
  if (op.kind !== 'page') return op.read(data);
  const { page } = JSON.parse(answer.slice(0, newline));
  // Page `next` of the same list: the same operation, arguments and options.
  return new Page(data.map(op.read), page, (next) => request(native, op, undefined, { ...args, page: next }, options));
}

/** The error of an answer made on this side: an abort, or a call the addon could not start. */
function failure(answer, op) {
  if (answer.aborted === undefined) return errorFrom(answer.error, read);
  const { reason, started } = answer.aborted;
  const error = new AbortError(abortMessage(op, started), { cause: reason, maybeSent: started, operation: op.name });
  Error.captureStackTrace(error, read);
  return error;
}

function abortMessage(op, started) {
  if (!started) return `${op.name}() was aborted before it was sent`;
  if (op.sentOnce) {
    return (
      `${op.name}() was aborted after it was sent: Leat may have done it already, so its outcome ` +
      'is unknown; check before calling it again'
    );
  }
  return `${op.name}() was aborted; the request may have reached Leat`;
}

module.exports = { request };
