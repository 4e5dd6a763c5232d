//! Leat's rule for the attributes of a `contact_updated` subscription: every update of one must
//! carry the contact attributes it watches (Leat refuses the update otherwise), so an update
//! that changes something else sends the current ones again. `subscriptions update` and
//! `subscriptions apply` both follow it, and refuse before sending when there are none to send.

use leat::EventType;
use serde_json::Value;

/// Whether Leat needs `attributes` on every update of a subscription of `event_type`.
pub(crate) fn required_on_update(event_type: &EventType) -> bool {
    *event_type == EventType::ContactUpdated
}

/// The attributes an update of a subscription of `event_type` sends: the `wanted` ones, else
/// the `current` ones again when Leat needs them; `None` (not sent) for other event types.
pub(crate) fn for_update(
    event_type: &EventType,
    wanted: Option<&[String]>,
    current: &[String],
) -> Option<Vec<String>> {
    if !required_on_update(event_type) {
        return None;
    }
    Some(wanted.unwrap_or(current).to_vec())
}

/// Why an update of a subscription of `event_type` sending `attributes` would be refused by
/// Leat: a `contact_updated` one with no attributes to send. `None` when it is fine.
pub(crate) fn missing(event_type: &EventType, attributes: Option<&[String]>) -> Option<String> {
    if required_on_update(event_type) && attributes.is_none_or(<[String]>::is_empty) {
        return Some(format!(
            "Leat needs the contact attributes to watch on every update of a {} subscription, \
             and there are none to send",
            event_type.as_str()
        ));
    }
    None
}

/// The attribute names Leat echoes in a subscription's `properties`.
pub(crate) fn names(properties: &[Value]) -> Vec<String> {
    properties
        .iter()
        .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_contact_updated_resends_its_attributes() {
        let current = vec!["firstname".to_owned()];
        assert_eq!(
            for_update(&EventType::ContactUpdated, None, &current),
            Some(current.clone())
        );
        assert_eq!(for_update(&EventType::ContactCreated, None, &current), None);
    }

    #[test]
    fn an_update_of_contact_updated_without_attributes_is_refused() {
        assert!(missing(&EventType::ContactUpdated, Some(&[])).is_some());
        assert!(missing(&EventType::ContactUpdated, None).is_some());
        assert!(missing(&EventType::ContactUpdated, Some(&["email".into()])).is_none());
        assert!(missing(&EventType::VoucherCreated, None).is_none());
    }
}
