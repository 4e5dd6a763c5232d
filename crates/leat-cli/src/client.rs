//! Building the `leat::Client` from the command line and the environment, the way the
//! Leat clients read them. The core checks every value; this only decides which ones to
//! hand it.

use crate::cli::ConnectionArgs;
use crate::exit::{ExitStatus, Failure};

/// OAuth client id read when no credential is given on the command line.
pub(crate) const ENV_CLIENT_ID: &str = "LEAT_CLIENT_ID";
/// OAuth client secret read when no credential is given on the command line.
pub(crate) const ENV_CLIENT_SECRET: &str = "LEAT_CLIENT_SECRET";

/// Where the settings come from, for the advice on a configuration error.
const SETTINGS_HINT: &str = "the command line takes --api-key or --client-id/--client-secret \
and --base-url, the environment LEAT_API_KEY or LEAT_CLIENT_ID/LEAT_CLIENT_SECRET and \
LEAT_BASE_URL";

/// An environment variable's value, unless unset or blank (as the core reads its own).
pub(crate) fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The client for `leat subscriptions`.
///
/// Credentials given on the command line win and the environment's are then ignored, except
/// that `--client-id` and `--client-secret` each fall back to their own variable. With none on
/// the command line, `LEAT_CLIENT_ID`/`LEAT_CLIENT_SECRET` are handed over when set (together
/// with `LEAT_API_KEY` if that is set too, so the core refuses the ambiguity), else the core
/// reads `LEAT_API_KEY` itself. The core also reads `LEAT_BASE_URL` when `--base-url` is absent.
pub(crate) fn build(args: &ConnectionArgs) -> Result<leat::Client, Failure> {
    let mut builder = leat::Client::builder().user_agent_suffix("cli");
    let flags = args.api_key.is_some() || args.client_id.is_some() || args.client_secret.is_some();
    if flags {
        if let Some(key) = &args.api_key {
            builder = builder.api_key(key);
        }
        if args.client_id.is_some() || args.client_secret.is_some() {
            if let Some(id) = args.client_id.clone().or_else(|| env_var(ENV_CLIENT_ID)) {
                builder = builder.client_id(id);
            }
            if let Some(secret) = args
                .client_secret
                .clone()
                .or_else(|| env_var(ENV_CLIENT_SECRET))
            {
                builder = builder.client_secret(secret);
            }
        }
    } else {
        let id = env_var(ENV_CLIENT_ID);
        let secret = env_var(ENV_CLIENT_SECRET);
        if id.is_some() || secret.is_some() {
            if let Some(id) = id {
                builder = builder.client_id(id);
            }
            if let Some(secret) = secret {
                builder = builder.client_secret(secret);
            }
            if let Some(key) = env_var(leat::ENV_API_KEY) {
                builder = builder.api_key(key);
            }
        }
    }
    if let Some(url) = &args.base_url {
        builder = builder.base_url(url);
    }
    if let Some(timeout) = args.timeout {
        builder = builder.timeout(timeout);
    }
    builder.build().map_err(|err| {
        let failure = Failure::from(err);
        if failure.status == ExitStatus::Usage && failure.report.class == "ConfigurationError" {
            failure.hint(SETTINGS_HINT)
        } else {
            failure
        }
    })
}
