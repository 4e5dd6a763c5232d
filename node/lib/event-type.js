// `EventType` and `Status` constants, from the lists the core knows: `EventType.CONTACT_CREATED`
// is `'contact_created'`. Both stay open: any other string is accepted and returned as is.

const { CONTRACT } = require('./contract');

function constants(values) {
  return Object.freeze(Object.fromEntries(values.map((value) => [value.toUpperCase(), value])));
}

const EventType = constants(CONTRACT.event_types);
const Status = constants(CONTRACT.statuses);

module.exports = { EventType, Status };
