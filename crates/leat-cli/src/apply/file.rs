//! The file `leat subscriptions apply` reads: TOML with one `[[subscription]]` table per
//! wanted subscription. Secrets are named by environment variable, never written inline.

use std::collections::HashMap;
use std::path::Path;

use leat::{EventType, Status};
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

/// Reads and checks the file: its shape, statuses, secret references and repeated entries.
/// The values themselves (URLs, names) are checked by the core when they are sent.
pub(crate) fn read(path: &Path) -> Result<Vec<Wanted>, Failure> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|err| Failure::usage(format!("could not read the file {shown}: {err}")))?;
    parse(&text).map_err(|message| Failure::usage(format!("{shown}: {message}")))
}

/// The wanted subscriptions in `text`, or what is wrong with it.
pub(crate) fn parse(text: &str) -> Result<Vec<Wanted>, String> {
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
        let wanted = parse(ONE).unwrap();
        assert_eq!(wanted.len(), 1);
        assert_eq!(wanted[0].status, Status::Active);
        assert_eq!(wanted[0].event_type, EventType::ContactCreated);
        assert_eq!(wanted[0].attributes, None);
    }

    #[test]
    fn an_inline_secret_is_refused_with_its_line() {
        let text = format!("{ONE}secret = \"whsec_live_123\"\n");
        let err = parse(&text).unwrap_err();
        assert!(err.contains("inline secret (line 6)"), "{err}");
        assert!(err.contains("secret_env"), "{err}");
        assert!(!err.contains("whsec_live_123"), "{err}");
    }

    #[test]
    fn a_repeated_name_and_event_type_is_refused() {
        let err = parse(&format!("{ONE}{ONE}")).unwrap_err();
        assert!(err.contains("line 7 repeats the one at line 2"), "{err}");
    }

    #[test]
    fn an_unknown_status_is_refused() {
        let err = parse(&format!("{ONE}status = \"PAUSED\"\n")).unwrap_err();
        assert!(err.contains("\"PAUSED\""), "{err}");
        assert!(err.contains("\"ACTIVE\" or \"INACTIVE\""), "{err}");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let err = parse(&format!("{ONE}colour = \"blue\"\n")).unwrap_err();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn a_file_without_subscriptions_is_refused() {
        let err = parse("# nothing yet\n").unwrap_err();
        assert!(err.contains("lists no subscriptions"), "{err}");
    }
}
