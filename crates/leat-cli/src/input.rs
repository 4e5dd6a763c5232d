//! Reading what commands take from files or stdin: `--data JSON|@FILE|@-` and a delivery
//! body `FILE|-`.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::exit::Failure;

/// The bytes of `path`, or of stdin for `-`.
pub(crate) fn read_bytes(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|err| Failure::usage(format!("could not read {what} from stdin: {err}")))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|err| {
        Failure::usage(format!(
            "could not read {what} from the file {}: {err}",
            path.display()
        ))
    })
}

/// The JSON of `--data`: the text itself, or the file after `@` (`@-` for stdin).
pub(crate) fn data_argument(text: &str) -> Result<Value, Failure> {
    let (source, bytes) = match text.strip_prefix('@') {
        Some(file) => (
            format!("the --data file {file}"),
            read_bytes(Path::new(file), "--data")?,
        ),
        None => ("--data".to_owned(), text.as_bytes().to_vec()),
    };
    serde_json::from_slice(&bytes).map_err(|err| {
        Failure::usage(format!(
            "{source} is not valid JSON ({err}); give a JSON value such as \
             '{{\"contact\": {{\"uuid\": \"...\"}}}}', or @FILE to read it from a file"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_parsed_from_the_text() {
        let value = data_argument(r#"{"contact": {"uuid": "c1"}}"#).unwrap();
        assert_eq!(value["contact"]["uuid"], "c1");
    }

    #[test]
    fn bad_json_names_the_problem_and_the_fix() {
        let failure = data_argument("{nope").unwrap_err();
        let text = failure.text();
        assert!(text.contains("--data is not valid JSON"), "{text}");
        assert!(text.contains("line 1 column 2"), "{text}");
    }

    #[test]
    fn a_missing_data_file_is_a_usage_error_naming_it() {
        let failure = data_argument("@/nonexistent/leat-data.json").unwrap_err();
        assert_eq!(failure.status, crate::exit::ExitStatus::Usage);
        assert!(failure.text().contains("/nonexistent/leat-data.json"));
    }
}
