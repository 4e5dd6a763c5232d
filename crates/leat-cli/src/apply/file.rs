//! The file `leat subscriptions apply` reads: TOML with one `[[subscription]]` table per
//! wanted subscription. Secrets are named by environment variable, never written inline.

use std::collections::HashMap;
use std::path::Path;

use leat::{CreateParams, EventType, Status};
use serde::Deserialize;
use toml::Spanned;

use crate::exit::Failure;

/// One subscription the file asks for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wanted {
    /// The name; with the event type, what matches it to a subscription at Leat.
    pub name: String,
    /// The event type; cannot change after creation.
    pub event_type: EventType,
    /// Where deliveries go.
    pub url: String,
    /// `ACTIVE` unless the file says otherwise.
    pub status: Status,
    /// The contact attributes to watch; `None` leaves Leat's as they are.
    pub attributes: Option<Vec<String>>,
    /// The environment variable holding the secret to create it with.
    pub secret_env: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    subscription: Vec<Spanned<EntrySpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySpec {
    name: String,
    event_type: String,
    url: String,
    status: Option<String>,
    attributes: Option<Vec<String>>,
    secret_env: Option<String>,
    /// Only read to refuse it with advice.
    secret: Option<Spanned<toml::Value>>,
}

/// What the file's entries may hold besides what this version of the SDK knows.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Allow {
    /// Event types this version does not know (Leat may have added them since).
    pub unknown_event_types: bool,
}

/// Reads and checks the whole file before anything is sent: its shape, and every entry's
/// values as the core checks them before sending (name, event type, URL, attributes), its
/// status, secret reference, and repeats.
pub(crate) fn read(path: &Path, allow: Allow) -> Result<Vec<Wanted>, Failure> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|err| Failure::usage(format!("could not read the file {shown}: {err}")))?;
    parse(&text, allow).map_err(|message| Failure::usage(format!("{shown}: {message}")))
}

/// The wanted subscriptions in `text`, or what is wrong with it.
pub(crate) fn parse(text: &str, allow: Allow) -> Result<Vec<Wanted>, String> {
    let spec: FileSpec = toml::from_str(text).map_err(|err| {
        format!(
            "not a valid subscriptions file: {}",
            err.to_string().trim_end()
        )
    })?;
    if spec.subscription.is_empty() {
        return Err(
            "lists no subscriptions: add one [[subscription]] table for each \
             (name, event_type, url, and optionally status, attributes, secret_env)"
                .into(),
        );
    }
    let line = |offset: usize| {
        text.get(..offset)
            .map_or(1, |t| t.matches('\n').count() + 1)
    };
    let mut wanted = Vec::with_capacity(spec.subscription.len());
    let mut seen: HashMap<(String, EventType), usize> = HashMap::new();
    for entry in spec.subscription {
        let at = line(entry.span().start);
        let entry = entry.into_inner();
        let here = format!("the subscription {:?} at line {at}", entry.name);
        if let Some(secret) = &entry.secret {
            return Err(format!(
                "{here} has an inline secret (line {}): secrets never go in this file. Put it in \
                 an environment variable and name that here, e.g. secret_env = \"LEAT_WHSEC_...\"",
                line(secret.span().start)
            ));
        }
        let status = match entry.status {
            None => Status::Active,
            Some(text) => match Status::from(text) {
                known if known.is_known() => known,
                other => {
                    return Err(format!(
                        "{here} has status {:?}; use one of {}",
                        other.as_str(),
                        known_statuses()
                    ))
                }
            },
        };
        if let Some(name) = &entry.secret_env {
            if name.trim().is_empty() || name.contains('=') || name.contains('\0') {
                return Err(format!(
                    "{here} has secret_env {name:?}, which is not an environment variable name"
                ));
            }
        }
        let event_type = EventType::from(entry.event_type);
        let mut params = CreateParams::new(&entry.name, event_type.clone(), &entry.url);
        params.attributes = entry.attributes.clone();
        params.validate().map_err(|err| format!("{here}: {err}"))?;
        if !event_type.is_known() && !allow.unknown_event_types {
            return Err(format!(
                "{here} has event_type {:?}, which is not one Leat documents ({}); fix it, or \
                 pass --allow-unknown-event-types if Leat has added it since this version of leat",
                event_type.as_str(),
                known_event_types()
            ));
        }
        let key = (entry.name.clone(), event_type.clone());
        if let Some(first) = seen.insert(key, at) {
            return Err(format!(
                "{here} repeats the one at line {first}: name and event type must be unique, \
                 since they are what matches a subscription at Leat"
            ));
        }
        wanted.push(Wanted {
            name: entry.name,
            event_type,
            url: entry.url,
            status,
            attributes: entry.attributes,
            secret_env: entry.secret_env,
        });
    }
    Ok(wanted)
}

