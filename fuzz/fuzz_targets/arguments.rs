//! Any uuid or url argument: accepted or refused with a typed error; an accepted uuid never
//! holds a character that could change the request path, an accepted url is http(s).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if leat::fuzzing::validate_uuid(text).is_ok() {
            assert!(!text.is_empty() && text != "." && text != "..");
            assert!(!text.contains(['/', '\\', '?', '#', '%']));
            assert!(!text.chars().any(char::is_whitespace));
        }
        if leat::fuzzing::validate_url(text).is_ok() {
            let lower = text.to_ascii_lowercase();
            assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{text:?}");
            assert!(!text.chars().any(|c| c.is_whitespace() || c.is_control()), "{text:?}");
            assert!(!text.contains('\\'), "{text:?}");
            let after_scheme = &text[text.find("://").unwrap() + 3..];
            assert!(!after_scheme.starts_with('/'), "{text:?}");
        }
    }
});
