//! Reading what commands take from files or stdin: `--data JSON|@FILE|@-` and a delivery
//! body `FILE|-`. Reads are async, so Ctrl-C stops a command waiting on stdin.

use std::path::Path;

use tokio::io::AsyncReadExt;

use serde_json::Value;

use crate::exit::Failure;

/// The bytes of `path`, or of stdin for `-`.
pub(crate) async fn read_bytes(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        tokio::io::stdin()
            .read_to_end(&mut bytes)
            .await
            .map_err(|err| Failure::usage(format!("could not read {what} from stdin: {err}")))?;
        return Ok(bytes);
    }
    tokio::fs::read(path).await.map_err(|err| {
        Failure::usage(format!(
            "could not read {what} from the file {}: {err}",
            path.display()
        ))
    })
}

/// The JSON of `--data`: the text itself, or the file after `@` (`@-` for stdin).
pub(crate) async fn data_argument(text: &str) -> Result<Value, Failure> {
    let (source, bytes) = match text.strip_prefix('@') {
        Some(file) => (
            format!("the --data file {file}"),
            read_bytes(Path::new(file), "--data").await?,
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

    fn data_argument(text: &str) -> Result<Value, Failure> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(super::data_argument(text))
    }

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