fn known_event_types() -> String {
    leat::EventType::KNOWN
        .iter()
        .map(EventType::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn known_statuses() -> String {
    leat::Status::KNOWN
        .iter()
        .map(|status| format!("{:?}", status.as_str()))
        .collect::<Vec<_>>()
        .join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"
[[subscription]]
name = "New members"
event_type = "contact_created"
url = "https://example.com/hooks"
"#;

    #[test]
    fn an_entry_without_status_wants_it_active() {
        let wanted = parse(ONE, Allow::default()).unwrap();
        assert_eq!(wanted.len(), 1);
        assert_eq!(wanted[0].status, Status::Active);
        assert_eq!(wanted[0].event_type, EventType::ContactCreated);
        assert_eq!(wanted[0].attributes, None);
    }

    #[test]
    fn an_inline_secret_is_refused_with_its_line() {
        let text = format!("{ONE}secret = \"whsec_live_123\"\n");
        let err = parse(&text, Allow::default()).unwrap_err();
        assert!(err.contains("inline secret (line 6)"), "{err}");
        assert!(err.contains("secret_env"), "{err}");
        assert!(!err.contains("whsec_live_123"), "{err}");
    }

    #[test]
    fn a_repeated_name_and_event_type_is_refused() {
        let err = parse(&format!("{ONE}{ONE}"), Allow::default()).unwrap_err();
        assert!(err.contains("line 7 repeats the one at line 2"), "{err}");
    }

    #[test]
    fn an_unknown_status_is_refused() {
        let err = parse(&format!("{ONE}status = \"PAUSED\"\n"), Allow::default()).unwrap_err();
        assert!(err.contains("\"PAUSED\""), "{err}");
        assert!(err.contains("\"ACTIVE\" or \"INACTIVE\""), "{err}");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let err = parse(&format!("{ONE}colour = \"blue\"\n"), Allow::default()).unwrap_err();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn a_value_the_core_refuses_is_refused_with_its_entry() {
        let second = r#"
[[subscription]]
name = "Vouchers"
event_type = "voucher_redeemed"
url = "ftp://example.com/hooks"
"#;
        let err = parse(&format!("{ONE}{second}"), Allow::default()).unwrap_err();
        assert!(err.contains("\"Vouchers\" at line 7"), "{err}");
        assert!(err.contains("invalid argument `url`"), "{err}");
        assert!(err.contains("ftp://example.com/hooks"), "{err}");
        let blank = ONE.replace("https://example.com/hooks", "https://");
        assert!(parse(&blank, Allow::default()).is_err());
        let attribute = format!("{ONE}attributes = [\"\"]\n");
        let err = parse(&attribute, Allow::default()).unwrap_err();
        assert!(err.contains("`attributes`"), "{err}");
    }

    #[test]
    fn an_unknown_event_type_is_refused_unless_allowed() {
        let typo = ONE.replace("contact_created", "contact_craeted");
        let err = parse(&typo, Allow::default()).unwrap_err();
        assert!(err.contains("\"contact_craeted\""), "{err}");
        assert!(err.contains("--allow-unknown-event-types"), "{err}");
        let allowed = parse(
            &typo,
            Allow {
                unknown_event_types: true,
            },
        )
        .unwrap();
        assert_eq!(allowed[0].event_type.as_str(), "contact_craeted");
    }

    #[test]
    fn a_file_without_subscriptions_is_refused() {
        let err = parse("# nothing yet\n", Allow::default()).unwrap_err();
        assert!(err.contains("lists no subscriptions"), "{err}");
    }
}
