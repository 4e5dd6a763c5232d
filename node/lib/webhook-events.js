// Typed webhook events: the entity an event carries, and `client.webhooks.resolve(event)`,
// which fetches its current state. The core says which key of `data` holds the entity and
// whether it reads as its model (the `entity` of its event envelope), and which operation and
// arguments fetch it (`webhookFetch`); this side maps the entity with the model's mapper and
// sends the call the way every generated method does (lib/request.js).

const native = require('./native');
const { encodeData, unwrap } = require('./envelope');
const { request } = require('./request');
const { ENTITIES, MODELS } = require('./webhook-entities');

/** The property of each kind of entity (`contact`, `creditReception`, ...). */
const PROPERTIES = Object.values(ENTITIES).map((entity) => entity.property);

/**
 * The event of the addon's envelope `{ eventType, data, entity }`: a plain `{ eventType, data }`
 * (what `JSON.stringify` and `assert.deepStrictEqual` see), with `entity` and the property of
 * each kind as non-enumerable values: the entity as its model where it is of that kind,
 * `undefined` elsewhere.
 */
function eventOf({ eventType, data, entity: located }) {
  const event = { eventType, data };
  const kind = located === null || located === undefined ? undefined : ENTITIES[located.key];
  const entity = kind === undefined ? undefined : kind.read(data[located.key]);
  const hidden = { entity: { value: entity, enumerable: false } };
  for (const property of PROPERTIES) {
    hidden[property] = { value: kind?.property === property ? entity : undefined, enumerable: false };
  }
  return Object.defineProperties(event, hidden);
}

/** The descriptor `request` sends a fetch with: one model, read by its mapper. */
function fetchOp(operation, model) {
  return { id: operation, name: 'resolve', kind: 'one', read: MODELS[model], sentOnce: false };
}

/** `client.webhooks`: what a received event leads to in the API. */
class Webhooks {
  #native;

  constructor(nativeClient) {
    this.#native = nativeClient;
  }

  /**
   * The current state of the event's entity, fetched through the API (a contact by uuid, a
   * voucher by code, ...; a credit reception or prepaid transaction gives its contact), as its
   * model; `undefined` when Leat offers no way. Rejects with a ValidationError, before sending
   * anything, when the payload lacks what the call needs.
   */
  async resolve(event, options) {
    if (event === null || typeof event !== 'object' || typeof event.eventType !== 'string') {
      throw new TypeError('resolve() takes a webhook event (from constructEvent or a receiver): { eventType, data }');
    }
    const plan = unwrap(native.webhookFetch(event.eventType, encodeData(event.data ?? {})), (ok) => ok, this.resolve);
    if (plan === null) return undefined;
    return request(this.#native, fetchOp(plan.operation, plan.model), undefined, plan.args, options);
  }
}

module.exports = { eventOf, Webhooks };
