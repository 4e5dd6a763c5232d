//! # leat-cli
//!
//! The `leat` command line for the [Leat](https://www.leat.com) loyalty platform (formerly
//! Piggy): call every operation of Leat's API (`leat <group> <operation>`, made from the
//! core's operation table), list, create, change and delete webhook subscriptions, apply
//! them from a file, send signed test deliveries to a receiver, verify a saved delivery, and
//! run the local mock of the Leat API.
//!
//! One implementation, reached three ways: the `leat` binary of this crate
//! (`cargo install leat-cli`), the `leat` console script and `python -m leat` of the Python
//! package, and the `bin` of the npm package. Each passes its arguments to [`run`] and exits
//! with the status it returns; everything the command does happens inside [`run`], on top
//! of the `leat` client crate.
//!
//! ```no_run
//! let status = leat_cli::run(vec!["subscriptions".into(), "list".into()]);
//! std::process::exit(status);
//! ```
#![warn(missing_docs)]

mod api;
mod apply;
mod attributes;
mod cli;
mod client;
mod completions;
mod exit;
mod help;
mod input;
mod logging;
mod mock;
mod operations;
mod output;
mod payload;
mod samples;
mod send;
mod signals;
mod subscriptions;
mod verify;

use std::ffi::OsString;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};

use clap::{ArgMatches, FromArgMatches};
use leat::operation::Operation;

use crate::cli::{Cli, Command, WebhooksCommand};
use crate::exit::{ExitStatus, Failure};
use crate::output::{Format, Output};

pub use payload::payload_bytes;
pub use samples::sample_data;

/// The name the command is known by, in help, errors and completion scripts.
pub const BIN_NAME: &str = "leat";

/// Runs the `leat` command line with `args`, the arguments after the program name, and
/// returns the exit status for the process: 0 ok, 1 Leat answered an error or a verification
/// or delivery failed, 2 a usage error (bad arguments or input, caught before anything is
/// sent), 3 Leat or the receiver could not be reached (connection failure or timeout), 130
/// or 143 stopped by Ctrl-C or SIGTERM (which `run` handles itself, whatever the host), 101 a
/// bug in `leat` itself (a panic, caught here so it never crosses into Python or Node).
///
/// It builds its own tokio runtime, so it must not be called from inside one. Output goes to
/// the process's stdout and stderr, flushed before it returns.
pub fn run(args: Vec<OsString>) -> i32 {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| run_parsed(args)));
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    outcome.unwrap_or(ExitStatus::Bug.code())
}

/// What a command line asks for: one of `leat`'s own commands, or one of Leat's operations
/// with its arguments.
enum Work {
    Own(Command),
    Operation(&'static Operation, ArgMatches),
}

fn run_parsed(args: Vec<OsString>) -> i32 {
    let grammar = cli::command_for(&args);
    let argv = std::iter::once(OsString::from(BIN_NAME)).chain(args);
    let matches = match grammar.try_get_matches_from(argv) {
        Ok(matches) => matches,
        Err(err) => {
            // Help and version are "errors" too: clap prints them to stdout and says 0.
            let _ = err.print();
            return err.exit_code();
        }
    };
    let asked = matches.get_one::<Format>("output").copied();
    let (work, out) = match api::operation(&matches) {
        // Leat's operations print JSON unless asked otherwise; failures stay text unless
        // `--output json` was asked for.
        Some((op, args)) => (
            Work::Operation(op, args.clone()),
            Output::with_json_errors(asked.unwrap_or(Format::Json), asked == Some(Format::Json)),
        ),
        None => match Cli::from_arg_matches(&matches) {
            Ok(cli) => (
                Work::Own(cli.command),
                Output::new(asked.unwrap_or(Format::Table)),
            ),
            Err(err) => {
                let _ = err.print();
                return err.exit_code();
            }
        },
    };
    logging::install();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            out.failure(&Failure::general(format!(
                "could not start the async runtime: {err}"
            )));
            return ExitStatus::Failure.code();
        }
    };
    // The mock runs until a stop signal, and stopping it is a success; any other command
    // is cut short by one.
    let stops_itself = matches!(work, Work::Own(Command::Mock(_)));
    let outcome = runtime.block_on(async {
        let work = async {
            match work {
                Work::Own(command) => dispatch(command, &out).await,
                Work::Operation(op, args) => api::run(op, &args, &out).await,
            }
        };
        if stops_itself {
            return work.await;
        }
        let mut listener = signals::Listener::new();
        tokio::select! {
            outcome = work => outcome,
            stop = listener.stopped() => Err(Failure::stopped(stop)),
        }
    });
    // A read of stdin that a stop signal cut short may still block a thread of the runtime:
    // do not wait for it.
    runtime.shutdown_background();
    match outcome {
        Ok(()) => ExitStatus::Success.code(),
        Err(failure) => {
            out.failure(&failure);
            failure.status.code()
        }
    }
}

async fn dispatch(command: Command, out: &Output) -> Result<(), Failure> {
    match command {
        Command::Subscriptions(args) => subscriptions::run(args, out).await,
        Command::Webhooks { command } => match command {
            WebhooksCommand::Send(args) => send::run(args, out).await,
            WebhooksCommand::Verify(args) => verify::run(args, out).await,
        },
        Command::Mock(args) => mock::run(args, out).await,
        Command::Operations(args) => operations::run(args, out),
        Command::Completions(args) => completions::run(args, out),
    }
}
