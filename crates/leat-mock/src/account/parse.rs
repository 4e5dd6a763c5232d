//! Reading an account description (JSON) into an [`Account`], naming the field and the value
//! of the first thing wrong.

use serde_json::{Map, Value};

use super::{
    Account, Contact, Giftcard, Program, Promotion, Reward, Shop, StateError, Unit, Voucher,
};

/// The sections a description may have.
const SECTIONS: &[&str] = &[
    "shops",
    "units",
    "loyalty_program",
    "promotions",
    "rewards",
    "contacts",
    "giftcards",
    "vouchers",
];

/// One object of the description and where it is.
struct Fields<'a> {
    at: String,
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn of(at: String, value: &'a Value) -> Result<Self, StateError> {
        match value {
            Value::Object(map) => Ok(Fields { at, map }),
            other => Err(StateError::new(at, other.to_string(), "an object")),
        }
    }

    fn path(&self, name: &str) -> String {
        if self.at.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.at)
        }
    }

    fn given(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    fn text(&self, name: &str) -> Result<Option<String>, StateError> {
        match self.given(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(StateError::new(self.path(name), other.to_string(), "text")),
        }
    }

    fn required_text(&self, name: &str) -> Result<String, StateError> {
        self.text(name)?
            .filter(|t| !t.is_empty())
            .ok_or_else(|| StateError::new(self.path(name), "missing", "text"))
    }

    fn integer(&self, name: &str) -> Result<Option<i64>, StateError> {
        match self.given(name) {
            None => Ok(None),
            Some(value) => value.as_i64().map(Some).ok_or_else(|| {
                StateError::new(self.path(name), value.to_string(), "a whole number")
            }),
        }
    }

    fn count(&self, name: &str) -> Result<i64, StateError> {
        let value = self.integer(name)?.unwrap_or(0);
        if value < 0 {
            return Err(StateError::new(
                self.path(name),
                value.to_string(),
                "a whole number, 0 or more",
            ));
        }
        Ok(value)
    }

    fn flag(&self, name: &str, default: bool) -> Result<bool, StateError> {
        match self.given(name) {
            None => Ok(default),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(other) => Err(StateError::new(
                self.path(name),
                other.to_string(),
                "true or false",
            )),
        }
    }

    fn uuid(&self) -> Result<Option<String>, StateError> {
        let uuid = self.text("uuid")?;
        if uuid.as_deref() == Some("") {
            return Err(StateError::new(self.path("uuid"), "\"\"", "a uuid"));
        }
        Ok(uuid)
    }

    /// Refuses a key the section does not know (a typo would otherwise be ignored).
    fn only(&self, known: &[&str]) -> Result<(), StateError> {
        match self.map.keys().find(|key| !known.contains(&key.as_str())) {
            None => Ok(()),
            Some(key) => Err(StateError::new(
                self.path(key),
                self.map[key].to_string(),
                &format!("one of the known fields ({})", known.join(", ")),
            )),
        }
    }
}

