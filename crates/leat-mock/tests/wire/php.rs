//! The bytes the mock delivers are the bytes PHP writes: the shared deliveries made by PHP's
//! own `json_encode` come out of the mock's writer unchanged.

use leat_mock::php_json;
use serde_json::Value;

#[test]
fn the_mock_writes_deliveries_byte_for_byte_as_php_does() {
    let path = format!(
        "{}/../../tests/vectors/php-deliveries.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: Value = serde_json::from_str(&text).unwrap();
    for case in vectors["cases"].as_array().unwrap() {
        let body = case["body"].as_str().unwrap();
        let parsed: Value = serde_json::from_str(body).unwrap();
        let written = php_json::delivery_body(parsed["type"].as_str().unwrap(), &parsed["data"]);
        if written != body {
            let at = written
                .bytes()
                .zip(body.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(written.len().min(body.len()));
            let around =
                |text: &str| text[at.saturating_sub(40)..(at + 40).min(text.len())].to_owned();
            panic!(
                "{}: differs at byte {at}: mock wrote ...{}... PHP wrote ...{}...",
                case["name"],
                around(&written),
                around(body)
            );
        }
    }
}
