//! A contact's balances and attributes, read from and written to the contact as the API
//! returns it: Leat repeats a balance in several places (`credit_balance.balance`, the
//! `loyalty_balance` attribute, `current_values`, `current_display_values`), and every place
//! the contact has is kept in step.

use serde_json::{json, Value};

/// The contact's credit balance (`credit_balance.balance`), 0 when it has none.
pub(crate) fn credits(contact: &Value) -> i64 {
    contact
        .pointer("/credit_balance/balance")
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

/// Sets the contact's credit balance everywhere the contact shows it.
pub(crate) fn set_credits(contact: &mut Value, balance: i64) {
    if let Some(slot) = contact.pointer_mut("/credit_balance/balance") {
        *slot = json!(balance);
    } else if let Value::Object(fields) = contact {
        fields.insert("credit_balance".into(), json!({"balance": balance}));
    }
    set_value(
        contact,
        "loyalty_balance",
        json!(balance),
        balance.to_string(),
    );
}

/// The contact's prepaid balance in cents (`prepaid_balance.balance_in_cents`), 0 when none.
pub(crate) fn prepaid_cents(contact: &Value) -> i64 {
    contact
        .pointer("/prepaid_balance/balance_in_cents")
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

/// Sets the contact's prepaid balance everywhere the contact shows it (the attribute and the
/// current values hold it in euros).
pub(crate) fn set_prepaid_cents(contact: &mut Value, cents: i64) {
    if let Some(slot) = contact.pointer_mut("/prepaid_balance/balance_in_cents") {
        *slot = json!(cents);
    } else if let Value::Object(fields) = contact {
        fields.insert("prepaid_balance".into(), json!({"balance_in_cents": cents}));
    }
    let euros = cents as f64 / 100.0;
    let number = if cents % 100 == 0 {
        json!(cents / 100)
    } else {
        json!(euros)
    };
    set_value(contact, "prepaid_balance", number, format_amount(cents));
}

/// `€12.34` for 1234 cents, as Leat shows an amount.
pub(crate) fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}\u{20ac}{}.{:02}", cents / 100, cents % 100)
}

fn format_amount(cents: i64) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{:.2}", cents as f64 / 100.0)
    }
}

/// The value of the contact's attribute `name` as text (`""` when empty), if it has it.
pub(crate) fn attribute(contact: &Value, name: &str) -> Option<String> {
    let item = contact
        .get("attributes")?
        .as_array()?
        .iter()
        .find(|item| item.pointer("/attribute/name").and_then(Value::as_str) == Some(name))?;
    Some(text(item.get("value")?))
}

/// Sets the attribute `name` to `value`, where the contact has it (its `attributes` list and
/// `current_values`, `current_display_values`); returns whether its value changed.
pub(crate) fn set_attribute(contact: &mut Value, name: &str, value: &Value) -> bool {
    let before = attribute(contact, name);
    let shown = text(value);
    set_value(contact, name, value.clone(), shown.clone());
    let after = attribute(contact, name);
    before != after || (before.is_none() && !shown.is_empty())
}

/// Writes `value` into the attribute list (as text), `current_values` (as given) and
/// `current_display_values` (as text), wherever the contact has a slot for `name`.
fn set_value(contact: &mut Value, name: &str, value: Value, shown: String) {
    if let Some(Value::Array(items)) = contact.get_mut("attributes") {
        for item in items.iter_mut() {
            if item.pointer("/attribute/name").and_then(Value::as_str) == Some(name) {
                item["value"] = json!(shown);
            }
        }
    }
    if let Some(Value::Object(values)) = contact.get_mut("current_values") {
        values.insert(name.into(), value);
    }
    if let Some(Value::Object(values)) = contact.get_mut("current_display_values") {
        values.insert(name.into(), json!(shown));
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The contact as other entities carry it: `{uuid, email, credit_balance}`.
pub(crate) fn summary(contact: &Value) -> Value {
    json!({
        "uuid": contact.get("uuid").cloned().unwrap_or(Value::Null),
        "email": contact.get("email").cloned().unwrap_or(Value::Null),
        "credit_balance": contact.get("credit_balance").cloned().unwrap_or_else(|| json!({"balance": credits(contact)})),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact() -> Value {
        json!({
            "uuid": "c", "email": "a@b.c",
            "attributes": [
                {"value": "10", "attribute": {"name": "loyalty_balance"}},
                {"value": "", "attribute": {"name": "firstname"}},
                {"value": "20", "attribute": {"name": "prepaid_balance"}},
            ],
            "credit_balance": {"id": 1, "balance": 10},
            "prepaid_balance": {"balance_in_cents": 2000},
            "current_values": {"loyalty_balance": 10, "prepaid_balance": 20},
            "current_display_values": {"loyalty_balance": "10"},
        })
    }

    #[test]
    fn a_balance_moves_everywhere_the_contact_shows_it() {
        let mut c = contact();
        set_credits(&mut c, 35);
        assert_eq!(credits(&c), 35);
        assert_eq!(attribute(&c, "loyalty_balance").as_deref(), Some("35"));
        assert_eq!(c["current_values"]["loyalty_balance"], json!(35));
        assert_eq!(c["current_display_values"]["loyalty_balance"], json!("35"));
        assert_eq!(c["credit_balance"]["id"], json!(1));
        set_prepaid_cents(&mut c, 1250);
        assert_eq!(prepaid_cents(&c), 1250);
        assert_eq!(attribute(&c, "prepaid_balance").as_deref(), Some("12.50"));
        assert_eq!(euros(1250), "\u{20ac}12.50");
        assert_eq!(euros(-5), "-\u{20ac}0.05");
    }

    #[test]
    fn an_attribute_change_is_reported_once() {
        let mut c = contact();
        assert!(set_attribute(&mut c, "firstname", &json!("Jane")));
        assert!(!set_attribute(&mut c, "firstname", &json!("Jane")));
        assert_eq!(c["current_values"]["firstname"], json!("Jane"));
        assert_eq!(summary(&c)["credit_balance"]["balance"], json!(10));
    }
}
