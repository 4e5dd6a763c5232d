//! `LEAT_LOG`: when set, the core's per-attempt log events go to stderr, as in the Python
//! and Node packages.

use tracing_subscriber::EnvFilter;

/// The environment variable that turns logging on.
const ENV_LOG: &str = "LEAT_LOG";

/// Installs a stderr subscriber filtered by `LEAT_LOG` when it is set. A bare level
/// (`debug`, `info`, ...) applies to the SDK's events (target `leat`); anything else is read
/// as a full filter such as `leat=trace`. Does nothing when a host already installed one.
pub(crate) fn install() {
    let Some(value) = crate::client::env_var(ENV_LOG) else {
        return;
    };
    let value = value.trim();
    let level = ["error", "warn", "info", "debug", "trace", "off"]
        .iter()
        .any(|level| value.eq_ignore_ascii_case(level));
    let directives = if level {
        format!("leat={value}")
    } else {
        value.to_owned()
    };
    match EnvFilter::try_new(&directives) {
        Ok(filter) => {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(std::io::stderr)
                .try_init();
        }
        Err(err) => eprintln!(
            "leat: {ENV_LOG}={value:?} is not a log filter ({err}); use e.g. debug, info or \
             leat=trace. Logging stays off."
        ),
    }
}
