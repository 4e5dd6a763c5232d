//! `leat mock`: the local mock of the Leat API, running until Ctrl-C (or SIGTERM), with its
//! URL and credentials printed for the user or a script.

use leat_mock::{MockConfig, MockServer};
use serde_json::json;

use crate::cli::MockArgs;
use crate::exit::Failure;
use crate::output::Output;

/// Starts the mock, prints where it is and what it accepts, and waits for a stop signal.
pub(crate) async fn run(args: MockArgs, out: &Output) -> Result<(), Failure> {
    let state = match &args.state {
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|err| {
                Failure::general(format!("could not read --state {}: {err}", file.display()))
            })?;
            let description = serde_json::from_str(&text).map_err(|err| {
                Failure::general(format!("--state {} is not JSON: {err}", file.display()))
            })?;
            Some(description)
        }
        None => None,
    };
    let config = MockConfig {
        seed: args.seed,
        state,
        port: args.port,
        api_key: args.api_key,
        client_id: args.client_id,
        client_secret: args.client_secret,
        webhook_secret: args.webhook_secret,
        ..MockConfig::default()
    };
    // Listening before anything is printed: whoever reads the URL may stop it at once.
    let mut stop = crate::signals::Listener::new();
    let mock = MockServer::start_with(config)
        .await
        .map_err(|err| match &args.state {
            // The only refusal of the settings themselves: the account description.
            Some(file) if err.kind() == std::io::ErrorKind::InvalidInput => {
                Failure::general(format!("--state {}: {err}", file.display()))
            }
            _ => Failure::general(format!(
                "could not start the mock on 127.0.0.1 port {}: {err}",
                args.port
            )),
        })?;
    let fields = [
        ("url", mock.url()),
        ("api_key", mock.api_key()),
        ("client_id", mock.client_id()),
        ("client_secret", mock.client_secret()),
        ("webhook_secret", mock.webhook_secret()),
    ];
    if out.is_json() {
        // One line, so a script can read it while the mock keeps running.
        let document: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .map(|(key, value)| ((*key).to_owned(), json!(value)))
            .collect();
        out.line(&serde_json::Value::Object(document).to_string());
    } else {
        out.line("Leat mock server running; stop it with Ctrl-C.");
        let pairs: Vec<(String, String)> = fields
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        out.fields(&pairs);
        out.line("");
        out.line("In another terminal:");
        out.line(&format!(
            "  export LEAT_BASE_URL={} LEAT_API_KEY={} LEAT_WEBHOOK_SECRET={}",
            mock.url(),
            mock.api_key(),
            mock.webhook_secret()
        ));
    }
    // Stopping is how a mock ends, so either signal is a success.
    stop.stopped().await;
    Ok(())
}
