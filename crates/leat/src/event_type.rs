//! Leat's webhook event types and subscription statuses: known values as variants, any other
//! value kept as it came.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the SDK does not know, kept as Leat sent it.
            Other(String),
        }

        impl $name {
            /// Every value this version of the SDK knows.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The value as Leat writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(other) => other,
                }
            }

            /// `true` unless this is [`Self::Other`].
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match $name::from(value.as_str()) {
                    $name::Other(_) => $name::Other(value),
                    known => known,
                }
            }
        }

        impl FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok($name::from(value))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok($name::from(value.into_owned()))
            }
        }
    };
}

open_enum! {
    /// The event a webhook subscription listens to.
    ///
    /// Leat adds event types over time: a value this SDK does not know arrives as
    /// [`EventType::Other`] and is accepted as input too.
    ///
    /// ```
    /// use leat::EventType;
    /// assert_eq!(EventType::from("contact_created"), EventType::ContactCreated);
    /// assert_eq!(EventType::from("brand_new").as_str(), "brand_new");
    /// ```
    EventType {
        /// `contact_created`
        ContactCreated => "contact_created",
        /// `contact_updated` (needs `attributes` on update)
        ContactUpdated => "contact_updated",
        /// `credit_reception_created`
        CreditReceptionCreated => "credit_reception_created",
        /// `prepaid_transaction_created`
        PrepaidTransactionCreated => "prepaid_transaction_created",
        /// `giftcard_transaction_created`
        GiftcardTransactionCreated => "giftcard_transaction_created",
        /// `voucher_created`
        VoucherCreated => "voucher_created",
        /// `voucher_updated`
        VoucherUpdated => "voucher_updated",
        /// `voucher_redeemed`
        VoucherRedeemed => "voucher_redeemed",
        /// `form_submission_completed`
        FormSubmissionCompleted => "form_submission_completed",
        /// `referral_completed`
        ReferralCompleted => "referral_completed",
        /// `contact_identifier_created`
        ContactIdentifierCreated => "contact_identifier_created",
        /// `reward_updated`
        RewardUpdated => "reward_updated",
        /// `promotion_updated`
        PromotionUpdated => "promotion_updated",
    }
}

open_enum! {
    /// The status of a webhook subscription.
    ///
    /// Only `ACTIVE` and `INACTIVE` are accepted as input; an unknown status in an answer is
    /// kept as [`Status::Other`].
    Status {
        /// `ACTIVE`: deliveries are sent.
        Active => "ACTIVE",
        /// `INACTIVE`: deliveries are paused.
        Inactive => "INACTIVE",
    }
}
