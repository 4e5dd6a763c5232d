//! Comparing the wanted subscriptions with Leat's: what to create, update, leave or delete,
//! and what to warn about. Pure: it sees two lists and sends nothing.

use std::collections::{BTreeSet, HashSet};

use leat::{EventType, Status, UpdateParams, WebhookSubscription};

use super::file::Wanted;
pub(crate) use super::warning::Warning;
use crate::attributes;

/// What a step does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Create the wanted subscription (and, if it is wanted INACTIVE, switch it off).
    Create,
    /// Change url, status and/or attributes of the one that matches.
    Update,
    /// The one that matches is as wanted.
    Unchanged,
    /// Delete a subscription the file does not list (`--prune` only).
    Delete,
}

impl Action {
    /// The name used in the plan and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Delete => "delete",
        }
    }
}

/// One field that differs: Leat's value and the wanted one.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Change {
    /// `url`, `status` or `attributes`.
    pub field: &'static str,
    /// What Leat has.
    pub from: String,
    /// What the file wants.
    pub to: String,
}

/// One line of the plan.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Step {
    /// The subscription's name.
    pub name: String,
    /// The subscription's event type.
    pub event_type: EventType,
    /// The wanted URL for a create, Leat's otherwise.
    pub url: String,
    /// What an update changes (for a create: a status set right after).
    pub changes: Vec<Change>,
    /// What to send.
    pub operation: Operation,
}

/// What a step sends, with what it needs to send it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Operation {
    /// Create `wanted`, then send `then` (to switch it off) if given.
    Create {
        /// The entry to create.
        wanted: Wanted,
        /// An update right after creating.
        then: Option<UpdateParams>,
        /// Leat's uuid, once created.
        created: Option<String>,
    },
    /// Send `params` to `uuid`.
    Update {
        /// Leat's uuid.
        uuid: String,
        /// What changes.
        params: UpdateParams,
    },
    /// Nothing to send for `uuid`.
    Unchanged {
        /// Leat's uuid.
        uuid: String,
    },
    /// Delete `uuid`.
    Delete {
        /// Leat's uuid.
        uuid: String,
    },
}

impl Step {
    /// What the step does.
    pub fn action(&self) -> Action {
        match self.operation {
            Operation::Create { .. } => Action::Create,
            Operation::Update { .. } => Action::Update,
            Operation::Unchanged { .. } => Action::Unchanged,
            Operation::Delete { .. } => Action::Delete,
        }
    }

    /// Leat's uuid of the subscription, unless it is still to be created.
    pub fn uuid(&self) -> Option<&str> {
        match &self.operation {
            Operation::Create { created, .. } => created.as_deref(),
            Operation::Update { uuid, .. }
            | Operation::Unchanged { uuid }
            | Operation::Delete { uuid } => Some(uuid),
        }
    }
}

/// The whole plan: steps in file order, deletions last, and the warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Plan {
    /// What to do, in the order it is done.
    pub steps: Vec<Step>,
    /// What the user should know.
    pub warnings: Vec<Warning>,
}

impl Plan {
    /// Compares `wanted` with Leat's `existing` subscriptions. With `prune`, every existing
    /// subscription whose name and event type the file does not list is deleted.
    pub fn new(wanted: &[Wanted], existing: &[WebhookSubscription], prune: bool) -> Plan {
        let mut plan = Plan::default();
        let listed: HashSet<(&str, &EventType)> = wanted
            .iter()
            .map(|w| (w.name.as_str(), &w.event_type))
            .collect();
        let unlisted =
            |s: &WebhookSubscription| !listed.contains(&(s.name.as_str(), &s.event_type));
        for entry in wanted {
            let matches: Vec<&WebhookSubscription> = existing
                .iter()
                .filter(|s| s.name == entry.name && s.event_type == entry.event_type)
                .collect();
            match matches.as_slice() {
                [] => {
                    let others: Vec<(String, EventType)> = existing
                        .iter()
                        .filter(|s| s.name == entry.name && unlisted(s))
                        .map(|s| (s.uuid.clone(), s.event_type.clone()))
                        .collect();
                    if !others.is_empty() {
                        plan.warnings.push(Warning::EventTypeDiffers {
                            name: entry.name.clone(),
                            wanted: entry.event_type.clone(),
                            existing: others,
                            pruned: prune,
                        });
                    }
                    plan.steps.push(create(entry));
                }
                [found] => {
                    if let Some(secret_env) = &entry.secret_env {
                        plan.warnings.push(Warning::SecretNotChecked {
                            name: entry.name.clone(),
                            event_type: entry.event_type.clone(),
                            uuid: found.uuid.clone(),
                            secret_env: secret_env.clone(),
                        });
                    }
                    plan.steps.push(compare(entry, found));
                }
                several => plan.warnings.push(Warning::Duplicate {
                    name: entry.name.clone(),
                    event_type: entry.event_type.clone(),
                    uuids: several.iter().map(|s| s.uuid.clone()).collect(),
                }),
            }
        }
        if prune {
            plan.steps
                .extend(existing.iter().filter(|s| unlisted(s)).map(|s| Step {
                    name: s.name.clone(),
                    event_type: s.event_type.clone(),
                    url: s.url.clone(),
                    changes: Vec::new(),
                    operation: Operation::Delete {
                        uuid: s.uuid.clone(),
                    },
                }));
        }
        plan
    }

