//! JSON written the way Leat's servers write it: PHP's `json_encode` with its default flags.
//! `/` is escaped as `\/`, every non-ASCII character as `\uXXXX` (lowercase hex, UTF-16
//! surrogate pairs beyond the BMP), floats in PHP's shortest form (`1.0e+25`, `0.1`, and `10`
//! for a float with no fraction), keys in the order given. Leat signs these exact bytes, so a
//! receiver tested against the mock sees what Leat sends.
//!
//! ```
//! let data = serde_json::json!({"url": "https://e.com/a", "name": "Crème", "amount": 1e25});
//! assert_eq!(
//!     leat_mock::php_json::encode(&data),
//!     r#"{"url":"https:\/\/e.com\/a","name":"Cr\u00e8me","amount":1.0e+25}"#
//! );
//! ```

use std::fmt::Write;

use serde_json::{Number, Value};

/// `value` as PHP's `json_encode($value)` writes it.
pub fn encode(value: &Value) -> String {
    let mut out = String::with_capacity(128);
    write_value(&mut out, value);
    out
}

/// The body Leat POSTs for an event: `{"type": event_type, "data": data}`, in that order.
pub fn delivery_body(event_type: &str, data: &Value) -> String {
    let mut out = String::with_capacity(64);
    out.push_str("{\"type\":");
    write_string(&mut out, event_type);
    out.push_str(",\"data\":");
    write_value(&mut out, data);
    out.push('}');
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (index, (key, item)) in map.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, number: &Number) {
    if let Some(i) = number.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(u) = number.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(f) = number.as_f64() {
        write_float(out, f);
    }
}

/// PHP's `php_gcvt` with `serialize_precision = -1`: the shortest digits that read back as the
/// same double, written plainly when the decimal point falls within 17 digits and no more
/// than 4 places below it, else as `d.ddde+X`.
fn write_float(out: &mut String, value: f64) {
    if value.is_sign_negative() {
        out.push('-');
    }
    let value = value.abs();
    if value == 0.0 {
        out.push('0');
        return;
    }
    let (digits, exponent) = shortest_digits(value);
    // The value is 0.DIGITS x 10^point.
    let point = exponent + 1;
    if !(-3..=17).contains(&point) {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        out.push('.');
        out.push_str(if rest.is_empty() { "0" } else { rest });
        let _ = write!(
            out,
            "e{}{}",
            if point - 1 < 0 { '-' } else { '+' },
            (point - 1).abs()
        );
    } else if point <= 0 {
        out.push_str("0.");
        for _ in point..0 {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let point = point as usize;
        if digits.len() <= point {
            out.push_str(&digits);
            for _ in digits.len()..point {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
}

/// The fewest significant digits that read back as `value`, and the decimal exponent of the
/// first: `(b"15", -7)` for 1.5e-7. Where two such strings are equally short, PHP (David Gay's
/// `dtoa`, mode 0) takes the one nearest the exact binary value, and on a tie the even one;
/// Rust's `{:e}` may take the other, so the digits are rounded again from the exact value.
fn shortest_digits(value: f64) -> (String, i32) {
    let shortest = format!("{value:e}");
    let (mantissa, _) = shortest
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let count = mantissa.chars().filter(char::is_ascii_digit).count();
    // A double's exact decimal value has at most 767 significant digits.
    let exact = format!("{value:.800e}");
    let (mantissa, exponent) = exact
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let mut exponent: i32 = exponent.parse().expect("`{:e}` writes an integer exponent");
    let all: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let (kept, rest) = all.split_at(count);
    let mut digits = kept.to_vec();
    let round_up = match rest.first() {
        Some(b'5') if rest[1..].iter().all(|&d| d == b'0') => digits[count - 1] % 2 == 1,
        Some(&d) => d >= b'5',
        None => false,
    };
    if round_up {
        let mut index = count;
        loop {
            if index == 0 {
                digits.insert(0, b'1');
                digits.pop();
                exponent += 1;
                break;
            }
            index -= 1;
            if digits[index] == b'9' {
                digits[index] = b'0';
            } else {
                digits[index] += 1;
                break;
            }
        }
    }
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (String::from_utf8(digits).expect("ASCII digits"), exponent)
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(value: f64) -> String {
        encode(&serde_json::json!(value))
    }

    #[test]
    fn floats_as_php_writes_them() {
        // Each checked against PHP 8.2's json_encode.
        for (value, php) in [
            (10.0, "10"),
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0e25, "1.0e+25"),
            (0.1, "0.1"),
            (1e-5, "1.0e-5"),
            (0.0001, "0.0001"),
            (1e16, "10000000000000000"),
            (1e17, "1.0e+17"),
            (123456789.12345678, "123456789.12345678"),
            (1.5e300, "1.5e+300"),
            (-2.5e-300, "-2.5e-300"),
            (5e-324, "5.0e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.30000000000000004, "0.30000000000000004"),
            (1e15, "1000000000000000"),
            (123e18, "1.23e+20"),
            (1e21, "1.0e+21"),
            // Two shortest forms, .12 and .13, equally near: PHP takes the even one.
            (82446570997607.0 + 0.125, "82446570997607.12"),
        ] {
            assert_eq!(float(value), php, "{value:?}");
        }
    }

    #[test]
    fn strings_as_php_escapes_them() {
        assert_eq!(
            encode(&serde_json::json!("a/b é🍮 \"q\" \\ \u{1}\u{7f}\n")),
            "\"a\\/b \\u00e9\\ud83c\\udf6e \\\"q\\\" \\\\ \\u0001\u{7f}\\n\""
        );
    }

    #[test]
    fn a_delivery_is_type_then_data() {
        let body = delivery_body("voucher_redeemed", &serde_json::json!({"z": 1, "a": []}));
        assert_eq!(body, r#"{"type":"voucher_redeemed","data":{"z":1,"a":[]}}"#);
    }
}
