//! Settings for some calls only: a view of a client with another timeout or retry count,
//! sharing its connection pool and credentials.

use std::time::Duration;

/// Overrides for the calls made through [`Client::with_options`](crate::Client::with_options);
/// what is left `None` keeps the client's setting.
///
/// ```no_run
/// # async fn run(client: leat::Client) -> leat::Result<()> {
/// use std::time::Duration;
/// let quick = client.with_options(
///     leat::RequestOptions::new().timeout(Duration::from_secs(2)).max_retries(0),
/// )?;
/// let subscription = quick.webhook_subscriptions().get("59165ef0-1afd-4baf-b1f7-ffee287aff32").await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Bounds each whole call, retries and waits included.
    pub timeout: Option<Duration>,
    /// How many times a failed attempt may be repeated when that is safe.
    pub max_retries: Option<u32>,
}

impl RequestOptions {
    /// No overrides.
    #[must_use]
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Bounds each whole call, retries and waits included; must be greater than zero.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt may be repeated when that is safe.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }
}
