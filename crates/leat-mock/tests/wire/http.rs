//! A bare HTTP/1.1 client over a raw TCP connection, so the tests see exactly what the mock
//! puts on the wire (or that it puts nothing).

use std::time::Duration;

use leat_mock::MockServer;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const COLLECTION: &str = "/api/v3/oauth/clients/webhook-subscriptions";

/// A parsed answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }
}

/// A request to send; `bearer` and `content_type` default to the mock's key and JSON.
pub struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub body: &'a str,
    pub bearer: Option<&'a str>,
    pub content_type: &'a str,
}

impl<'a> Call<'a> {
    pub fn new(method: &'a str, path: &'a str) -> Self {
        Call {
            method,
            path,
            body: "",
            bearer: None,
            content_type: "application/json",
        }
    }

    pub fn body(self, body: &'a str) -> Self {
        Call { body, ..self }
    }

    pub fn bearer(self, bearer: &'a str) -> Self {
        Call {
            bearer: Some(bearer),
            ..self
        }
    }

    pub fn content_type(self, content_type: &'a str) -> Self {
        Call {
            content_type,
            ..self
        }
    }

    /// Sends the request and reads until the server closes; `None` when it closed without
    /// a single byte of answer.
    pub async fn raw(&self, mock: &MockServer) -> Option<Answer> {
        let mut stream = connect(mock).await;
        stream.write_all(&self.bytes(mock)).await.unwrap();
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
            .await
            .expect("the mock answers within 10 s")
            .ok()?;
        parse(&answer)
    }

    /// Sends the request and expects an answer.
    pub async fn send(&self, mock: &MockServer) -> Answer {
        self.raw(mock).await.expect("an answer")
    }

    pub fn bytes(&self, mock: &MockServer) -> Vec<u8> {
        let bearer = self.bearer.unwrap_or(mock.api_key());
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: mock\r\nConnection: close\r\nContent-Type: {}\r\n\
             Content-Length: {}\r\n",
            self.method,
            self.path,
            self.content_type,
            self.body.len()
        );
        if !bearer.is_empty() {
            head.push_str(&format!("Authorization: Bearer {bearer}\r\n"));
        }
        head.push_str("\r\n");
        [head.as_bytes(), self.body.as_bytes()].concat()
    }
}

pub async fn connect(mock: &MockServer) -> TcpStream {
    TcpStream::connect(mock.url().trim_start_matches("http://"))
        .await
        .expect("the mock accepts connections")
}

fn parse(bytes: &[u8]) -> Option<Answer> {
    if bytes.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not a status line: {status_line}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some(Answer {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// A valid create body.
pub fn create_body(name: &str, event_type: &str) -> String {
    serde_json::json!({"name": name, "event_type": event_type, "url": "https://example.com/hooks"})
        .to_string()
}

/// Creates a subscription and returns its uuid.
pub async fn create(mock: &MockServer, name: &str, event_type: &str) -> String {
    let answer = Call::new("POST", COLLECTION)
        .body(&create_body(name, event_type))
        .send(mock)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.json()["data"]["uuid"].as_str().unwrap().to_owned()
}
