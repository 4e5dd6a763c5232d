//! `leat-mock`: the mock Leat API as a program, for any language to test against.

use std::process::ExitCode;

use leat_mock::{MockConfig, MockServer};

const USAGE: &str = r#"usage: leat-mock [--port N] [--api-key KEY] [--client-id ID] [--client-secret SECRET]
                 [--webhook-secret SECRET]

Runs a local stand-in for the Leat API (every operation) on 127.0.0.1 until Ctrl-C.
--port 0 (the default) picks a free port. Credentials are random unless given.
Control endpoints: POST /__mock/script, GET /__mock/requests, POST /__mock/reset,
GET /__mock/entities/COLLECTION (e.g. contacts),
POST /__mock/trigger {"event_type": "...", "data": {...}} (delivers a signed webhook)."#;

fn parse(args: &[String]) -> Result<MockConfig, String> {
    let mut config = MockConfig::default();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let text = value()?;
                config.port = text
                    .parse()
                    .map_err(|_| format!("--port {text:?} is not a port number"))?;
            }
            "--api-key" => config.api_key = Some(value()?),
            "--client-id" => config.client_id = Some(value()?),
            "--client-secret" => config.client_secret = Some(value()?),
            "--webhook-secret" => config.webhook_secret = Some(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let config = match parse(&args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("leat-mock: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mock = match MockServer::start_with(config).await {
        Ok(mock) => mock,
        Err(err) => {
            eprintln!("leat-mock: could not start: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("url: {}", mock.url());
    println!("api_key: {}", mock.api_key());
    println!("client_id: {}", mock.client_id());
    println!("client_secret: {}", mock.client_secret());
    println!("webhook_secret: {}", mock.webhook_secret());
    wait_for_stop().await;
    ExitCode::SUCCESS
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
