//! What `apply` warns about instead of acting: duplicates at Leat, and what Leat cannot
//! change after creation (the event type, the secret).

use leat::EventType;

/// Something the plan does not change but the user should know.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Warning {
    /// Several subscriptions at Leat match one wanted entry: none is touched.
    Duplicate {
        /// The wanted name.
        name: String,
        /// The wanted event type.
        event_type: EventType,
        /// Every match.
        uuids: Vec<String>,
    },
    /// The name exists at Leat with another event type, which Leat cannot change: a new
    /// subscription is created beside it.
    EventTypeDiffers {
        /// The wanted name.
        name: String,
        /// The wanted event type.
        wanted: EventType,
        /// The ones at Leat with this name: uuid and event type.
        existing: Vec<(String, EventType)>,
        /// Whether `--prune` deletes them in this run.
        pruned: bool,
    },
    /// A wanted secret for an existing subscription: Leat never returns a secret and cannot
    /// change one, so it is neither compared nor applied.
    SecretNotChecked {
        /// The name.
        name: String,
        /// The event type.
        event_type: EventType,
        /// Leat's uuid.
        uuid: String,
        /// The environment variable the file names.
        secret_env: String,
    },
}

impl Warning {
    /// A stable name for the kind of warning, used in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Warning::Duplicate { .. } => "duplicate",
            Warning::EventTypeDiffers { .. } => "event_type_differs",
            Warning::SecretNotChecked { .. } => "secret_not_checked",
        }
    }

    /// The warning in a sentence, with what to do.
    pub fn message(&self) -> String {
        match self {
            Warning::Duplicate {
                name,
                event_type,
                uuids,
            } => format!(
                "{} subscriptions at Leat are named {name:?} with event type {event_type} ({}); \
                 none of them was touched. Delete the extra ones with `leat subscriptions delete \
                 UUID`, then apply again",
                uuids.len(),
                uuids.join(", ")
            ),
            Warning::EventTypeDiffers {
                name,
                wanted,
                existing,
                pruned,
            } => {
                let list: Vec<String> = existing
                    .iter()
                    .map(|(uuid, event_type)| format!("{uuid} ({event_type})"))
                    .collect();
                let fate = if *pruned {
                    "--prune deletes the old one"
                } else {
                    "the old one stays unless you apply with --prune"
                };
                format!(
                    "{name:?} exists at Leat with another event type: {}. Leat cannot change the \
                     event type of a subscription, so a new one is created for {wanted}; {fate}",
                    list.join(", ")
                )
            }
            Warning::SecretNotChecked {
                name,
                event_type,
                uuid,
                secret_env,
            } => format!(
                "{name:?} {event_type} {uuid}: secret_env {secret_env} is not compared, as Leat \
                 never shows a secret and cannot change it after creation; to change it, delete \
                 the subscription and apply again"
            ),
        }
    }
}
