//! `leat._native.run_cli`: the `leat` command line (`python -m leat`, the `leat` console
//! script), run by the `leat-cli` crate. Only the arguments cross; the CLI owns the process's
//! stdin, stdout and stderr while it runs.

use pyo3::prelude::*;

/// Runs the `leat` command line with `argv` (the arguments after the program name) and
/// returns its exit status. The GIL is released while it runs.
#[pyfunction]
pub(crate) fn run_cli(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| leat_cli::run(argv.into_iter().map(Into::into).collect()))
}