    /// How many steps do `action`.
    pub fn count(&self, action: Action) -> usize {
        self.steps
            .iter()
            .filter(|step| step.action() == action)
            .count()
    }

    /// `true` when applying it would change something at Leat.
    pub fn changes_anything(&self) -> bool {
        self.steps
            .iter()
            .any(|step| step.action() != Action::Unchanged)
    }
}

fn create(entry: &Wanted) -> Step {
    // Leat creates subscriptions ACTIVE; one wanted otherwise is switched off right after.
    let (changes, then) = if entry.status == Status::Active {
        (Vec::new(), None)
    } else {
        let change = Change {
            field: "status",
            from: Status::Active.as_str().to_owned(),
            to: entry.status.as_str().to_owned(),
        };
        let mut params = UpdateParams {
            status: Some(entry.status.clone()),
            ..Default::default()
        };
        params.attributes =
            attributes::for_update(&entry.event_type, entry.attributes.as_deref(), &[]);
        (vec![change], Some(params))
    };
    Step {
        name: entry.name.clone(),
        event_type: entry.event_type.clone(),
        url: entry.url.clone(),
        changes,
        operation: Operation::Create {
            wanted: entry.clone(),
            then,
            created: None,
        },
    }
}

fn compare(entry: &Wanted, found: &WebhookSubscription) -> Step {
    let mut changes = Vec::new();
    let mut params = UpdateParams::default();
    if found.url != entry.url {
        changes.push(Change {
            field: "url",
            from: found.url.clone(),
            to: entry.url.clone(),
        });
        params.url = Some(entry.url.clone());
    }
    if found.status != entry.status {
        changes.push(Change {
            field: "status",
            from: found.status.as_str().to_owned(),
            to: entry.status.as_str().to_owned(),
        });
        params.status = Some(entry.status.clone());
    }
    let current = attributes::names(&found.properties);
    if let Some(wanted) = &entry.attributes {
        if as_set(wanted) != as_set(&current) {
            changes.push(Change {
                field: "attributes",
                from: current.join(", "),
                to: wanted.join(", "),
            });
            params.attributes = Some(wanted.clone());
        }
    }
    let uuid = found.uuid.clone();
    let operation = if changes.is_empty() {
        Operation::Unchanged { uuid }
    } else {
        if params.attributes.is_none() {
            params.attributes =
                attributes::for_update(&entry.event_type, entry.attributes.as_deref(), &current);
        }
        Operation::Update { uuid, params }
    };
    Step {
        name: entry.name.clone(),
        event_type: entry.event_type.clone(),
        url: found.url.clone(),
        changes,
        operation,
    }
}