/// The items of the list section `name`, each read by `read`.
fn list<T>(
    top: &Fields<'_>,
    name: &str,
    read: impl Fn(&Fields<'_>) -> Result<T, StateError>,
) -> Result<Option<Vec<T>>, StateError> {
    let Some(value) = top.given(name) else {
        return Ok(None);
    };
    let Value::Array(items) = value else {
        return Err(StateError::new(name, value.to_string(), "a list"));
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| read(&Fields::of(format!("{name}[{index}]"), item)?))
        .collect::<Result<Vec<T>, StateError>>()
        .map(Some)
}

/// Reads a whole description.
pub(super) fn account(description: &Value) -> Result<Account, StateError> {
    let top = Fields::of(String::new(), description)?;
    top.only(SECTIONS)?;
    let account = Account {
        replaces: true,
        shops: list(&top, "shops", shop)?,
        units: list(&top, "units", unit)?,
        loyalty_program: top
            .given("loyalty_program")
            .map(|value| program(&Fields::of("loyalty_program".into(), value)?))
            .transpose()?,
        promotions: list(&top, "promotions", promotion)?,
        rewards: list(&top, "rewards", reward)?,
        contacts: list(&top, "contacts", contact)?,
        giftcards: list(&top, "giftcards", giftcard)?,
        vouchers: list(&top, "vouchers", voucher)?,
    };
    check_references(&account)?;
    Ok(account)
}

fn shop(f: &Fields<'_>) -> Result<Shop, StateError> {
    f.only(&["uuid", "name", "type"])?;
    Ok(Shop {
        uuid: f.uuid()?,
        name: f.required_text("name")?,
        kind: f.text("type")?.unwrap_or_else(|| "physical".into()),
    })
}

fn unit(f: &Fields<'_>) -> Result<Unit, StateError> {
    f.only(&["name", "label", "prefix", "is_default", "credits_per_unit"])?;
    let name = f.required_text("name")?;
    let credits_per_unit = match f.given("credits_per_unit") {
        None => 1.0,
        Some(value) => value
            .as_f64()
            .filter(|rate| rate.is_finite() && *rate >= 0.0)
            .ok_or_else(|| {
                StateError::new(
                    f.path("credits_per_unit"),
                    value.to_string(),
                    "a number, 0 or more",
                )
            })?,
    };
    Ok(Unit {
        label: f.text("label")?.unwrap_or_else(|| name.clone()),
        name,
        prefix: f.text("prefix")?.unwrap_or_default(),
        is_default: f.flag("is_default", false)?,
        credits_per_unit,
    })
}

fn program(f: &Fields<'_>) -> Result<Program, StateError> {
    f.only(&["name", "custom_credit_name", "max_amount"])?;
    Ok(Program {
        name: f.required_text("name")?,
        custom_credit_name: f
            .text("custom_credit_name")?
            .unwrap_or_else(|| "Credits".into()),
        max_amount: f.integer("max_amount")?,
    })
}

fn promotion(f: &Fields<'_>) -> Result<Promotion, StateError> {
    f.only(&[
        "uuid",
        "name",
        "description",
        "voucher_limit",
        "limit_per_contact",
        "expiration_duration",
    ])?;
    Ok(Promotion {
        uuid: f.uuid()?,
        name: f.required_text("name")?,
        description: f.text("description")?,
        voucher_limit: f.integer("voucher_limit")?,
        limit_per_contact: f.integer("limit_per_contact")?,
        expiration_duration: f.integer("expiration_duration")?,
    })
}

fn reward(f: &Fields<'_>) -> Result<Reward, StateError> {
    f.only(&[
        "uuid",
        "title",
        "description",
        "required_credits",
        "reward_type",
        "is_active",
    ])?;
    Ok(Reward {
        uuid: f.uuid()?,
        title: f.required_text("title")?,
        description: f.text("description")?,
        required_credits: f.count("required_credits")?,
        reward_type: f.text("reward_type")?.unwrap_or_else(|| "PHYSICAL".into()),
        is_active: f.flag("is_active", true)?,
    })
}

fn contact(f: &Fields<'_>) -> Result<Contact, StateError> {
    f.only(&[
        "uuid",
        "email",
        "credits",
        "prepaid_balance_in_cents",
        "attributes",
    ])?;
    let attributes = match f.given("attributes") {
        None => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(other) => {
            return Err(StateError::new(
                f.path("attributes"),
                other.to_string(),
                "an object of attribute name -> value",
            ))
        }
    };
    Ok(Contact {
        uuid: f.uuid()?,
        email: f.text("email")?,
        credits: f.integer("credits")?.unwrap_or(0),
        prepaid_balance_in_cents: f.integer("prepaid_balance_in_cents")?.unwrap_or(0),
        attributes,
    })
}

fn giftcard(f: &Fields<'_>) -> Result<Giftcard, StateError> {
    f.only(&["uuid", "hash", "amount_in_cents"])?;
    Ok(Giftcard {
        uuid: f.uuid()?,
        hash: f.text("hash")?,
        amount_in_cents: f.count("amount_in_cents")?,
    })
}

fn voucher(f: &Fields<'_>) -> Result<Voucher, StateError> {
    f.only(&["uuid", "code", "promotion_uuid", "contact_uuid", "status"])?;
    Ok(Voucher {
        uuid: f.uuid()?,
        code: f.required_text("code")?,
        promotion_uuid: f.text("promotion_uuid")?,
        contact_uuid: f.text("contact_uuid")?,
        status: f.text("status")?.unwrap_or_else(|| "ACTIVE".into()),
    })
}

/// A voucher's promotion and contact must be ones the description has (when it has that
/// section), and a description with units has exactly one default among them.
fn check_references(account: &Account) -> Result<(), StateError> {
    if let Some(units) = &account.units {
        let defaults = units.iter().filter(|u| u.is_default).count();
        if defaults > 1 {
            return Err(StateError::new(
                "units",
                format!("{defaults} units with is_default"),
                "at most one default unit",
            ));
        }
    }
    for (index, voucher) in account.vouchers.iter().flatten().enumerate() {
        if let (Some(wanted), Some(promotions)) = (&voucher.promotion_uuid, &account.promotions) {
            if !promotions.iter().any(|p| p.uuid.as_ref() == Some(wanted)) {
                return Err(StateError::new(
                    format!("vouchers[{index}].promotion_uuid"),
                    format!("{wanted:?}"),
                    "the uuid of one of the description's promotions",
                ));
            }
        }
        if let (Some(wanted), Some(contacts)) = (&voucher.contact_uuid, &account.contacts) {
            if !contacts.iter().any(|c| c.uuid.as_ref() == Some(wanted)) {
                return Err(StateError::new(
                    format!("vouchers[{index}].contact_uuid"),
                    format!("{wanted:?}"),
                    "the uuid of one of the description's contacts",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_wrong_field_is_named_with_its_value() {
        let err =
            account(&json!({"contacts": [{"email": "a@b.c"}, {"credits": "ten"}]})).unwrap_err();
        assert_eq!(err.field(), "contacts[1].credits");
        assert_eq!(err.value(), "\"ten\"");
        let err = account(&json!({"rewardz": []})).unwrap_err();
        assert_eq!(err.field(), "rewardz");
        let err =
            account(&json!({"rewards": [{"title": "x", "required_credits": -1}]})).unwrap_err();
        assert_eq!(err.field(), "rewards[0].required_credits");
        let err = account(&json!({
            "promotions": [{"uuid": "p", "name": "P"}],
            "vouchers": [{"code": "A", "promotion_uuid": "q"}],
        }))
        .unwrap_err();
        assert_eq!(err.field(), "vouchers[0].promotion_uuid");
        assert!(err.to_string().contains("\"q\""));
    }

    #[test]
    fn defaults_fill_what_a_description_leaves_out() {
        let read = account(&json!({
            "units": [{"name": "euro", "is_default": true}],
            "rewards": [{"title": "Coffee", "required_credits": 10}],
        }))
        .unwrap();
        let unit = &read.units.unwrap()[0];
        assert_eq!((unit.label.as_str(), unit.credits_per_unit), ("euro", 1.0));
        let reward = &read.rewards.unwrap()[0];
        assert!(reward.is_active);
        assert_eq!(reward.reward_type, "PHYSICAL");
        assert!(read.contacts.is_none());
    }
}
