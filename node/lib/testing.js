// `leat-sdk/testing`: MockServer, the core's leat-mock running inside the addon, and Fault,
// builders for the plain objects `mock.script()` takes.

const native = require('./native');
const { encode, encodeData, encodeOptions } = require('./envelope');

const fromStart = Symbol('MockServer.start');

class MockServer {
  #native;

  /** @internal Use `MockServer.start()`. */
  constructor(token, server) {
    if (token !== fromStart) throw new TypeError('use `await MockServer.start()` to start a mock server');
    this.#native = server;
    this.url = server.url;
    this.apiKey = server.apiKey;
    this.clientId = server.clientId;
    this.clientSecret = server.clientSecret;
    this.webhookSecret = server.webhookSecret;
    this.caPem = server.caPem ?? null;
    Object.freeze(this);
  }

  static async start(options) {
    return new MockServer(fromStart, await native.startMockServer(encodeOptions(options)));
  }

  async stop() {
    this.#native.stop();
  }

  script(faults) {
    this.#native.script(encode(faults));
  }

  requests() {
    return JSON.parse(this.#native.requests());
  }

  clearRequests() {
    this.#native.clearRequests();
  }

  async trigger(eventType, data) {
    if (typeof eventType !== 'string') {
      throw new TypeError(
        `trigger() needs an event type such as 'contact_created', got ${eventType === null ? 'null' : typeof eventType}`,
      );
    }
    return JSON.parse(await this.#native.trigger(eventType, encodeData(data)));
  }

  subscriptions() {
    return JSON.parse(this.#native.subscriptions());
  }

  tokenRequests() {
    return this.#native.tokenRequests();
  }

  expireTokens() {
    this.#native.expireTokens();
  }

  reset() {
    this.#native.reset();
  }

  loadState(account) {
    if (account === null || typeof account !== 'object' || Array.isArray(account)) {
      throw new TypeError(
        `loadState() needs an account description object, got ${account === null ? 'null' : Array.isArray(account) ? 'an array' : typeof account}`,
      );
    }
    this.#native.loadState(encode(account));
  }

  entities(collection) {
    if (typeof collection !== 'string') {
      throw new TypeError(`entities() needs a collection name such as 'contacts', got ${typeof collection}`);
    }
    return JSON.parse(this.#native.entities(collection));
  }

  async deliveries({ wait, count = 1 } = {}) {
    if (wait !== undefined && (typeof wait !== 'number' || !(wait >= 0))) {
      throw new TypeError(`deliveries() option \`wait\` must be milliseconds >= 0, got ${String(wait)}`);
    }
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new TypeError(`deliveries() option \`count\` must be an integer >= 0, got ${String(count)}`);
    }
    return JSON.parse(await this.#native.deliveries(count, wait)).map(sent);
  }
}

/** A delivery as the core reports it, in JavaScript's names. */
function sent(delivery) {
  return Object.freeze({
    eventType: delivery.event_type,
    subscriptionUuid: delivery.subscription_uuid,
    url: delivery.url,
    body: delivery.body,
    signature: delivery.signature,
    status: delivery.status ?? null,
    attempts: delivery.attempts,
  });
}

/** Narrows a fault to requests whose path starts with `path` and/or of this `method`. */
function aimed(fault, { path, method } = {}) {
  if (path !== undefined) fault.path = path;
  if (method !== undefined) fault.method = method;
  return fault;
}

const Fault = Object.freeze({
  status(status, { body, headers, ...where } = {}) {
    const fault = { status };
    if (body !== undefined) fault.body = body;
    if (headers !== undefined) fault.headers = headers;
    return aimed(fault, where);
  },
  delay(ms, where) {
    return aimed({ delay_ms: ms }, where);
  },
  dropConnection(where) {
    return aimed({ drop: true }, where);
  },
  malformedBody(where) {
    return aimed({ malformed: true }, where);
  },
  echo({ status = 400, ...where } = {}) {
    return aimed({ echo: true, status }, where);
  },
});

module.exports = { MockServer, Fault };
