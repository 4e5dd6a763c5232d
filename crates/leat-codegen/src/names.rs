//! How one spec name is written in each language: `find_one_by` -> `findOneBy`,
//! `FindOneBy`, `FIND_ONE_BY`.

/// `find_one_by` -> `findOneBy`; a wire name that is not snake_case is kept.
pub fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `find_one_by` -> `FindOneBy`.
pub fn pascal(name: &str) -> String {
    let camel = camel(name);
    let mut chars = camel.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `find_one_by` -> `FIND_ONE_BY`.
pub fn upper(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// `CreditReception` -> `credit_reception`.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// A wire name as a Rust identifier: `type` -> `r#type`, `some-key` -> `some_key`.
pub fn rust_ident(name: &str) -> String {
    let mut ident: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if ident.chars().next().is_none_or(|c| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if RUST_KEYWORDS.contains(&ident.as_str()) {
        if matches!(ident.as_str(), "self" | "Self" | "super" | "crate") {
            ident.push('_');
        } else {
            ident.insert_str(0, "r#");
        }
    }
    ident
}

/// Text inside a Rust or JavaScript string literal, quoted.
pub fn quote(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_every_case() {
        assert_eq!(camel("find_one_by"), "findOneBy");
        assert_eq!(camel("someAttribute"), "someAttribute");
        assert_eq!(pascal("webhook_subscriptions"), "WebhookSubscriptions");
        assert_eq!(rust_ident("type"), "r#type");
        assert_eq!(rust_ident("3d"), "_3d");
    }
}
