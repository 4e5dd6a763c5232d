//! The account a mock starts from: what it holds (shops, units with their rates, the loyalty
//! program, promotions, rewards, contacts with balances, giftcards, vouchers), read from an
//! account description (`ACCOUNT.md`, [`crate::MockServer::load_state`]) and written into the
//! store as entities in Leat's shapes. Without a description, the default account: Leat's
//! recorded entities plus rewards at 10, 100 and 1000 credits (`default.json`).

mod build;
mod error;
mod parse;

pub use error::StateError;

pub(crate) use build::apply;
pub(crate) use build::template as build_template;

/// The default account's additions to the recorded entities.
const DEFAULT: &str = include_str!("default.json");

/// A shop.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shop {
    pub uuid: Option<String>,
    pub name: String,
    pub kind: String,
}

/// A unit credits are earned for, and how many credits one of it earns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    pub name: String,
    pub label: String,
    pub prefix: String,
    pub is_default: bool,
    pub credits_per_unit: f64,
}

/// The loyalty program.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Program {
    pub name: String,
    pub custom_credit_name: String,
    pub max_amount: Option<i64>,
}

/// A promotion vouchers are made under.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Promotion {
    pub uuid: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub voucher_limit: Option<i64>,
    pub limit_per_contact: Option<i64>,
    pub expiration_duration: Option<i64>,
}

/// A reward contacts spend credits on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reward {
    pub uuid: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub required_credits: i64,
    pub reward_type: String,
    pub is_active: bool,
}

/// A contact and its balances.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contact {
    pub uuid: Option<String>,
    pub email: Option<String>,
    pub credits: i64,
    pub prepaid_balance_in_cents: i64,
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

/// A giftcard and its amount.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Giftcard {
    pub uuid: Option<String>,
    pub hash: Option<String>,
    pub amount_in_cents: i64,
}

/// A voucher of a promotion.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Voucher {
    pub uuid: Option<String>,
    pub code: String,
    /// The uuid of a promotion of the account (the first one when not given).
    pub promotion_uuid: Option<String>,
    pub contact_uuid: Option<String>,
    /// `ACTIVE`, `INACTIVE`, `REDEEMED`, ...
    pub status: String,
}

/// An account description, read and checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Account {
    /// Whether the collections it names replace what a fresh mock holds (a description
    /// given by a user), or are added to it (the default account).
    pub replaces: bool,
    pub shops: Option<Vec<Shop>>,
    pub units: Option<Vec<Unit>>,
    pub loyalty_program: Option<Program>,
    pub promotions: Option<Vec<Promotion>>,
    pub rewards: Option<Vec<Reward>>,
    pub contacts: Option<Vec<Contact>>,
    pub giftcards: Option<Vec<Giftcard>>,
    pub vouchers: Option<Vec<Voucher>>,
}

impl Account {
    /// The account a description gives, checked field by field.
    ///
    /// # Errors
    /// The first field that is missing, of the wrong kind, or names nothing in the account.
    pub fn from_json(description: &serde_json::Value) -> Result<Account, StateError> {
        let mut account = parse::account(description)?;
        account.replaces = true;
        Ok(account)
    }

    /// The default account's additions (`default.json`).
    pub fn default_additions() -> Account {
        let description: serde_json::Value =
            serde_json::from_str(DEFAULT).expect("default.json is JSON");
        let mut account = parse::account(&description).expect("default.json is an account");
        account.replaces = false;
        account
    }
}
