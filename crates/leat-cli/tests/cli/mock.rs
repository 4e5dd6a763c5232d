//! `leat mock`: the mock Leat API as a command, its credentials printed for scripts, stopped
//! by Ctrl-C.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::leat;

#[test]
fn mock_prints_its_credentials_serves_the_api_and_stops_on_ctrl_c() {
    // A port that was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_leat"))
        .args(["mock", "--output", "json", "--api-key", "cli-mock-key"])
        .args(["--port", &port])
        .stdout(Stdio::piped())
        .spawn()
        .expect("leat mock starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let started: Value = serde_json::from_str(&first_line).expect(&first_line);
    assert_eq!(started["api_key"], "cli-mock-key");
    let url = started["url"].as_str().unwrap();
    assert!(
        url.ends_with(&format!(":{port}")),
        "{url} is on port {port}"
    );
    for field in ["url", "client_id", "client_secret", "webhook_secret"] {
        assert!(started[field].is_string(), "{field}: {started}");
    }
    leat()
        .env("LEAT_BASE_URL", started["url"].as_str().unwrap())
        .env("LEAT_CLIENT_ID", started["client_id"].as_str().unwrap())
        .env(
            "LEAT_CLIENT_SECRET",
            started["client_secret"].as_str().unwrap(),
        )
        .args(["subscriptions", "list"])
        .assert()
        .success();
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}
