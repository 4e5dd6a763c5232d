//! Why an account description cannot be loaded.

use std::fmt;

/// An account description ([`crate::MockServer::load_state`], [`crate::MockConfig::state`])
/// that the mock cannot load: the field that is wrong, the value it has, and what it should
/// be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError {
    field: String,
    value: String,
    expected: String,
}

impl StateError {
    pub(crate) fn new(field: impl Into<String>, value: impl Into<String>, expected: &str) -> Self {
        StateError {
            field: field.into(),
            value: value.into(),
            expected: expected.to_owned(),
        }
    }

    /// Where in the description the wrong value is, e.g. `contacts[0].credits`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The wrong value as JSON text, e.g. `"ten"`.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What the field should hold, e.g. `a whole number`.
    pub fn expected(&self) -> &str {
        &self.expected
    }
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "account description: {} is {}, expected {}",
            self.field, self.value, self.expected
        )
    }
}

impl std::error::Error for StateError {}
