//! `leat.testing.MockServer`: the core's `leat-mock` running inside the extension.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use crate::json;
use crate::runtime::shared as runtime;

/// A local, stateful stand-in for the Leat API on 127.0.0.1 with a free port, for tests and
/// offline work: ``with MockServer() as mock:``. Credentials are random unless given;
/// ``token_ttl`` (seconds) is how long issued OAuth tokens live; ``webhook_secret`` signs
/// deliveries to subscriptions made without a secret; ``delivery_backoff`` (seconds) is the
/// first wait before a failed delivery is retried. ``tls=True`` serves HTTPS at
/// ``https://localhost:PORT`` with a certificate signed by a private CA made at start; trust
/// it with ``ca_bundle=mock.ca_pem``. ``seed`` makes uuids and ids the same on every run (and
/// after ``reset()``); ``state`` is an account description (a dict, or the path of a JSON file)
/// to start from instead of the default account.
#[pyclass(module = "leat.testing", name = "MockServer")]
pub struct MockServer {
    config: leat_mock::MockConfig,
    server: Mutex<Option<Arc<leat_mock::MockServer>>>,
}

impl MockServer {
    /// Runs `f` on the running server, without holding the lock while it runs.
    fn with_server<T>(&self, f: impl FnOnce(&leat_mock::MockServer) -> T) -> PyResult<T> {
        let server = self
            .server
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        server.as_deref().map(f).ok_or_else(|| {
            PyRuntimeError::new_err(
                "the mock server is not running; call start() or use it in a `with` block",
            )
        })
    }
}