/// Attributes compare as sets: order and repeats do not matter to Leat.
fn as_set(names: &[String]) -> BTreeSet<&str> {
    names.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wanted(name: &str, event_type: &str, url: &str) -> Wanted {
        Wanted {
            name: name.into(),
            event_type: event_type.into(),
            url: url.into(),
            status: Status::Active,
            attributes: None,
            secret_env: None,
        }
    }

    fn existing(
        uuid: &str,
        name: &str,
        event_type: &str,
        url: &str,
        status: &str,
    ) -> WebhookSubscription {
        serde_json::from_value(json!({
            "uuid": uuid, "name": name, "event_type": event_type, "url": url,
            "properties": ["firstname"], "status": status, "version": "V1",
            "created_at": "2023-10-20T11:46:22+00:00",
        }))
        .unwrap()
    }

    #[test]
    fn a_missing_subscription_is_created() {
        let plan = Plan::new(&[wanted("A", "contact_created", "https://a")], &[], false);
        assert_eq!(plan.steps.len(), 1);
        assert_eq!(plan.steps[0].action(), Action::Create);
        assert!(plan.warnings.is_empty());
    }

    #[test]
    fn a_matching_subscription_is_unchanged() {
        let plan = Plan::new(
            &[wanted("A", "contact_created", "https://a")],
            &[existing(
                "u1",
                "A",
                "contact_created",
                "https://a",
                "ACTIVE",
            )],
            false,
        );
        assert_eq!(plan.steps[0].action(), Action::Unchanged);
        assert!(!plan.changes_anything());
    }

    #[test]
    fn a_different_url_and_status_is_one_update() {
        let plan = Plan::new(
            &[wanted("A", "contact_created", "https://new")],
            &[existing(
                "u1",
                "A",
                "contact_created",
                "https://old",
                "INACTIVE",
            )],
            false,
        );
        let step = &plan.steps[0];
        let fields: Vec<&str> = step.changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["url", "status"]);
        let Operation::Update { params, .. } = &step.operation else {
            panic!("not an update: {step:?}");
        };
        assert_eq!(params.url.as_deref(), Some("https://new"));
        assert_eq!(params.status, Some(Status::Active));
        assert_eq!(params.attributes, None);
    }

    #[test]
    fn attributes_compare_as_a_set() {
        let mut entry = wanted("A", "contact_updated", "https://a");
        entry.attributes = Some(vec!["firstname".into(), "firstname".into()]);
        let plan = Plan::new(
            &[entry],
            &[existing(
                "u1",
                "A",
                "contact_updated",
                "https://a",
                "ACTIVE",
            )],
            false,
        );
        assert_eq!(plan.steps[0].action(), Action::Unchanged);
    }

    #[test]
    fn an_update_of_contact_updated_resends_the_current_attributes() {
        let plan = Plan::new(
            &[wanted("A", "contact_updated", "https://new")],
            &[existing(
                "u1",
                "A",
                "contact_updated",
                "https://old",
                "ACTIVE",
            )],
            false,
        );
        let Operation::Update { params, .. } = &plan.steps[0].operation else {
            panic!("not an update: {:?}", plan.steps[0]);
        };
        assert_eq!(params.attributes, Some(vec!["firstname".to_owned()]));
    }

    #[test]
    fn a_subscription_wanted_inactive_is_created_then_switched_off() {
        let mut entry = wanted("A", "contact_created", "https://a");
        entry.status = Status::Inactive;
        let plan = Plan::new(&[entry], &[], false);
        let Operation::Create {
            then: Some(then), ..
        } = &plan.steps[0].operation
        else {
            panic!("not a create with an update after: {:?}", plan.steps[0]);
        };
        assert_eq!(then.status, Some(Status::Inactive));
    }

    #[test]
    fn duplicates_are_reported_and_left_alone_even_with_prune() {
        let plan = Plan::new(
            &[wanted("A", "contact_created", "https://a")],
            &[
                existing("u1", "A", "contact_created", "https://a", "ACTIVE"),
                existing("u2", "A", "contact_created", "https://b", "ACTIVE"),
            ],
            true,
        );
        assert!(plan.steps.is_empty(), "{:?}", plan.steps);
        assert!(
            matches!(&plan.warnings[..], [Warning::Duplicate { uuids, .. }] if uuids == &["u1", "u2"])
        );
    }

    #[test]
    fn another_event_type_under_the_name_is_reported_and_a_new_one_created() {
        let plan = Plan::new(
            &[wanted("A", "contact_updated", "https://a")],
            &[existing(
                "u1",
                "A",
                "contact_created",
                "https://a",
                "ACTIVE",
            )],
            false,
        );
        assert_eq!(plan.steps.len(), 1);
        assert_eq!(plan.steps[0].action(), Action::Create);
        assert_eq!(plan.warnings[0].kind(), "event_type_differs");
        assert!(plan.warnings[0].message().contains("u1 (contact_created)"));
    }

    #[test]
    fn prune_deletes_only_what_the_file_does_not_list() {
        let plan = Plan::new(
            &[wanted("A", "contact_created", "https://a")],
            &[
                existing("u1", "A", "contact_created", "https://a", "ACTIVE"),
                existing("u2", "B", "voucher_created", "https://b", "ACTIVE"),
            ],
            true,
        );
        let actions: Vec<(Action, Option<&str>)> =
            plan.steps.iter().map(|s| (s.action(), s.uuid())).collect();
        assert_eq!(
            actions,
            [
                (Action::Unchanged, Some("u1")),
                (Action::Delete, Some("u2"))
            ]
        );
    }

    #[test]
    fn a_wanted_secret_of_an_existing_subscription_is_reported() {
        let mut entry = wanted("A", "contact_created", "https://a");
        entry.secret_env = Some("LEAT_WHSEC_A".into());
        let plan = Plan::new(
            &[entry],
            &[existing(
                "u1",
                "A",
                "contact_created",
                "https://a",
                "ACTIVE",
            )],
            false,
        );
        assert_eq!(plan.steps[0].action(), Action::Unchanged);
        assert_eq!(plan.warnings[0].kind(), "secret_not_checked");
        assert!(plan.warnings[0].message().contains("LEAT_WHSEC_A"));
    }
}
