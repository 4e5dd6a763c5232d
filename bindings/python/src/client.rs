//! `leat.Client` and `leat.AsyncClient`: the contract's constructor arguments turned into the
//! core's builder, and the core client kept per process (rebuilt in a child after a fork).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::errors::{named, to_py_err};
use crate::runtime;
use crate::webhook_subscriptions::{AsyncWebhookSubscriptions, WebhookSubscriptions};

/// A client id as users copy it: Leat's ids are numbers, often written as strings.
#[derive(FromPyObject)]
pub(crate) enum ClientId {
    Number(u64),
    Text(String),
}

/// How the core's messages name `ca_bundle=` (for a server certificate it refuses).
const CA_OPTION: &str = "ca_bundle= (a PEM file's path, or PEM text)";

/// Adds `ca_bundle=` to `builder`: PEM text (`bytes`, or a `str` holding a `-----BEGIN`
/// line), or the path of a PEM file (any other `str`, or an `os.PathLike`).
fn with_ca_bundle(
    builder: leat::ClientBuilder,
    ca_bundle: &Bound<'_, PyAny>,
) -> PyResult<leat::ClientBuilder> {
    if let Ok(pem) = ca_bundle.cast::<PyBytes>() {
        return Ok(builder.add_root_certificate(pem.as_bytes()));
    }
    if let Ok(text) = ca_bundle.cast::<PyString>() {
        let text = text.to_cow()?;
        return Ok(if text.contains("-----BEGIN") {
            builder.add_root_certificate(text.as_bytes())
        } else {
            builder.ca_bundle_file(text.as_ref())
        });
    }
    match ca_bundle.extract::<PathBuf>() {
        Ok(path) => Ok(builder.ca_bundle_file(path)),
        Err(_) => Err(PyTypeError::new_err(format!(
            "ca_bundle must be a PEM file's path (str or os.PathLike) or PEM text (str or \
             bytes), got {}",
            ca_bundle.get_type().name()?
        ))),
    }
}

/// What a `Client` or `AsyncClient` shares with its resources.
pub(crate) struct Handle {
    builder: leat::ClientBuilder,
    base_url: String,
    current: Mutex<Option<(u32, leat::Client)>>,
    closed: AtomicBool,
}

impl Handle {
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        access_token: Option<String>,
        client_id: Option<ClientId>,
        client_secret: Option<String>,
        base_url: Option<String>,
        timeout: f64,
        connect_timeout: f64,
        max_retries: u32,
        partner_id: Option<String>,
        ca_bundle: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Arc<Handle>> {
        let mut builder = leat::Client::builder()
            .timeout(seconds(py, "timeout", timeout)?)
            .connect_timeout(seconds(py, "connect_timeout", connect_timeout)?)
            .max_retries(max_retries)
            .user_agent_suffix(python_version(py))
            .ca_option_name(CA_OPTION);
        if let Some(ca_bundle) = ca_bundle {
            builder = with_ca_bundle(builder, ca_bundle)?;
        }
        if let Some(key) = api_key {
            builder = builder.api_key(key);
        }
        if let Some(token) = access_token {
            builder = builder.access_token(token);
        }
        match client_id {
            Some(ClientId::Number(id)) => builder = builder.client_id(id),
            Some(ClientId::Text(id)) => builder = builder.client_id(id),
            None => {}
        }
        if let Some(secret) = client_secret {
            builder = builder.client_secret(secret);
        }
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        if let Some(partner) = partner_id {
            builder = builder.partner_id(partner);
        }
        let client = builder.clone().build().map_err(|err| to_py_err(py, err))?;
        crate::logging::reread_levels();
        Ok(Arc::new(Handle {
            builder,
            base_url: client.base_url().to_owned(),
            current: Mutex::new(Some((std::process::id(), client))),
            closed: AtomicBool::new(false),
        }))
    }

