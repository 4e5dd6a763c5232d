// `client.webhookSubscriptions`: list, create, get, update and delete. Each method hands its
// arguments to the core as JSON text and maps the answer; the core validates, sends, retries
// and classifies errors. The last argument of every method takes per-call options:
// `{ timeout, maxRetries, signal }`.

const { run } = require('./calls');
const { encode, encodeOptions, unwrap } = require('./envelope');
const { AbortError, ValidationError } = require('./errors');
const { toSubscription, toSubscriptions } = require('./subscription');

const nothing = () => undefined;

/** A value that quacks like an `AbortSignal`. */
function isSignal(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.aborted === 'boolean' &&
    typeof value.addEventListener === 'function'
  );
}

/** The call's options as the addon takes them (`null` for none), and its signal. */
function callOptions(options, operation) {
  if (options === undefined || options === null) return { text: 'null', signal: undefined };
  if (typeof options !== 'object') {
    throw new ValidationError(
      `invalid argument \`options\`: ${operation}() takes { timeout, maxRetries, signal } as its last argument, got a ${typeof options}`,
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
 * The answer's value, or the error it carries, or the AbortError of an aborted call; thrown
 * with a stack that starts at the caller of the method.
 */
function outcome(answer, map, operation) {
  if (answer.aborted !== undefined) {
    const { reason, started } = answer.aborted;
    const error = new AbortError(abortMessage(operation, started), { cause: reason, maybeSent: started, operation });
    Error.captureStackTrace(error, outcome);
    throw error;
  }
  return unwrap(answer, map, outcome);
}

function abortMessage(operation, started) {
  if (!started) return `${operation}() was aborted before it was sent`;
  if (operation === 'create') {
    return (
      'create() was aborted after it was sent: Leat may have created the subscription, so its ' +
      'outcome is unknown; list the subscriptions before creating it again'
    );
  }
  return `${operation}() was aborted; the request may have reached Leat`;
}

class WebhookSubscriptions {
  #native;

  /** @internal Obtained from `client.webhookSubscriptions`. */
  constructor(native) {
    this.#native = native;
  }

  async list(params, options) {
    const { text, signal } = callOptions(options, 'list');
    const body = encode(params);
    const answer = await run((queue, id, c) => this.#native.list(queue, id, c, text, body), signal);
    return outcome(answer, toSubscriptions, 'list');
  }

  async create(params, options) {
    const { text, signal } = callOptions(options, 'create');
    const body = encode(params);
    const answer = await run((queue, id, c) => this.#native.create(queue, id, c, text, body), signal);
    return outcome(answer, toSubscription, 'create');
  }

  async get(uuid, options) {
    const { text, signal } = callOptions(options, 'get');
    const key = encode(uuid);
    const answer = await run((queue, id, c) => this.#native.get(queue, id, c, text, key), signal);
    return outcome(answer, toSubscription, 'get');
  }

  async update(uuid, params, options) {
    const { text, signal } = callOptions(options, 'update');
    const key = encode(uuid);
    const body = encode(params);
    const answer = await run((queue, id, c) => this.#native.update(queue, id, c, text, key, body), signal);
    return outcome(answer, toSubscription, 'update');
  }

  async delete(uuid, options) {
    const { text, signal } = callOptions(options, 'delete');
    const key = encode(uuid);
    const answer = await run((queue, id, c) => this.#native.delete(queue, id, c, text, key), signal);
    return outcome(answer, nothing, 'delete');
  }
}

module.exports = { WebhookSubscriptions };
