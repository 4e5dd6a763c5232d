//! Ctrl-C: a command under way stops at once with status 130, and `leat mock` stops with 0.

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn interrupt(pid: u32) {
    let sent = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
}

#[test]
fn ctrl_c_stops_a_command_under_way_with_status_130() {
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
    interrupt(child.id());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    assert!(started.elapsed() < Duration::from_secs(10));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted (Ctrl-C)"), "{stderr}");
}
