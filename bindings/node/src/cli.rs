//! `runCli`: the `leat` command line (the package's `bin/leat.js`), run by the `leat-cli`
//! crate. Only the arguments cross; the CLI owns the process's stdin, stdout and stderr
//! while it runs, and blocks the event loop, as a command line may.

use napi_derive::napi;

/// Runs the `leat` command line with `argv` (the arguments after the script name) and
/// returns its exit status.
#[napi(catch_unwind)]
pub fn run_cli(argv: Vec<String>) -> i32 {
    leat_cli::run(argv.into_iter().map(Into::into).collect())
}
