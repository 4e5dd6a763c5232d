//! Scrubbing the secrets the client knows (API key, tokens, client secret, a subscription's
//! webhook secret) out of everything a server sent back before it becomes part of an error or
//! a log event: a debug page or a proxy that quotes the request would otherwise put them
//! there. Each secret is also looked for as a form field and as a JSON string would carry it.

use std::borrow::Cow;

use secrecy::{ExposeSecret, SecretString};

use crate::error::{ApiError, Error};

/// Secrets shorter than this are not looked for: they would match ordinary words.
pub(crate) const MIN_SECRET_LEN: usize = 6;
/// What a secret is replaced with.
pub(crate) const REDACTED: &str = "[redacted]";

/// The secrets one call knows.
#[derive(Default, Clone)]
pub(crate) struct Redactor<'a> {
    secrets: Vec<&'a str>,
}

impl<'a> Redactor<'a> {
    /// Adds `secret` to those scrubbed.
    pub(crate) fn with(mut self, secret: &'a SecretString) -> Self {
        let text = secret.expose_secret();
        if text.len() >= MIN_SECRET_LEN {
            self.secrets.push(text);
        }
        self
    }

    /// Adds every secret of `others`.
    pub(crate) fn with_all(mut self, others: impl IntoIterator<Item = &'a SecretString>) -> Self {
        for secret in others {
            self = self.with(secret);
        }
        self
    }

    /// `text` with every known secret, in every form it may be quoted in, replaced.
    pub(crate) fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for secret in &self.secrets {
            for form in forms(secret) {
                if out.contains(form.as_ref()) {
                    out = Cow::Owned(out.replace(form.as_ref(), REDACTED));
                }
            }
        }
        out
    }

    fn scrub(&self, text: &mut String) {
        if let Cow::Owned(clean) = self.text(text) {
            *text = clean;
        }
    }

    /// `err` with every text that may have come from the server scrubbed.
    pub(crate) fn error(&self, mut err: Error) -> Error {
        if self.secrets.is_empty() {
            return err;
        }
        match &mut err {
            Error::Api(api) => self.api(api),
            Error::Connection { message, .. } => self.scrub(message),
            Error::Decode {
                field,
                message,
                body_snippet,
                ..
            } => {
                self.scrub(field);
                self.scrub(message);
                self.scrub(body_snippet);
            }
            Error::Config { message } => self.scrub(message),
            Error::InvalidArgument { .. } | Error::Timeout { .. } => {}
        }
        err
    }

    fn api(&self, api: &mut ApiError) {
        self.scrub(&mut api.message);
        if let Some(id) = &mut api.request_id {
            self.scrub(id);
        }
        for (_, value) in &mut api.headers {
            self.scrub(value);
        }
        api.body = self.bytes(&api.body);
        let needs = api
            .errors
            .iter()
            .any(|(field, messages)| self.dirty(field) || messages.iter().any(|m| self.dirty(m)));
        if needs {
            api.errors = std::mem::take(&mut api.errors)
                .into_iter()
                .map(|(field, messages)| {
                    let messages = messages.iter().map(|m| self.text(m).into_owned()).collect();
                    (self.text(&field).into_owned(), messages)
                })
                .collect();
        }
    }

    /// `body` with every known secret replaced, byte for byte elsewhere. A raw JSON body
    /// quotes a secret once more than the text read from it does (a message that quotes the
    /// request's JSON is itself a JSON string), so each form is also looked for escaped again.
    fn bytes(&self, body: &bytes::Bytes) -> bytes::Bytes {
        if self.secrets.is_empty() {
            return body.clone();
        }
        let mut out = body.to_vec();
        let mut changed = false;
        for secret in &self.secrets {
            let mut all: Vec<String> = Vec::new();
            for form in forms(secret) {
                for deeper in [
                    json_inner(&form),
                    php_escaped(&form),
                    form.clone().into_owned(),
                ] {
                    if !all.contains(&deeper) {
                        all.push(deeper);
                    }
                }
            }
            all.sort_by_key(|form| std::cmp::Reverse(form.len()));
            for form in &all {
                let replaced = replace_bytes(&out, form.as_bytes(), REDACTED.as_bytes());
                changed |= replaced.len() != out.len() || replaced != out;
                out = replaced;
            }
        }
        if changed {
            bytes::Bytes::from(out)
        } else {
            body.clone()
        }
    }

    fn dirty(&self, text: &str) -> bool {
        matches!(self.text(text), Cow::Owned(_))
    }
}

