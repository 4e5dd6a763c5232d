//! Ctrl-C and SIGTERM: a command under way stops at once with status 130 or 143.

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn signal(name: &str, pid: u32) {
    let sent = Command::new("kill")
        .args([name, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
}

/// Sends `kill SIGNAL` to a `leat webhooks send` under way; its status and stderr.
fn stopped_by(name: &str) -> (Option<i32>, String) {
    // A receiver that accepts the connection and never answers.
    let receiver = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/webhooks", receiver.local_addr().unwrap());
    let child = Command::new(env!("CARGO_BIN_EXE_leat"))
        .args(["webhooks", "send", &url, "--event-type", "contact_created"])
        .args(["--secret", "whsec_1", "--timeout", "60"])
        .env_remove("LEAT_WEBHOOK_SECRET")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the delivery has reached the receiver, the command is under way.
    let _connection = receiver.accept().unwrap();
    let started = Instant::now();
    signal(name, child.id());
    let output = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn ctrl_c_stops_a_command_under_way_with_status_130() {
    let (status, stderr) = stopped_by("-INT");
    assert_eq!(status, Some(130));
    assert!(stderr.contains("interrupted (Ctrl-C)"), "{stderr}");
}

#[test]
fn sigterm_stops_a_command_under_way_with_status_143() {
    let (status, stderr) = stopped_by("-TERM");
    assert_eq!(status, Some(143));
    assert!(stderr.contains("terminated (SIGTERM)"), "{stderr}");
}
