// `new Client(options)`: the options go to the core as JSON text; a bad configuration throws
// a ConfigurationError here, with a stack at the caller's `new Client(...)`. Secrets live only
// in the addon: inspecting or serialising a client shows its base URL alone. Each group of
// the API (`client.contacts`, `client.webhookSubscriptions`, ...) is a getter that loads the
// group's generated module on first use, so `require('leat-sdk')` loads none of them.

const { inspect } = require('node:util');

const native = require('./native');
const { isLogger, loggers, queue } = require('./calls');
const { encodeOptions } = require('./envelope');
const { ConfigurationError, errorFrom } = require('./errors');
const GROUPS = require('./api');
const { Webhooks } = require('./webhook-events');

const fromNative = Symbol('Client.fromNative');

/** Forgets a logger once no client or view that uses it is left. */
const users = new Map();
const collected = new FinalizationRegistry((id) => {
  const left = users.get(id) - 1;
  if (left > 0) return users.set(id, left);
  users.delete(id);
  loggers.delete(id);
  native.forgetLogger(id);
});

function track(client, id) {
  if (id === null || id === undefined) return;
  users.set(id, (users.get(id) ?? 0) + 1);
  collected.register(client, id);
}

class Client {
  #native;
  #baseUrl;
  /** The groups used so far, by property name. */
  #groups = null;

  static {
    for (const [name, load] of Object.entries(GROUPS)) {
      Object.defineProperty(Client.prototype, name, {
        get() {
          return this.#group(name, load);
        },
        configurable: true,
      });
    }
  }

  constructor(options, view) {
    let built = view;
    if (options !== fromNative) {
      const { logger, ...rest } = options ?? {};
      if (logger !== undefined && !isLogger(logger)) {
        const error = new ConfigurationError(
          'invalid configuration: option `logger` must have debug, info, warn and error methods (console, pino, winston)',
        );
        Error.captureStackTrace(error, Client);
        throw error;
      }
      const text = options === null || typeof options !== 'object' ? encodeOptions(options) : encodeOptions(rest);
      // Node's own variable for extra CAs; the addon reads the file and adds its certificates.
      built = native.buildClient(text, process.env.NODE_EXTRA_CA_CERTS, queue, logger !== undefined);
      if (typeof built === 'string') throw errorFrom(JSON.parse(built).error, Client);
      if (logger !== undefined) loggers.set(built.loggerId, logger);
    }
    track(this, built.loggerId);
    this.#native = built;
    this.#baseUrl = built.baseUrl;
  }

  get baseUrl() {
    return this.#baseUrl;
  }

  /** What a received webhook event leads to: `client.webhooks.resolve(event)`. */
  get webhooks() {
    return this.#group('webhooks', () => Webhooks);
  }

  /** The group `name`, made (and its module loaded) on first use. */
  #group(name, load) {
    if (this.#groups === null) this.#groups = new Map();
    const groups = this.#groups;
    let group = groups.get(name);
    if (group === undefined) {
      const Group = load();
      group = new Group(this.#native);
      groups.set(name, group);
    }
    return group;
  }

  /**
   * A client whose calls use `{ timeout, maxRetries }` instead of this client's, sharing its
   * connections and credentials.
   */
  withOptions(options) {
    const view = this.#native.withOptions(encodeOptions(options));
    if (typeof view === 'string') throw errorFrom(JSON.parse(view).error, this.withOptions);
    return new Client(fromNative, view);
  }

  toJSON() {
    return { baseUrl: this.#baseUrl };
  }

  [inspect.custom](_depth, options, inspectValue) {
    return `Client ${inspectValue(this.toJSON(), options)}`;
  }
}

module.exports = { Client };