/// `haystack` with every `needle` replaced by `with` (for a body that is not UTF-8).
fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return haystack.to_vec();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut at = 0;
    while at < haystack.len() {
        if haystack[at..].starts_with(needle) {
            out.extend_from_slice(with);
            at += needle.len();
        } else {
            out.push(haystack[at]);
            at += 1;
        }
    }
    out
}

/// `secret` as it may be quoted: as is, form-encoded (`+`, `%2F`), and JSON-escaped
/// (`\/`, `\"`, `\u00e9`). A secret of letters, digits and `-._` (most keys and tokens) reads
/// the same in every form.
fn forms(secret: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let plain = secret
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
    if plain {
        return vec![Cow::Borrowed(secret)].into_iter();
    }
    let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let json = json_inner(secret);
    let php = php_escaped(secret);
    let mut forms = vec![Cow::Borrowed(secret)];
    for variant in [form, json, php] {
        if variant != secret && !forms.iter().any(|f| f.as_ref() == variant) {
            forms.push(Cow::Owned(variant));
        }
    }
    forms.into_iter()
}

/// `secret` as PHP's `json_encode` writes it: `/` as `\/`, non-ASCII as `\uXXXX`.
/// `text` as it stands inside a JSON string, without the quotes.
fn json_inner(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    json.get(1..json.len().saturating_sub(1))
        .unwrap_or_default()
        .to_owned()
}

fn php_escaped(secret: &str) -> String {
    let mut out = String::with_capacity(secret.len());
    for c in secret.chars() {
        match c {
            '/' => out.push_str("\\/"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    #[test]
    fn every_quoted_form_is_scrubbed() {
        let key = secret("sk/live+é \"q\"");
        let redactor = Redactor::default().with(&key);
        for echoed in [
            "Bearer sk/live+é \"q\"",
            "client_secret=sk%2Flive%2B%C3%A9+%22q%22",
            r#"{"secret":"sk/live+é \"q\""}"#,
            r#"{"secret":"sk\/live+\u00e9 \"q\""}"#,
        ] {
            let clean = redactor.text(echoed);
            assert!(clean.contains(REDACTED), "{echoed} -> {clean}");
            assert!(!clean.contains("live"), "{echoed} -> {clean}");
        }
    }

    #[test]
    fn short_secrets_and_clean_text_are_left_alone() {
        let short = secret("abc");
        let redactor = Redactor::default().with(&short);
        assert_eq!(redactor.text("abc abc"), "abc abc");
        let long = secret("whsec_123456");
        let redactor = Redactor::default().with(&long);
        assert!(matches!(redactor.text("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn an_api_error_loses_the_secret_everywhere() {
        let key = secret("mock_key_abcdef");
        let redactor = Redactor::default().with(&key);
        let mut errors = std::collections::BTreeMap::new();
        errors.insert(
            "mock_key_abcdef".to_owned(),
            vec!["was mock_key_abcdef".to_owned()],
        );
        let err = Error::from(ApiError {
            kind: crate::ApiErrorKind::Other,
            status: 400,
            code: None,
            message: "you sent mock_key_abcdef".into(),
            errors,
            request_id: Some("id-mock_key_abcdef".into()),
            retry_after: None,
            method: "GET".into(),
            path: "/x".into(),
            headers: vec![("x-echo".into(), "Bearer mock_key_abcdef".into())],
            body: bytes::Bytes::from_static(b"{\"message\": \"you sent mock_key_abcdef\"}"),
            rate_limit_limit: None,
            rate_limit_remaining: None,
        });
        let clean = redactor.error(err);
        let shown = format!("{clean} {clean:?}");
        assert!(!shown.contains("mock_key_abcdef"), "{shown}");
        let api = clean.as_api().unwrap();
        assert!(!String::from_utf8_lossy(&api.body).contains("mock_key_abcdef"));
        assert!(!api.headers[0].1.contains("mock_key_abcdef"));
    }
}
