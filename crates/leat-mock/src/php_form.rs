//! Form fields and query strings read as PHP (and so Laravel, and so Leat) reads them:
//! `key=value` as text, `key[]=a&key[]=b` and `key[0]=a` as a list, `key[name]=v` as a map,
//! nested as deep as the brackets go (`contacts[0][email]=...`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Every field of an `application/x-www-form-urlencoded` text, in the order each first
/// appeared. Values are all text. A later plain `key` replaces an earlier one, as PHP does.
/// A list's items are ordered by their index (`[1]` after `[0]`), items without one (`[]`)
/// last, each in the order sent.
pub(crate) fn fields(text: &[u8]) -> Map<String, Value> {
    let mut root = Group::default();
    for (position, (key, value)) in url::form_urlencoded::parse(text).enumerate() {
        let (name, keys) = split(&key);
        let mut path = vec![Step::Name(name.to_owned())];
        path.extend(keys.into_iter().map(|key| Step::of(key, position)));
        root.insert(&path, value.into_owned());
    }
    match root.into_value() {
        Value::Object(map) => map,
        // Every top-level step is a name, so the root is always an object.
        _ => Map::new(),
    }
}

/// `name[a][b]` -> (`name`, [`a`, `b`]); a key without well-formed brackets is a name.
fn split(key: &str) -> (&str, Vec<&str>) {
    let Some(open) = key.find('[') else {
        return (key, Vec::new());
    };
    if open == 0 {
        return (key, Vec::new());
    }
    let (name, mut rest) = key.split_at(open);
    let mut keys = Vec::new();
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return (key, Vec::new());
        };
        keys.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
    if rest.is_empty() {
        (name, keys)
    } else {
        (key, Vec::new())
    }
}

/// One bracketed step of a key.
#[derive(Clone, PartialEq, Eq)]
enum Step {
    /// `[]` (an item of its own, at this position in the text).
    Push(usize),
    /// `[3]`.
    Index(u64),
    /// `[email]`, or the field's own name.
    Name(String),
}

impl Step {
    fn of(key: &str, position: usize) -> Step {
        if key.is_empty() {
            Step::Push(position)
        } else if let Ok(index) = key.parse::<u64>() {
            Step::Index(index)
        } else {
            Step::Name(key.to_owned())
        }
    }
}

enum Slot {
    Text(String),
    Group(Group),
}

/// The entries under one name, in the order they first appeared.
#[derive(Default)]
struct Group(Vec<(Step, Slot)>);

impl Group {
    fn insert(&mut self, path: &[Step], value: String) {
        let Some((step, rest)) = path.split_first() else {
            return;
        };
        let found = self.0.iter().position(|(s, _)| s == step);
        let slot = match found {
            Some(at) => &mut self.0[at].1,
            None => {
                self.0.push((step.clone(), Slot::Group(Group::default())));
                &mut self.0.last_mut().expect("just pushed").1
            }
        };
        if rest.is_empty() {
            *slot = Slot::Text(value);
            return;
        }
        if let Slot::Text(_) = slot {
            *slot = Slot::Group(Group::default());
        }
        if let Slot::Group(group) = slot {
            group.insert(rest, value);
        }
    }

    /// A list when every step is an index or `[]`, else a map.
    fn into_value(self) -> Value {
        let is_list = self
            .0
            .iter()
            .all(|(step, _)| matches!(step, Step::Push(_) | Step::Index(_)));
        if is_list && !self.0.is_empty() {
            let mut items: BTreeMap<(u64, usize), Value> = BTreeMap::new();
            for (order, (step, slot)) in self.0.into_iter().enumerate() {
                let at = match step {
                    Step::Index(index) => (index, order),
                    Step::Push(position) => (u64::MAX, position),
                    // A list holds no names (`is_list`).
                    Step::Name(_) => (u64::MAX, usize::MAX),
                };
                items.insert(at, slot.into_value());
            }
            return Value::Array(items.into_values().collect());
        }
        let mut map = Map::new();
        let mut next = 0u64;
        for (step, slot) in self.0 {
            let key = match step {
                Step::Name(name) => name,
                Step::Index(index) => {
                    next = next.max(index + 1);
                    index.to_string()
                }
                Step::Push(_) => {
                    next += 1;
                    (next - 1).to_string()
                }
            };
            map.insert(key, slot.into_value());
        }
        Value::Object(map)
    }
}

impl Slot {
    fn into_value(self) -> Value {
        match self {
            Slot::Text(text) => Value::String(text),
            Slot::Group(group) => group.into_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_are_read_as_php_writes_them() {
        let read = fields(
            b"name=New+members&attributes%5B1%5D=lastname&attributes%5B0%5D=firstname&status=ACTIVE",
        );
        assert_eq!(
            Value::Object(read),
            json!({"name": "New members", "attributes": ["firstname", "lastname"], "status": "ACTIVE"})
        );
        assert_eq!(
            fields(b"attributes[]=a&attributes[]=b")["attributes"],
            json!(["a", "b"])
        );
    }

    #[test]
    fn maps_and_nested_keys_are_read_as_php_reads_them() {
        let read = fields(b"created_at[gte]=2024-01-01&created_at[lt]=2025-01-01&contacts[0][email]=a%40b.c&contacts[0][tags][]=x");
        assert_eq!(
            Value::Object(read),
            json!({
                "created_at": {"gte": "2024-01-01", "lt": "2025-01-01"},
                "contacts": [{"email": "a@b.c", "tags": ["x"]}],
            })
        );
    }

    #[test]
    fn a_later_plain_key_replaces_an_earlier_one_and_odd_brackets_are_names() {
        let read = fields(b"a=1&a=2&b[=3&[c]=4&d[x]y=5");
        assert_eq!(
            Value::Object(read),
            json!({"a": "2", "b[": "3", "[c]": "4", "d[x]y": "5"})
        );
    }
}
