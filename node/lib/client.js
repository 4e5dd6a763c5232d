'use strict';
// `new Client(options)`: the options go to the core as JSON text; a bad configuration throws
// a ConfigurationError here, with a stack at the caller's `new Client(...)`. Secrets live only
// in the addon: inspecting or serialising a client shows its base URL alone.

const { inspect } = require('node:util');

const native = require('./native');
const { encodeOptions } = require('./envelope');
const { errorFrom } = require('./errors');
const { WebhookSubscriptions } = require('./webhook-subscriptions');

const fromNative = Symbol('Client.fromNative');

class Client {
  #native;
  #baseUrl;
  #webhookSubscriptions;

  constructor(options, view) {
    let built = view;
    if (options !== fromNative) {
      // Node's own variable for extra CAs; the addon reads the file and adds its certificates.
      built = native.buildClient(encodeOptions(options), process.env.NODE_EXTRA_CA_CERTS);
      if (typeof built === 'string') throw errorFrom(JSON.parse(built).error, Client);
    }
    this.#native = built;
    this.#baseUrl = built.baseUrl;
    this.#webhookSubscriptions = new WebhookSubscriptions(built);
  }

  get baseUrl() {
    return this.#baseUrl;
  }

  get webhookSubscriptions() {
    return this.#webhookSubscriptions;
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
