//! Ctrl-C and SIGTERM: the CLI owns the process while it runs, so it handles them itself, in
//! every host (the binary, Python, Node), instead of leaving them to the host's handlers,
//! which never run while native code holds the thread.

/// Which stop request arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Ctrl-C (SIGINT).
    Interrupt,
    /// SIGTERM.
    Terminate,
}

impl Stop {
    /// The conventional exit status after this signal: 128 + its number.
    pub fn exit_code(self) -> i32 {
        match self {
            Stop::Interrupt => 130,
            Stop::Terminate => 143,
        }
    }
}

/// Listening for Ctrl-C and, on Unix, SIGTERM, from the moment it is made.
pub(crate) struct Listener {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl Listener {
    /// Starts listening; must be called inside the runtime.
    pub fn new() -> Listener {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Listener {
                interrupt: signal(SignalKind::interrupt()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        Listener {}
    }

    /// The next stop request. Never returns if none can be listened for.
    pub async fn stopped(&mut self) -> Stop {
        #[cfg(unix)]
        {
            async fn next(signal: &mut Option<tokio::signal::unix::Signal>) -> Option<()> {
                signal.as_mut()?.recv().await
            }
            tokio::select! {
                Some(()) = next(&mut self.interrupt) => Stop::Interrupt,
                Some(()) = next(&mut self.terminate) => Stop::Terminate,
                else => std::future::pending().await,
            }
        }
        #[cfg(not(unix))]
        match tokio::signal::ctrl_c().await {
            Ok(()) => Stop::Interrupt,
            Err(_) => std::future::pending().await,
        }
    }
}
