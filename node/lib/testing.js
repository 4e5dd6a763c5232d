'use strict';
// `leat-sdk/testing`: MockServer, the core's leat-mock running inside the addon, and Fault,
// builders for the plain objects `mock.script()` takes.

const native = require('./native');
const { encode, encodeOptions } = require('./envelope');

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

function onPath(fault, path) {
  if (path !== undefined) fault.path = path;
  return fault;
}

const Fault = Object.freeze({
  status(status, { body, headers, path } = {}) {
    const fault = { status };
    if (body !== undefined) fault.body = body;
    if (headers !== undefined) fault.headers = headers;
    return onPath(fault, path);
  },
  delay(ms, { path } = {}) {
    return onPath({ delay_ms: ms }, path);
  },
  dropConnection({ path } = {}) {
    return onPath({ drop: true }, path);
  },
  malformedBody({ path } = {}) {
    return onPath({ malformed: true }, path);
  },
});

module.exports = { MockServer, Fault };