#[pymethods]
impl MockServer {
    #[new]
    #[pyo3(signature = (*, api_key=None, client_id=None, client_secret=None, token_ttl=None,
        webhook_secret=None, delivery_backoff=None, tls=false, seed=None, state=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        api_key: Option<String>,
        client_id: Option<String>,
        client_secret: Option<String>,
        token_ttl: Option<f64>,
        webhook_secret: Option<String>,
        delivery_backoff: Option<f64>,
        tls: bool,
        seed: Option<u64>,
        state: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let seconds = |name: &str, value: Option<f64>| {
            value
                .map(|s| {
                    Duration::try_from_secs_f64(s).map_err(|_| {
                        PyValueError::new_err(format!("{name} must be seconds >= 0, got {s}"))
                    })
                })
                .transpose()
        };
        Ok(MockServer {
            config: leat_mock::MockConfig {
                api_key,
                client_id,
                client_secret,
                token_ttl: seconds("token_ttl", token_ttl)?,
                webhook_secret,
                delivery_backoff: seconds("delivery_backoff", delivery_backoff)?,
                tls,
                seed,
                state: state.map(account_value).transpose()?,
                ..Default::default()
            },
            server: Mutex::new(None),
        })
    }

    /// Starts the server (once); returns itself.
    fn start(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        let py = slf.py();
        {
            let this = slf.borrow();
            let mut slot = this.server.lock().unwrap_or_else(|p| p.into_inner());
            if slot.is_none() {
                let config = this.config.clone();
                let started =
                    py.detach(|| runtime().block_on(leat_mock::MockServer::start_with(config)));
                let started = started.map_err(|err| {
                    // A bad account description (`state=`) is the caller's input.
                    if err.kind() == std::io::ErrorKind::InvalidInput {
                        PyValueError::new_err(format!("the mock server could not start: {err}"))
                    } else {
                        PyRuntimeError::new_err(format!("the mock server could not start: {err}"))
                    }
                })?;
                *slot = Some(Arc::new(started));
            }
        }
        Ok(slf)
    }

    /// Stops the server; its port is freed.
    fn stop(&self) {
        let taken = self.server.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(server) = taken {
            let _inside = runtime().enter();
            drop(server);
        }
    }

    fn __enter__(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        MockServer::start(slf)
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, PyTuple>) {
        self.stop();
    }

    /// Where the server listens, e.g. `http://127.0.0.1:54321`, or `https://localhost:54321`
    /// with `tls=True`.
    #[getter]
    fn url(&self) -> PyResult<String> {
        self.with_server(|s| s.url().to_owned())
    }

    /// With `tls=True`, the PEM certificate of the private CA that signed the server's
    /// certificate (pass it as `ca_bundle=`); otherwise `None`.
    #[getter]
    fn ca_pem(&self) -> PyResult<Option<String>> {
        self.with_server(|s| s.ca_certificate_pem().map(str::to_owned))
    }

    /// The API key the server accepts.
    #[getter]
    fn api_key(&self) -> PyResult<String> {
        self.with_server(|s| s.api_key().to_owned())
    }

    /// The OAuth client id the server accepts.
    #[getter]
    fn client_id(&self) -> PyResult<String> {
        self.with_server(|s| s.client_id().to_owned())
    }

    /// The OAuth client secret the server accepts.
    #[getter]
    fn client_secret(&self) -> PyResult<String> {
        self.with_server(|s| s.client_secret().to_owned())
    }

    /// The account's webhook secret, for subscriptions created without one.
    #[getter]
    fn webhook_secret(&self) -> PyResult<String> {
        self.with_server(|s| s.webhook_secret().to_owned())
    }

    /// POSTs a signed `{"type", "data"}` to every ACTIVE subscription of `event_type` (on
    /// this machine), retrying failing receivers up to 5 times; returns one dict per
    /// subscription (`uuid`, `url`, `status`, `attempts`) once all attempts have ended.
    #[pyo3(signature = (event_type, data=None))]
    fn trigger<'py>(
        &self,
        py: Python<'py>,
        event_type: String,
        data: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let data = match data {
            Some(value) => json::from_py(value)?,
            None => serde_json::json!({}),
        };
        let deliveries = self.with_server(|server| {
            // The receiver may be Python code in this process: let it run.
            py.detach(|| runtime().block_on(server.trigger(&event_type, data)))
        })?;
        let list = PyList::empty(py);
        for delivery in deliveries {
            let dict = PyDict::new(py);
            dict.set_item("uuid", delivery.uuid)?;
            dict.set_item("url", delivery.url)?;
            dict.set_item("status", delivery.status)?;
            dict.set_item("attempts", delivery.attempts)?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// Queues faults for the next requests: dicts such as `{"status": 503}`,
    /// `{"delay_ms": 500}`, `{"drop": True}`, `{"malformed": True}` (see `leat.testing.Fault`).
    fn script(&self, faults: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = json::from_py(faults)?.to_string();
        let faults = leat_mock::Fault::from_json(&text).map_err(PyValueError::new_err)?;
        self.with_server(|s| s.script(faults))
    }

    /// Every request received so far: dicts with method, path, query, headers and body.
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let requests = self.with_server(|s| s.requests())?;
        let list = PyList::empty(py);
        for request in requests {
            let dict = PyDict::new(py);
            dict.set_item("method", request.method)?;
            dict.set_item("path", request.path)?;
            dict.set_item("query", request.query)?;
            let headers = PyDict::new(py);
            for (name, value) in request.headers {
                headers.set_item(name, value)?;
            }
            dict.set_item("headers", headers)?;
            dict.set_item("body", PyBytes::new(py, &request.body))?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// Forgets the requests received so far.
    fn clear_requests(&self) -> PyResult<()> {
        self.with_server(|s| s.clear_requests())
    }

    /// The subscriptions stored, as the API would return them.
    fn subscriptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let stored = self.with_server(|s| s.subscriptions())?;
        let list = PyList::empty(py);
        for item in &stored {
            list.append(json::to_py(py, item)?)?;
        }
        Ok(list)
    }

    /// How many times `/oauth/token` was asked.
    fn token_requests(&self) -> PyResult<usize> {
        self.with_server(|s| s.token_requests())
    }

    /// Makes every access token issued so far invalid.
    fn expire_tokens(&self) -> PyResult<()> {
        self.with_server(|s| s.expire_tokens())
    }

    /// Back to the starting account (the ``state`` given, or the default one): every entity,
    /// subscription, request, queued fault and delivery forgotten; with a ``seed``, the same
    /// uuids again.
    fn reset(&self) -> PyResult<()> {
        self.with_server(|s| s.reset())
    }

    /// Replaces the account with ``account`` (a dict, or the path of a JSON file), which
    /// ``reset()`` then returns to; ``ValueError`` names what in it is wrong.
    fn load_state(&self, account: &Bound<'_, PyAny>) -> PyResult<()> {
        let account = account_value(account)?;
        self.with_server(|s| s.load_state(&account))?
            .map_err(|err| PyValueError::new_err(err.to_string()))
    }

    /// The entities the mock keeps for ``collection`` (``"contacts"``, ``"vouchers"``, ...), as
    /// the API returns them.
    fn entities<'py>(&self, py: Python<'py>, collection: &str) -> PyResult<Bound<'py, PyList>> {
        let entities = self.with_server(|s| s.entities(collection))?;
        let list = PyList::empty(py);
        for item in &entities {
            list.append(json::to_py(py, item)?)?;
        }
        Ok(list)
    }

    /// The webhook deliveries that have ended, oldest first: dicts with ``event_type``,
    /// ``subscription_uuid``, ``url``, ``body`` (the signed text), ``signature``, ``status``
    /// (``None`` when the receiver never answered) and ``attempts``. Deliveries are sent in the
    /// background, as Leat sends them: with ``wait`` (seconds), waits until ``count`` (default
    /// 1) have ended, or ``wait`` has passed.
    #[pyo3(signature = (*, wait=None, count=None))]
    fn deliveries<'py>(
        &self,
        py: Python<'py>,
        wait: Option<f64>,
        count: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let sent = match wait {
            None => self.with_server(|s| s.deliveries())?,
            Some(seconds) => {
                let timeout = Duration::try_from_secs_f64(seconds).map_err(|_| {
                    PyValueError::new_err(format!("wait must be seconds >= 0, got {seconds}"))
                })?;
                let count = count.unwrap_or(1);
                // The receiver may be Python code in this process: let it run while waiting.
                self.with_server(|s| {
                    py.detach(|| runtime().block_on(s.wait_for_deliveries(count, timeout)))
                })?
            }
        };
        let list = PyList::empty(py);
        for delivery in &sent {
            let value = serde_json::to_value(delivery)
                .map_err(|err| PyRuntimeError::new_err(err.to_string()))?;
            list.append(json::to_py(py, &value)?)?;
        }
        Ok(list)
    }

    fn __repr__(&self) -> String {
        match self.with_server(|s| s.url().to_owned()) {
            Ok(url) => format!("<leat.testing.MockServer {url}>"),
            Err(_) => "<leat.testing.MockServer stopped>".into(),
        }
    }
}

/// An account description given as a dict, or as the path (text or `os.PathLike`) of a JSON
/// file.
fn account_value(account: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    if account.is_instance_of::<pyo3::types::PyDict>() {
        return json::from_py(account);
    }
    let path: std::path::PathBuf = account.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "an account description is a dict or the path of a JSON file, got {}",
            account
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let text = std::fs::read_to_string(&path).map_err(|err| {
        PyValueError::new_err(format!(
            "cannot read the account file {}: {err}",
            path.display()
        ))
    })?;
    serde_json::from_str(&text).map_err(|err| {
        PyValueError::new_err(format!(
            "the account file {} is not JSON: {err}",
            path.display()
        ))
    })
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop();
    }
}
