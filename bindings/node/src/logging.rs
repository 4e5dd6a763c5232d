//! `LEAT_LOG`: when set, the core's per-attempt `tracing` events are written to stderr.

use tracing_subscriber::EnvFilter;

/// The environment variable read when the addon loads.
const ENV_LOG: &str = "LEAT_LOG";

/// Installs a stderr subscriber filtered by `LEAT_LOG`, once, when the variable is set. A bare
/// level (`debug`, `info`, `trace`, ...) applies to the SDK's own events (target `leat`); any
/// other value is read as a full filter such as `leat=trace,leat_mock=debug`.
pub(crate) fn install() {
    let Ok(value) = std::env::var(ENV_LOG) else {
        return;
    };
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let directives = if is_level(value) {
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
            "leat-sdk: {ENV_LOG}={value:?} is not a log filter ({err}); use e.g. debug, info, \
             trace or leat=debug. Logging stays off."
        ),
    }
}

fn is_level(value: &str) -> bool {
    ["error", "warn", "info", "debug", "trace", "off"]
        .iter()
        .any(|level| value.eq_ignore_ascii_case(level))
}
