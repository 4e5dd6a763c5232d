use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use leat_mock::MockServer;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

use crate::http::{connect, create};

const BINARY: &str = env!("CARGO_BIN_EXE_leat-mock");

#[tokio::test]
async fn dropping_the_server_closes_its_connections_and_frees_its_port() {
    let mock = MockServer::start().await.unwrap();
    let address = mock.url().trim_start_matches("http://").to_owned();
    let mut idle = connect(&mock).await;
    drop(mock);
    let mut buffer = [0; 16];
    let read = tokio::time::timeout(Duration::from_secs(2), idle.read(&mut buffer)).await;
    assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "{read:?}");
    assert!(TcpStream::connect(address).await.is_err());
}

#[tokio::test(flavor = "current_thread")]
async fn servers_run_side_by_side_on_a_current_thread_runtime() {
    let (first, second) = (
        MockServer::start().await.unwrap(),
        MockServer::start().await.unwrap(),
    );
    assert_ne!(first.url(), second.url());
    assert_ne!(first.api_key(), second.api_key());
    create(&first, "only here", "contact_created").await;
    assert_eq!(
        (first.subscriptions().len(), second.subscriptions().len()),
        (1, 0)
    );
}

#[test]
fn the_program_prints_its_url_and_credentials() {
    let mut child = Command::new(BINARY)
        .args([
            "--api-key",
            "k",
            "--client-id",
            "77",
            "--client-secret",
            "s",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let lines: Vec<String> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .take(4)
        .map(Result::unwrap)
        .collect();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(lines[0].starts_with("url: http://127.0.0.1:"), "{lines:?}");
    assert_eq!(
        lines[1..],
        ["api_key: k", "client_id: 77", "client_secret: s"]
    );
}

#[test]
fn the_program_explains_its_flags() {
    let help = Command::new(BINARY).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--port"));
    let bad = Command::new(BINARY).arg("--prot").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--prot"));
}
