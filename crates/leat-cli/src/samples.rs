//! A plausible `data` for each event type Leat documents, for `leat webhooks send` without
//! `--data`: the related entities, by uuid only, as Leat sends them.

use leat::EventType;
use serde_json::{json, Map, Value};

/// The entities a delivery of `event_type` names, or `None` for a type this version does
/// not know. Leat does not publish its payloads; these follow what its deliveries are known
/// to carry (related entities as `{"uuid": ...}`). The match has no catch-all for known
/// types, so a type added to the core does not compile until it has a sample here.
fn entities(event_type: &EventType) -> Option<&'static [&'static str]> {
    Some(match event_type {
        EventType::ContactCreated | EventType::ContactUpdated => &["contact"],
        EventType::CreditReceptionCreated => &["credit_reception", "contact"],
        EventType::PrepaidTransactionCreated => &["prepaid_transaction", "contact"],
        EventType::GiftcardTransactionCreated => &["giftcard_transaction", "giftcard"],
        EventType::VoucherCreated | EventType::VoucherUpdated | EventType::VoucherRedeemed => {
            &["voucher", "contact"]
        }
        EventType::FormSubmissionCompleted => &["form_submission", "form", "contact"],
        EventType::ReferralCompleted => &["referral", "referring_contact", "referred_contact"],
        EventType::ContactIdentifierCreated => &["contact_identifier", "contact"],
        EventType::RewardUpdated => &["reward"],
        EventType::PromotionUpdated => &["promotion"],
        EventType::Other(_) => return None,
    })
}

/// A sample `data` for a delivery of `event_type`, each related entity with a fresh uuid,
/// e.g. `{"voucher": {"uuid": "..."}, "contact": {"uuid": "..."}}` for `voucher_redeemed`;
/// `None` for an event type this version does not know.
pub fn sample_data(event_type: &EventType) -> Option<Value> {
    let data: Map<String, Value> = entities(event_type)?
        .iter()
        .map(|entity| {
            let uuid = uuid::Uuid::new_v4().to_string();
            ((*entity).to_owned(), json!({ "uuid": uuid }))
        })
        .collect();
    Some(Value::Object(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_event_type_has_a_sample_naming_entities_by_uuid() {
        for event_type in EventType::KNOWN {
            let data = sample_data(event_type).unwrap_or_else(|| panic!("{event_type}"));
            let entities = data.as_object().unwrap();
            assert!(!entities.is_empty(), "{event_type}");
            for (name, entity) in entities {
                let uuid = entity["uuid"].as_str().unwrap_or_default();
                assert!(uuid::Uuid::parse_str(uuid).is_ok(), "{event_type}.{name}");
            }
        }
    }

    #[test]
    fn an_unknown_event_type_has_no_sample() {
        assert_eq!(sample_data(&EventType::from("brand_new")), None);
    }

    #[test]
    fn each_sample_has_fresh_uuids() {
        let event_type = EventType::ContactCreated;
        assert_ne!(sample_data(&event_type), sample_data(&event_type));
    }
}
