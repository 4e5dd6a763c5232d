//! Python literals from JSON values, laid out as `ruff format` lays them out: on one line when
//! they fit, else their brackets opened and one item a line with a magic trailing comma.

use super::{py_str, WIDTH};

/// A JSON value as a Python literal (`null` -> `None`, `true` -> `True`).
pub fn py_value(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(py_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_value(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// A Python literal to lay out as `ruff format` would.
pub enum Py {
    Lit(String),
    List(Vec<Py>),
    Tuple(Vec<Py>),
    Dict(Vec<(String, Py)>),
}

impl Py {
    /// A JSON value, its objects as dicts and arrays as lists.
    pub fn of(value: &serde_json::Value) -> Py {
        use serde_json::Value;
        match value {
            Value::Array(items) => Py::List(items.iter().map(Py::of).collect()),
            Value::Object(map) => {
                Py::Dict(map.iter().map(|(k, v)| (py_str(k), Py::of(v))).collect())
            }
            scalar => Py::Lit(py_value(scalar)),
        }
    }

    /// On one line.
    pub fn line(&self) -> String {
        match self {
            Py::Lit(text) => text.clone(),
            Py::List(items) => format!(
                "[{}]",
                items.iter().map(Py::line).collect::<Vec<_>>().join(", ")
            ),
            Py::Tuple(items) if items.len() == 1 => format!("({},)", items[0].line()),
            Py::Tuple(items) => format!(
                "({})",
                items.iter().map(Py::line).collect::<Vec<_>>().join(", ")
            ),
            Py::Dict(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.line()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// `head`, the literal and `tail` at `indent` (unindented first line): on one line when
    /// it fits, else its outer brackets opened, one item a line, each laid out the same way.
    pub fn layout(&self, head: &str, tail: &str, indent: usize) -> String {
        let one = format!("{head}{}{tail}", self.line());
        let (open, close, items): (&str, &str, Vec<(String, &Py)>) = match self {
            Py::Lit(_) => return one,
            Py::List(items) => ("[", "]", items.iter().map(|i| (String::new(), i)).collect()),
            Py::Tuple(items) => ("(", ")", items.iter().map(|i| (String::new(), i)).collect()),
            Py::Dict(entries) => (
                "{",
                "}",
                entries.iter().map(|(k, v)| (format!("{k}: "), v)).collect(),
            ),
        };
        if indent + one.len() <= WIDTH || items.is_empty() {
            return one;
        }
        let pad = " ".repeat(indent + 4);
        let mut out = format!("{head}{open}\n");
        for (item_head, item) in items {
            out.push_str(&pad);
            out.push_str(&item.layout(&item_head, ",", indent + 4));
            out.push('\n');
        }
        out.push_str(&" ".repeat(indent));
        out.push_str(close);
        out.push_str(tail);
        out
    }
}
