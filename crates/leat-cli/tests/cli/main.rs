//! The `leat` command line driven as a user drives it: the real binary, against the mock
//! Leat API and a real local webhook receiver started by each test.

mod common;

mod apply;
mod mock;
mod operation_commands;
mod operations;
mod send;
mod signals;
mod subscriptions;
mod usage;
mod verify;
