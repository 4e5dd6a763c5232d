//! What the mock remembers: subscriptions, the entities of the other resources, issued
//! tokens, requests received and faults still queued.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{json, Map, Value};

use tokio::sync::Notify;

use crate::fault::Fault;
use crate::sent::SentDelivery;
use crate::store::Store;

/// One request as the mock received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Every header, names in lowercase, in the order received.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Bytes,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// As `GET /__mock/requests` lists it: headers as an object (a repeated header's values
    /// joined with `, `), the body as text.
    pub(crate) fn to_json(&self) -> Value {
        let mut headers = Map::new();
        for (name, value) in &self.headers {
            match headers.get_mut(name) {
                Some(Value::String(joined)) => {
                    joined.push_str(", ");
                    joined.push_str(value);
                }
                _ => {
                    headers.insert(name.clone(), Value::String(value.clone()));
                }
            }
        }
        json!({
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": headers,
            "body": String::from_utf8_lossy(&self.body),
        })
    }
}

/// A stored subscription, secret included (the API never returns it).
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub uuid: String,
    pub name: String,
    pub event_type: String,
    pub url: String,
    pub properties: Vec<String>,
    pub status: String,
    pub created_at: String,
    /// Signs webhook deliveries to this subscription; never part of an answer.
    pub secret: Option<String>,
}

impl Stored {
    /// As the API returns it.
    pub fn to_json(&self) -> Value {
        json!({
            "uuid": self.uuid,
            "name": self.name,
            "event_type": self.event_type,
            "url": self.url,
            "properties": self.properties,
            "status": self.status,
            "version": "V1",
            "created_at": self.created_at,
        })
    }
}

/// The credentials and settings the mock runs with.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    /// Where the server listens (`http://127.0.0.1:PORT`), for the URLs answers carry.
    pub url: String,
    pub api_key: String,
    pub client_id: String,
    pub client_secret: String,
    pub token_ttl: Duration,
    /// Signs deliveries to subscriptions created without a secret.
    pub webhook_secret: String,
    /// The wait before the first delivery retry; it doubles each retry.
    pub delivery_backoff: Duration,
}

pub(crate) struct State {
    pub subscriptions: Vec<Stored>,
    /// The entities of every other resource, answered by the generic engine.
    pub store: Store,
    /// Access token -> when it stops being valid.
    pub tokens: HashMap<String, Instant>,
    /// Requests to `/oauth/token` received, faulted ones included.
    pub token_requests: usize,
    pub faults: VecDeque<Fault>,
    pub requests: Vec<RecordedRequest>,
    /// Deliveries that have ended, in the order they ended.
    pub deliveries: Vec<SentDelivery>,
    /// Counts resets: a delivery that ends after one is not recorded.
    pub epoch: u64,
}

impl State {
    /// A state holding `store`, nothing else yet.
    pub fn new(store: Store) -> Self {
        State {
            subscriptions: Vec::new(),
            store,
            tokens: HashMap::new(),
            token_requests: 0,
            faults: VecDeque::new(),
            requests: Vec::new(),
            deliveries: Vec::new(),
            epoch: 0,
        }
    }

    /// Back to the starting account: subscriptions, requests, faults and deliveries cleared,
    /// the uuid sequence restarted. Deliveries still under way are not recorded.
    pub fn reset(&mut self) {
        self.subscriptions.clear();
        self.store.reset();
        self.requests.clear();
        self.faults.clear();
        self.deliveries.clear();
        self.epoch += 1;
    }

    /// The entities of the collection called `name` as the API returns them, in the order
    /// stored; `webhook_subscriptions` are the subscriptions. `None`: no rule names it.
    pub fn entities(&mut self, name: &str) -> Option<Vec<Value>> {
        if name == crate::subscriptions::GROUP {
            return Some(self.subscriptions.iter().map(Stored::to_json).collect());
        }
        self.store
            .entities_named(name)
            .map(|entities| entities.clone())
    }

    /// Removes and returns the first queued fault that applies to `method` and `path`.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self
            .faults
            .iter()
            .position(|fault| fault.matches(method, path))?;
        self.faults.remove(index)
    }
}

/// Everything the server's tasks share.
pub(crate) struct Shared {
    pub settings: Settings,
    state: Mutex<State>,
    /// Woken each time a delivery is recorded.
    pub delivered: Notify,
}

impl Shared {
    pub fn new(settings: Settings, store: Store) -> Self {
        Shared {
            settings,
            state: Mutex::new(State::new(store)),
            delivered: Notify::new(),
        }
    }

    /// Records an ended delivery made in `epoch` (unless a reset came since) and wakes
    /// whoever waits for deliveries.
    pub fn record(&self, epoch: u64, delivery: SentDelivery) {
        let mut state = self.state();
        if state.epoch == epoch {
            state.deliveries.push(delivery);
        }
        drop(state);
        self.delivered.notify_waiters();
    }

    /// The state, usable even if a handler panicked while holding it.
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
