//! `leat completions SHELL`: the shell completion script, generated from the grammar (the
//! commands of Leat's operations included).

use crate::cli::{self, CompletionsArgs};
use crate::exit::Failure;
use crate::output::Output;

/// Prints the completion script for the shell asked for.
pub(crate) fn run(args: CompletionsArgs, out: &Output) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut cli::command(),
        crate::BIN_NAME,
        &mut script,
    );
    out.line(String::from_utf8_lossy(&script).trim_end_matches('\n'));
    Ok(())
}
