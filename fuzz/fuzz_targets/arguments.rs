//! Any uuid, url or base URL argument: accepted or refused with a typed error; an accepted uuid
//! never holds a character that could change the request path, an accepted url is http(s), an
//! accepted base URL has no credentials, query or fragment, and a refused one's message never
//! shows a secret put in its query or fragment.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Stands for a secret in a base URL.
const MARKER: &str = "Q7seCRETq7";

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if leat::fuzzing::validate_uuid(text).is_ok() {
            assert!(!text.is_empty() && text != "." && text != "..");
            assert!(!text.contains(['/', '\\', '?', '#', '%']));
            assert!(!text.chars().any(char::is_whitespace));
        }
        if leat::fuzzing::validate_url(text).is_ok() {
            let lower = text.to_ascii_lowercase();
            assert!(
                lower.starts_with("http://") || lower.starts_with("https://"),
                "{text:?}"
            );
            assert!(
                !text.chars().any(|c| c.is_whitespace() || c.is_control()),
                "{text:?}"
            );
            assert!(!text.contains('\\'), "{text:?}");
            let after_scheme = &text[text.find("://").unwrap() + 3..];
            assert!(!after_scheme.starts_with('/'), "{text:?}");
        }
        if let Ok(url) = leat::fuzzing::parse_base_url(text) {
            assert!(matches!(url.scheme(), "http" | "https"), "{text:?}");
            assert!(
                url.username().is_empty() && url.password().is_none(),
                "{text:?}"
            );
            assert!(
                url.query().is_none() && url.fragment().is_none(),
                "{text:?}"
            );
        }
        // A key put in the query or fragment by mistake is never shown in the error.
        // (URL parsing drops tabs and newlines: the marker must not be in the text without them.)
        let squeezed: String = text
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        if !text.contains(['?', '#']) && !squeezed.contains(MARKER) {
            for with_secret in [
                format!("{text}?api_key={MARKER}"),
                format!("{text}#{MARKER}"),
            ] {
                if let Err(message) = leat::fuzzing::parse_base_url(&with_secret) {
                    assert!(!message.contains(MARKER), "{with_secret:?}: {message}");
                }
            }
        }
    }
});
