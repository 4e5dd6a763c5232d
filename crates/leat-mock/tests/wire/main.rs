//! What the mock puts on the wire, read with a raw TCP client. One binary, so it links once.

mod http;

mod auth;
mod control;
mod every_operation;
mod faults;
mod forms;
mod lifecycle;
mod paging;
mod php;
mod php_sdk;
mod store;
mod subscriptions;
mod validation;