    /// The core client of this process.
    pub(crate) fn client(&self, py: Python<'_>) -> PyResult<leat::Client> {
        if self.closed.load(Ordering::Acquire) {
            return Err(named(
                py,
                "ConfigurationError",
                "this client is closed; create a new one".into(),
            ));
        }
        let pid = std::process::id();
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((owner, client)) = current.as_ref() {
            if *owner == pid {
                return Ok(client.clone());
            }
        }
        // Built in the parent: its connections belong to the parent's runtime.
        if let Some(stale) = current.take() {
            std::mem::forget(stale);
        }
        let client = self
            .builder
            .clone()
            .build()
            .map_err(|err| to_py_err(py, err))?;
        *current = Some((pid, client.clone()));
        Ok(client)
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let taken = self
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some((owner, client)) = taken {
            if owner == std::process::id() {
                let _inside = runtime::runtime().enter();
                drop(client);
            } else {
                std::mem::forget(client);
            }
        }
    }

    fn repr(&self, class: &str) -> String {
        format!(
            "<leat.{class} base_url={:?}{}>",
            self.base_url,
            if self.closed.load(Ordering::Acquire) {
                " closed"
            } else {
                ""
            }
        )
    }
}

fn seconds(py: Python<'_>, argument: &str, value: f64) -> PyResult<Duration> {
    // Negative and non-finite values cannot become a Duration; zero is the core's to refuse.
    Duration::try_from_secs_f64(value).map_err(|_| {
        named(
            py,
            "ConfigurationError",
            format!("{argument} must be a positive, finite number of seconds, got {value}"),
        )
    })
}

fn python_version(py: Python<'_>) -> String {
    let version = py.version_info();
    format!(
        "python/{}.{}.{}",
        version.major, version.minor, version.patch
    )
}

/// Generates the `#[pymethods]` of `Client` or `AsyncClient`: the shared constructor and
/// `base_url`, plus the class's own methods.
macro_rules! client_methods {
    ($class:ident { $($own:tt)* }) => {
        #[pymethods]
        impl $class {
            #[new]
            #[pyo3(signature = (api_key=None, *, access_token=None, client_id=None,
                client_secret=None, base_url=None, timeout=30.0, connect_timeout=10.0,
                max_retries=2, partner_id=None, ca_bundle=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                api_key: Option<String>,
                access_token: Option<String>,
                client_id: Option<ClientId>,
                client_secret: Option<String>,
                base_url: Option<String>,
                timeout: f64,
                connect_timeout: f64,
                max_retries: u32,
                partner_id: Option<String>,
                ca_bundle: Option<Bound<'_, PyAny>>,
            ) -> PyResult<Self> {
                let handle = Handle::new(
                    py, api_key, access_token, client_id, client_secret, base_url, timeout,
                    connect_timeout, max_retries, partner_id, ca_bundle.as_ref(),
                )?;
                Ok(Self { handle })
            }

            /// The base URL requests go to.
            #[getter]
            fn base_url(&self) -> &str {
                &self.handle.base_url
            }

            fn __repr__(&self) -> String {
                self.handle.repr(stringify!($class))
            }

            $($own)*
        }
    };
}

/// A blocking client; every call releases the GIL while it waits.
#[pyclass(frozen, module = "leat", name = "Client")]
pub struct Client {
    handle: Arc<Handle>,
}

client_methods!(Client {
    /// The account's webhook subscriptions.
    #[getter]
    fn webhook_subscriptions(&self) -> WebhookSubscriptions {
        WebhookSubscriptions::new(self.handle.clone())
    }

    /// Releases the connections; later calls raise `ConfigurationError`.
    fn close(&self) {
        self.handle.close();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, pyo3::types::PyTuple>) {
        self.handle.close();
    }
});

/// An asyncio client; every call is a coroutine.
#[pyclass(frozen, module = "leat", name = "AsyncClient")]
pub struct AsyncClient {
    handle: Arc<Handle>,
}

client_methods!(AsyncClient {
    /// The account's webhook subscriptions.
    #[getter]
    fn webhook_subscriptions(&self) -> AsyncWebhookSubscriptions {
        AsyncWebhookSubscriptions::new(self.handle.clone())
    }

    /// Releases the connections: `await client.close()`.
    fn close<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.handle.close();
        runtime::awaitable(py, async { Ok(None::<()>) })
    }

    fn __aenter__<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let client = slf.unbind();
        runtime::awaitable(py, async move { Ok(client) })
    }

    #[pyo3(signature = (*_args))]
    fn __aexit__<'py>(
        &self,
        py: Python<'py>,
        _args: &Bound<'py, pyo3::types::PyTuple>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.handle.close();
        runtime::awaitable(py, async { Ok(None::<()>) })
    }
});
