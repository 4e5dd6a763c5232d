//! Any answer body, decoded as a list, a subscription and an error: a typed result, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [high, low, rest @ ..] => (u16::from_be_bytes([*high, *low]) % 1000, rest),
        _ => (500, data),
    };
    if let Ok(list) = leat::fuzzing::decode_list(body) {
        for subscription in &list {
            let _ = subscription.to_json();
        }
    }
    if let Ok(subscription) = leat::fuzzing::decode_subscription(body) {
        assert!(!subscription.to_json().is_empty());
    }
    let error = leat::fuzzing::decode_error(status, body);
    assert!(!error.message.is_empty());
    let _ = error.to_string();
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = leat::fuzzing::parse_datetime(text);
    }
});
