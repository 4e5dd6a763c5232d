//! Printing: tables and plain lines for people, one JSON document for scripts, errors on
//! stderr. Colour goes through `anstream`, which drops it when stdout is not a terminal or
//! `NO_COLOR` is set.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use serde::Serialize;
use serde_json::{json, Value};
use tabwriter::TabWriter;

use crate::exit::Failure;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    // Variants stay undocumented so `--help` lists them in one line.
    Table,
    Json,
}

/// The styles used, in one place.
pub(crate) mod style {
    use super::*;

    /// Column headers and labels.
    pub const HEADER: Style = Style::new().bold();
    /// Something created, or a success.
    pub const GOOD: Style = AnsiColor::Green.on_default();
    /// Something changed.
    pub const CHANGE: Style = AnsiColor::Yellow.on_default();
    /// Something deleted, or a failure.
    pub const BAD: Style = AnsiColor::Red.on_default();
    /// Something left as it is.
    pub const QUIET: Style = Style::new().dimmed();
    /// A warning.
    pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
}

/// `text` wrapped in `style`; plain when colour is off (anstream strips it on the way out).
pub(crate) fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Where and how a command prints.
pub(crate) struct Output {
    format: Format,
    json_errors: bool,
}

impl Output {
    /// Prints results and failures in `format`.
    pub fn new(format: Format) -> Output {
        Output {
            format,
            json_errors: format == Format::Json,
        }
    }

    /// Prints results in `format`, and failures as JSON only when `json_errors` (when
    /// `--output json` was asked for, not when JSON is only a command's default).
    pub fn with_json_errors(format: Format, json_errors: bool) -> Output {
        Output {
            format,
            json_errors,
        }
    }

    /// `true` with `--output json`.
    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Writes `text` and a newline to stdout. A closed stdout (`leat ... | head`) is not an
    /// error worth reporting, so write failures are ignored.
    pub fn line(&self, text: &str) {
        let mut stdout = anstream::stdout().lock();
        let _ = writeln!(stdout, "{text}");
    }

    /// Writes `text` and a newline to stderr: progress and notes that are not the result.
    pub fn note(&self, text: &str) {
        let mut stderr = anstream::stderr().lock();
        let _ = writeln!(stderr, "{text}");
    }

    /// Prints `value` as one pretty JSON document.
    pub fn json(&self, value: &impl Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => self.line(&text),
            Err(err) => self.note(&format!("error: could not write JSON: {err}")),
        }
    }

    /// Prints rows as aligned columns under a header. Cells holding values from outside
    /// must have gone through [`one_line`] (before any [`paint`]).
    pub fn table(&self, header: &[&str], rows: &[Vec<String>]) {
        let mut lines = Vec::with_capacity(rows.len() + 1);
        lines.push(
            header
                .iter()
                .map(|title| paint(style::HEADER, title))
                .collect(),
        );
        lines.extend(rows.iter().cloned());
        self.aligned(&lines);
    }

    /// Prints `label  value` pairs with the values aligned; values are made [`one_line`].
    pub fn fields(&self, pairs: &[(String, String)]) {
        let lines: Vec<Vec<String>> = pairs
            .iter()
            .map(|(label, value)| vec![paint(style::HEADER, label), one_line(value)])
            .collect();
        self.aligned(&lines);
    }

    /// Aligns cells into columns two spaces apart, ignoring colour codes.
    fn aligned(&self, lines: &[Vec<String>]) {
        let mut writer = TabWriter::new(Vec::new()).padding(2).ansi(true);
        for cells in lines {
            let _ = writeln!(writer, "{}", cells.join("\t"));
        }
        match writer.into_inner() {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                self.line(text.trim_end_matches('\n'));
            }
            Err(err) => self.note(&format!("error: could not align the table: {err}")),
        }
    }

    /// Reports a failure on stderr: `error: ...`, or `{"error": {...}}` with `--output json`.
    pub fn failure(&self, failure: &Failure) {
        if self.json_errors {
            let document = json!({ "error": failure.report });
            let text = serde_json::to_string_pretty(&document)
                .unwrap_or_else(|_| Value::from(failure.text()).to_string());
            self.note(&text);
        } else {
            self.note(&format!(
                "{} {}",
                paint(style::BAD.bold(), "error:"),
                failure.text()
            ));
        }
    }
}

/// A value from Leat or a file on one line: control characters (tabs, newlines, escape
/// codes) shown escaped, so they can neither break the columns nor drive the terminal.
pub(crate) fn one_line(cell: &str) -> String {
    if cell.chars().any(char::is_control) {
        cell.chars()
            .map(|c| match c {
                c if c.is_control() => c.escape_default().to_string(),
                c => c.to_string(),
            })
            .collect()
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_never_spans_two_lines() {
        assert_eq!(one_line("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(one_line("\u{1b}[31mred"), "\\u{1b}[31mred");
    }
}
