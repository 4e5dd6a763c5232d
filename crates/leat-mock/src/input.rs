//! What a request to an operation gives: its path parameters, and its input as Laravel reads
//! it, the query (PHP's `name[]=` and `name[key]=` forms included) with the body's fields
//! over it (a JSON object, or a PHP-style form).

use axum::response::Response;
use bytes::Bytes;
use http::{HeaderMap, Uri};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::php_form;
use crate::table::MockOperation;
use crate::validation;

/// A request's arguments.
#[derive(Debug, Default)]
pub(crate) struct Input {
    /// Each path parameter by name, decoded.
    pub path: Vec<(&'static str, String)>,
    /// The query's fields, then the body's over them; typed by the checks (`checks.rs`).
    pub fields: Map<String, Value>,
}

impl Input {
    /// The value of the path parameter `name`.
    pub fn path_value(&self, name: &str) -> Option<&str> {
        self.path
            .iter()
            .find(|(param, _)| *param == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Reads a request that the router matched to `op`. An empty body is no fields; any other
/// body must be a JSON object or a form, else the 1003 answer saying so.
pub(crate) fn read(
    op: &'static MockOperation,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Input, Response> {
    let mut fields = uri
        .query()
        .map(|query| php_form::fields(query.as_bytes()))
        .unwrap_or_default();
    if !body.iter().all(u8::is_ascii_whitespace) {
        for (name, value) in validation::object(headers, body)? {
            fields.insert(name, value);
        }
    }
    Ok(Input {
        path: path_values(op.path, uri.path()),
        fields,
    })
}

/// The `{name}` segments of `template` read off `path` (the router matched one to the other,
/// so their segments line up).
fn path_values(template: &'static str, path: &str) -> Vec<(&'static str, String)> {
    template
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(pattern, segment)| {
            let name = pattern.strip_prefix('{')?.strip_suffix('}')?;
            let value = percent_decode_str(segment).decode_utf8_lossy().into_owned();
            Some((name, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_read_by_name_and_decoded() {
        let read = path_values(
            "/api/v3/oauth/clients/contacts/{contact_uuid}/tier",
            "/api/v3/oauth/clients/contacts/a%20b/tier",
        );
        assert_eq!(read, vec![("contact_uuid", "a b".to_owned())]);
    }
}
