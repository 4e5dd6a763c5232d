'use strict';
// A webhook subscription as Leat sends it (snake_case) turned into the plain, camelCase object
// the SDK returns. Fields this version does not know are kept, as sent, under `extra`.

function toSubscription(raw) {
  const { uuid, name, event_type, url, properties, status, version, created_at, ...extra } = raw;
  return {
    uuid,
    name,
    eventType: event_type,
    url,
    properties,
    status,
    version,
    createdAt: new Date(created_at),
    extra,
  };
}

function toSubscriptions(list) {
  return list.map(toSubscription);
}

module.exports = { toSubscription, toSubscriptions };
