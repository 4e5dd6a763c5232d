//! The `leat` binary: hands its arguments to [`leat_cli::run`] and exits with its status.

fn main() {
    let status = leat_cli::run(std::env::args_os().skip(1).collect());
    std::process::exit(status);
}
