'use strict';
// `client.webhookSubscriptions`: list, create, get, update and delete. Each method hands its
// arguments to the core as JSON text and maps the answer; the core validates, sends, retries
// and classifies errors.

const { encode, settle, unwrap } = require('./envelope');
const { toSubscription, toSubscriptions } = require('./subscription');

const nothing = () => undefined;

class WebhookSubscriptions {
  #native;

  /** @internal Obtained from `client.webhookSubscriptions`. */
  constructor(native) {
    this.#native = native;
  }

  async list(params) {
    return unwrap(await settle(this.#native.list(encode(params))), toSubscriptions);
  }

  async create(params) {
    return unwrap(await settle(this.#native.create(encode(params))), toSubscription);
  }

  async get(uuid) {
    return unwrap(await settle(this.#native.get(encode(uuid))), toSubscription);
  }

  async update(uuid, params) {
    return unwrap(await settle(this.#native.update(encode(uuid), encode(params))), toSubscription);
  }

  async delete(uuid) {
    return unwrap(await settle(this.#native.delete(encode(uuid))), nothing);
  }
}

module.exports = { WebhookSubscriptions };
