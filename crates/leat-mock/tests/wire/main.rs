//! What the mock puts on the wire, read with a raw TCP client. One binary, so it links once.

mod http;

mod auth;
mod control;
mod faults;
mod lifecycle;
mod php;
mod php_sdk;
mod subscriptions;
