//! The webhook subscription object Leat returns.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::datetime;
use crate::event_type::{EventType, Status};

/// The fields of a subscription this version of the SDK knows, as Leat names them; any other
/// field Leat sends is kept in [`WebhookSubscription::extra`].
pub const FIELDS: &[&str] = &[
    "uuid",
    "name",
    "event_type",
    "url",
    "properties",
    "status",
    "version",
    "created_at",
];

/// A webhook subscription: Leat POSTs events of `event_type` to `url` while `status` is
/// `ACTIVE`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookSubscription {
    /// Leat's identifier of the subscription.
    pub uuid: String,
    /// The name given for internal purposes.
    pub name: String,
    /// The event listened to.
    pub event_type: EventType,
    /// Where deliveries are sent.
    pub url: String,
    /// The contact attributes watched (for `contact_updated`); empty when Leat sent none.
    pub properties: Vec<Value>,
    /// `ACTIVE`, `INACTIVE`, or a status this SDK does not know.
    pub status: Status,
    /// The payload version, e.g. `V1`.
    pub version: String,
    /// When the subscription was created.
    pub created_at: OffsetDateTime,
    /// Fields Leat sent that this version of the SDK does not know, kept as they came.
    pub extra: Map<String, Value>,
}

impl WebhookSubscription {
    /// The subscription as a JSON object with Leat's field names, unknown fields included.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut map = Map::with_capacity(8 + self.extra.len());
        map.insert("uuid".into(), self.uuid.clone().into());
        map.insert("name".into(), self.name.clone().into());
        map.insert("event_type".into(), self.event_type.as_str().into());
        map.insert("url".into(), self.url.clone().into());
        map.insert("properties".into(), Value::Array(self.properties.clone()));
        map.insert("status".into(), self.status.as_str().into());
        map.insert("version".into(), self.version.clone().into());
        map.insert(
            "created_at".into(),
            datetime::format(&self.created_at).into(),
        );
        for (key, value) in &self.extra {
            map.insert(key.clone(), value.clone());
        }
        map
    }
}

impl Serialize for WebhookSubscription {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for WebhookSubscription {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SubscriptionVisitor)
    }
}

struct SubscriptionVisitor;

/// `properties` may be absent or `null`; either means "none".
struct Properties(Vec<Value>);

impl<'de> Deserialize<'de> for Properties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Properties(
            Option::<Vec<Value>>::deserialize(deserializer)?.unwrap_or_default(),
        ))
    }
}

struct CreatedAt(OffsetDateTime);

impl<'de> Deserialize<'de> for CreatedAt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        datetime::parse(&text)
            .map(CreatedAt)
            .map_err(de::Error::custom)
    }
}

impl<'de> Visitor<'de> for SubscriptionVisitor {
    type Value = WebhookSubscription;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a webhook subscription object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut uuid = None;
        let mut name = None;
        let mut event_type = None;
        let mut url = None;
        let mut properties = None;
        let mut status = None;
        let mut version = None;
        let mut created_at = None;
        let mut extra = Map::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "uuid" => uuid = Some(map.next_value::<String>()?),
                "name" => name = Some(map.next_value::<String>()?),
                "event_type" => event_type = Some(map.next_value::<EventType>()?),
                "url" => url = Some(map.next_value::<String>()?),
                "properties" => properties = Some(map.next_value::<Properties>()?.0),
                "status" => status = Some(map.next_value::<Status>()?),
                "version" => version = Some(map.next_value::<String>()?),
                "created_at" => created_at = Some(map.next_value::<CreatedAt>()?.0),
                _ => {
                    let value = map.next_value::<Value>()?;
                    extra.insert(key.into_owned(), value);
                }
            }
        }
        Ok(WebhookSubscription {
            uuid: uuid.ok_or_else(|| de::Error::missing_field("uuid"))?,
            name: name.ok_or_else(|| de::Error::missing_field("name"))?,
            event_type: event_type.ok_or_else(|| de::Error::missing_field("event_type"))?,
            url: url.ok_or_else(|| de::Error::missing_field("url"))?,
            properties: properties.unwrap_or_default(),
            status: status.ok_or_else(|| de::Error::missing_field("status"))?,
            version: version.ok_or_else(|| de::Error::missing_field("version"))?,
            created_at: created_at.ok_or_else(|| de::Error::missing_field("created_at"))?,
            extra,
        })
    }
}
