//! `leat::webhooks::verify_signature` on the 1 KiB and 64 KiB delivery bodies.

use std::hint::black_box;

use crate::report;

pub(crate) const SECRET: &str = "whsec_benchmark";

/// A delivery body of exactly `size` bytes: `{"type":"contact_created","data":{"note":"aaa…"}}`,
/// the body every language's contenders build.
pub(crate) fn body(size: usize) -> Vec<u8> {
    let head = br#"{"type":"contact_created","data":{"note":""#;
    let tail = br#""}}"#;
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(head);
    body.resize(size - tail.len(), b'a');
    body.extend_from_slice(tail);
    body
}

/// Verifies the 1 KiB body `calls` times and the 64 KiB body `calls / 16` times.
pub(crate) fn run(calls: usize) {
    for (op, size, calls) in [
        ("verify 1 KiB", 1024, calls),
        ("verify 64 KiB", 64 * 1024, calls / 16),
    ] {
        let body = body(size);
        let signature = leat::webhooks::sign(&body, SECRET);
        let verify = || {
            leat::webhooks::verify_signature(black_box(&body), black_box(&signature), &[SECRET])
                .expect("the signature matches")
        };
        for _ in 0..calls / 10 {
            verify();
        }
        report::measure(op, calls, || {
            for _ in 0..calls {
                verify();
            }
        });
    }
}
