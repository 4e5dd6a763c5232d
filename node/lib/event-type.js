'use strict';
// `EventType` and `Status` constants, from the lists the core knows: `EventType.CONTACT_CREATED`
// is `'contact_created'`. Both stay open: any other string is accepted and returned as is.

const native = require('./native');

function constants(values) {
  return Object.freeze(Object.fromEntries(values.map((value) => [value.toUpperCase(), value])));
}

const EventType = constants(native.knownEventTypes());
const Status = constants(native.knownStatuses());

module.exports = { EventType, Status };
