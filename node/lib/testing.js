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
