//! `leat.Client` and `leat.AsyncClient`: the contract's constructor arguments turned into the
//! core's builder, and which core client each call runs with.
//!
//! A client has one core client per process (rebuilt in a child after a fork), which async
//! calls use on the shared runtime; a blocking call runs on its thread's own runtime with that
//! thread's own core client (its own connections), which shares the first one's credentials
//! and OAuth token cache. `with_options` makes a view: the same clients, other settings, and a
//! lifetime of its own: closing a view ends only its calls (and those of views made from it),
//! never the client's; closing the client ends every view's.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyString};
use thread_local::ThreadLocal;

use crate::blocking;
use crate::calls::{self, coroutine};
use crate::errors::{named, to_py_err};
use crate::operations::{self, Answer};
use crate::runtime;

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

/// Adds `proxy=` to `builder`: a URL sends every request through that proxy, `False` none at
/// all (`None`, the default, leaves the environment's proxy variables in charge).
fn with_proxy(
    builder: leat::ClientBuilder,
    proxy: &Bound<'_, PyAny>,
) -> PyResult<leat::ClientBuilder> {
    if let Ok(url) = proxy.cast::<PyString>() {
        return Ok(builder.proxy(url.to_cow()?.into_owned()));
    }
    if proxy.is_instance_of::<PyBool>() && !proxy.is_truthy()? {
        return Ok(builder.no_proxy());
    }
    Err(PyTypeError::new_err(format!(
        "proxy must be a URL such as \"http://proxy.example.com:3128\", or False for no proxy, \
         got {}",
        proxy.get_type().name()?
    )))
}

/// A timeout in seconds: greater than zero; `float("inf")` means no practical limit. The
/// core says what is allowed.
fn seconds(py: Python<'_>, argument: &str, value: f64) -> PyResult<std::time::Duration> {
    leat::host::duration(argument, value, 1.0, "seconds").map_err(|err| to_py_err(py, err))
}

/// A count such as `max_retries` as Python gives it: any `int`, however large (`None` when it
/// does not fit in 64 bits). The core says what is allowed.
pub(crate) struct Count(Option<i64>);

impl<'a, 'py> FromPyObject<'a, 'py> for Count {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<i64>() {
            Ok(value) => Ok(Count(Some(value))),
            Err(err) if err.is_instance_of::<PyOverflowError>(obj.py()) => Ok(Count(None)),
            Err(err) => Err(err),
        }
    }
}

/// A count such as `max_retries`; the core says what is allowed.
fn count(py: Python<'_>, argument: &str, value: Count) -> PyResult<u32> {
    leat::host::count(argument, value.0.map(|v| v as f64)).map_err(|err| to_py_err(py, err))
}

/// What a `Client` or `AsyncClient`, and every view of it, shares.
pub(crate) struct Handle {
    builder: leat::ClientBuilder,
    base_url: String,
    /// The core client of this process (fork generation).
    root: Mutex<Option<(u64, leat::Client)>>,
    /// Each thread's core client for blocking calls, made from `root` with its own pool.
    threads: ThreadLocal<RefCell<Option<(u64, leat::Client)>>>,
    closed: AtomicBool,
}

impl Handle {
    fn closed(&self, py: Python<'_>) -> PyResult<()> {
        if self.closed.load(Ordering::Acquire) {
            return Err(named(
                py,
                "ConfigurationError",
                "this client is closed; create a new one".into(),
            ));
        }
        Ok(())
    }

    /// The core client of this process, for async calls.
    fn root(&self, py: Python<'_>) -> PyResult<leat::Client> {
        self.closed(py)?;
        let generation = runtime::generation();
        let mut root = self.root.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((made_in, client)) = root.as_ref() {
            if *made_in == generation {
                return Ok(client.clone());
            }
        }
        // Made in the parent: its connections belong to the parent's runtime.
        if let Some(inherited) = root.take() {
            std::mem::forget(inherited);
        }
        let client = self
            .builder
            .clone()
            .build()
            .map_err(|err| to_py_err(py, err))?;
        *root = Some((generation, client.clone()));
        Ok(client)
    }

    /// This thread's core client, for blocking calls on this thread's runtime.
    fn for_this_thread(&self, py: Python<'_>) -> PyResult<leat::Client> {
        self.closed(py)?;
        let generation = runtime::generation();
        let slot = self.threads.get_or(|| RefCell::new(None));
        if let Some((made_in, client)) = slot.borrow().as_ref() {
            if *made_in == generation {
                return Ok(client.clone());
            }
        }
        let client = self
            .root(py)?
            .with_new_pool()
            .map_err(|err| to_py_err(py, err))?;
        if let Some(inherited) = slot.replace(Some((generation, client.clone()))) {
            std::mem::forget(inherited);
        }
        Ok(client)
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let root = self
            .root
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let own = self.threads.get().and_then(|slot| slot.borrow_mut().take());
        let generation = runtime::generation();
        if let Some((made_in, client)) = root {
            if made_in == generation {
                let _inside = runtime::shared().enter();
                drop(client);
            } else {
                std::mem::forget(client);
            }
        }
        if let Some((made_in, client)) = own {
            if made_in == generation {
                runtime::with_own(|runtime| {
                    let _inside = runtime.enter();
                    drop(client);
                });
            } else {
                std::mem::forget(client);
            }
        }
    }
}

/// Whether a view was closed: by its own `close()`, or the view it was made from.
pub(crate) struct ViewLife {
    closed: AtomicBool,
    parent: Option<Arc<ViewLife>>,
}

impl ViewLife {
    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire) || self.parent.as_ref().is_some_and(|p| p.is_closed())
    }
}

/// A client or a view of it: the shared handle, and a view's own settings and lifetime.
#[derive(Clone)]
pub(crate) struct Target {
    handle: Arc<Handle>,
    options: Option<leat::RequestOptions>,
    /// `None` for the client itself.
    life: Option<Arc<ViewLife>>,
}

impl Target {
    /// Refuses a call through a view that was closed (the client's own closing is the
    /// handle's to refuse).
    fn open(&self, py: Python<'_>) -> PyResult<()> {
        if self.life.as_ref().is_some_and(|life| life.is_closed()) {
            return Err(named(
                py,
                "ConfigurationError",
                "this view of the client (made by with_options) is closed; the client itself \
                 is still open: call through it, or make another view"
                    .into(),
            ));
        }
        Ok(())
    }

    fn is_closed(&self) -> bool {
        self.handle.closed.load(Ordering::Acquire)
            || self.life.as_ref().is_some_and(|life| life.is_closed())
    }

    /// Closes a view alone, or the client (its connections, and so every view).
    fn close(&self) {
        match &self.life {
            Some(life) => life.closed.store(true, Ordering::Release),
            None => self.handle.close(),
        }
    }

    fn view(&self, py: Python<'_>, client: leat::Client) -> PyResult<leat::Client> {
        match self.options {
            Some(options) => client
                .with_options(options)
                .map_err(|err| to_py_err(py, err)),
            None => Ok(client),
        }
    }

    /// The core client a blocking call on this thread runs with.
    pub(crate) fn blocking(&self, py: Python<'_>) -> PyResult<leat::Client> {
        let client = self.handle.for_this_thread(py)?;
        self.open(py)?;
        self.view(py, client)
    }

    /// The core client an async call runs with.
    pub(crate) fn asynchronous(&self, py: Python<'_>) -> PyResult<leat::Client> {
        let client = self.handle.root(py)?;
        self.open(py)?;
        self.view(py, client)
    }

    fn with_options(
        &self,
        py: Python<'_>,
        timeout: Option<f64>,
        max_retries: Option<Count>,
    ) -> PyResult<Target> {
        let mut options = self.options.unwrap_or_default();
        if let Some(timeout) = timeout {
            options.timeout = Some(seconds(py, "timeout", timeout)?);
        }
        if let Some(retries) = max_retries {
            options.max_retries = Some(count(py, "max_retries", retries)?);
        }
        Ok(Target {
            handle: self.handle.clone(),
            options: Some(options),
            life: Some(Arc::new(ViewLife {
                closed: AtomicBool::new(false),
                parent: self.life.clone(),
            })),
        })
    }

    fn repr(&self, class: &str) -> String {
        let mut settings = String::new();
        if let Some(options) = self.options {
            if let Some(timeout) = options.timeout {
                settings.push_str(&format!(" timeout={}", timeout.as_secs_f64()));
            }
            if let Some(retries) = options.max_retries {
                settings.push_str(&format!(" max_retries={retries}"));
            }
        }
        let closed = if self.is_closed() { " closed" } else { "" };
        format!(
            "<leat.{class} base_url={:?}{settings}{closed}>",
            self.handle.base_url
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    api_key: Option<String>,
    access_token: Option<String>,
    client_id: Option<ClientId>,
    client_secret: Option<String>,
    base_url: Option<String>,
    timeout: f64,
    connect_timeout: f64,
    max_retries: Count,
    partner_id: Option<String>,
    ca_bundle: Option<&Bound<'_, PyAny>>,
    proxy: Option<&Bound<'_, PyAny>>,
) -> PyResult<Target> {
    let mut builder = leat::Client::builder()
        .timeout(seconds(py, "timeout", timeout)?)
        .connect_timeout(seconds(py, "connect_timeout", connect_timeout)?)
        .max_retries(count(py, "max_retries", max_retries)?)
        .user_agent_suffix(python_version(py))
        .ca_option_name(CA_OPTION);
    if let Some(ca_bundle) = ca_bundle {
        builder = with_ca_bundle(builder, ca_bundle)?;
    }
    if let Some(proxy) = proxy {
        builder = with_proxy(builder, proxy)?;
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
    Ok(Target {
        handle: Arc::new(Handle {
            builder,
            base_url: client.base_url().to_owned(),
            root: Mutex::new(Some((runtime::generation(), client))),
            threads: ThreadLocal::new(),
            closed: AtomicBool::new(false),
        }),
        options: None,
        life: None,
    })
}

fn python_version(py: Python<'_>) -> String {
    let version = py.version_info();
    format!(
        "python/{}.{}.{}",
        version.major, version.minor, version.patch
    )
}

/// Generates the `#[pymethods]` of `Client` or `AsyncClient`: the shared constructor,
/// `base_url` and `with_options`, plus the class's own methods.
macro_rules! client_methods {
    ($class:ident { $($own:tt)* }) => {
        #[pymethods]
        impl $class {
            #[new]
            // The text signature says `max_retries=2`, which the default below is; stubtest
            // checks it against `_native.pyi`.
            #[pyo3(signature = (api_key=None, *, access_token=None, client_id=None,
                client_secret=None, base_url=None, timeout=30.0, connect_timeout=10.0,
                max_retries=Count(Some(2)), partner_id=None, ca_bundle=None, proxy=None),
                text_signature = "(api_key=None, *, access_token=None, client_id=None, \
                client_secret=None, base_url=None, timeout=30.0, connect_timeout=10.0, \
                max_retries=2, partner_id=None, ca_bundle=None, proxy=None)")]
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
                max_retries: Count,
                partner_id: Option<String>,
                ca_bundle: Option<Bound<'_, PyAny>>,
                proxy: Option<Bound<'_, PyAny>>,
            ) -> PyResult<Self> {
                let target = build(
                    py, api_key, access_token, client_id, client_secret, base_url, timeout,
                    connect_timeout, max_retries, partner_id, ca_bundle.as_ref(), proxy.as_ref(),
                )?;
                Ok(Self { target })
            }

            /// The base URL requests go to.
            #[getter]
            fn base_url(&self) -> &str {
                &self.target.handle.base_url
            }

            /// A client whose calls use these settings instead (``timeout`` in seconds;
            /// ``None`` keeps this client's), sharing its connections, credentials and OAuth
            /// token. The settings are checked as the constructor checks them. Closing the
            /// view (``close()``, or leaving its ``with`` block) ends only the view's calls;
            /// closing this client ends the view's too.
            #[pyo3(signature = (*, timeout=None, max_retries=None))]
            fn with_options(
                &self,
                py: Python<'_>,
                timeout: Option<f64>,
                max_retries: Option<Count>,
            ) -> PyResult<Self> {
                let target = self.target.with_options(py, timeout, max_retries)?;
                Ok(Self { target })
            }

            fn __repr__(&self) -> String {
                self.target.repr(stringify!($class))
            }

            $($own)*
        }
    };
}

/// A blocking Leat client, safe to share between threads (and across ``os.fork()``). Every
/// call releases the GIL while it waits, on a runtime of the calling thread's own.
///
/// Credentials: ``api_key`` (a personal access token, Leat's preferred way), a ready
/// ``access_token``, or ``client_id`` + ``client_secret`` (OAuth client credentials: the
/// client fetches, caches and renews the token itself); with none, ``LEAT_API_KEY`` is read.
/// ``base_url`` defaults to ``LEAT_BASE_URL``, else ``https://api.piggy.eu``. ``timeout``
/// bounds each whole call, retries and waits included (seconds; ``float("inf")`` for no
/// practical limit); ``connect_timeout`` each connection attempt; ``max_retries`` how often a
/// failed attempt may be repeated when that is safe. ``partner_id`` is sent as
/// ``X-Partner-ID``. ``ca_bundle``: CA certificates to trust besides the system's roots (a PEM
/// file's path, or PEM text). ``proxy``: a proxy URL for every request, or ``False`` for
/// none; by default ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` are
/// honoured. A bad setting raises ``ConfigurationError``.
#[pyclass(frozen, module = "leat", name = "Client")]
pub struct Client {
    target: Target,
}

client_methods!(Client {
    /// Calls the operation with this id (``"contacts.get"``) with keyword arguments named as on
    /// the wire, and returns the answer's data as Python data (``(data, page)`` for a list
    /// that pages). The methods of ``leat.resources`` call this; it is the way to an
    /// operation by id.
    #[pyo3(signature = (operation, /, **args))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        args: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let op = operations::operation(operation)?;
        let args = operations::args(args)?;
        let client = self.target.blocking(py)?;
        blocking::call(py, async move {
            client.request_op(op, args, leat::Naming::Wire).await.map(Answer::plain)
        })
    }

    /// ``call``, answering ``(data, page or None, status, headers, body)``: the HTTP answer
    /// too, for ``with_raw_response``.
    #[pyo3(signature = (operation, /, **args))]
    fn call_raw<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        args: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let op = operations::operation(operation)?;
        let args = operations::args(args)?;
        let client = self.target.blocking(py)?;
        blocking::call(py, async move {
            client
                .request_op(op, args, leat::Naming::Wire)
                .with_response()
                .await
                .map(Answer::raw)
        })
    }

    /// Releases the connections; later calls raise ``ConfigurationError``. On a view made by
    /// ``with_options``, closes only the view: the client and its other views keep working.
    fn close(&self) {
        self.target.close();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, pyo3::types::PyTuple>) {
        self.target.close();
    }
});

/// An asyncio Leat client: every call is a coroutine, cancelled with its task. One client
/// serves every event loop of the process. Takes the same arguments as ``Client``.
#[pyclass(frozen, module = "leat", name = "AsyncClient")]
pub struct AsyncClient {
    target: Target,
}

client_methods!(AsyncClient {
    /// ``Client.call`` as a coroutine: nothing starts until it runs, and cancelling its task
    /// cancels the call.
    #[pyo3(signature = (operation, /, **args))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        args: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let op = operations::operation(operation)?;
        let args = operations::args(args)?;
        let client = self.target.asynchronous(py)?;
        coroutine(py, async move {
            client.request_op(op, args, leat::Naming::Wire).await.map(Answer::plain)
        })
    }

    /// ``Client.call_raw`` as a coroutine.
    #[pyo3(signature = (operation, /, **args))]
    fn call_raw<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        args: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let op = operations::operation(operation)?;
        let args = operations::args(args)?;
        let client = self.target.asynchronous(py)?;
        coroutine(py, async move {
            client
                .request_op(op, args, leat::Naming::Wire)
                .with_response()
                .await
                .map(Answer::raw)
        })
    }

    /// Releases the connections: ``await client.close()``. On a view made by
    /// ``with_options``, closes only the view: the client and its other views keep working.
    fn close<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.target.close();
        calls::ready(py, py.None())
    }

    fn __aenter__<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        calls::ready(py, slf.into_any().unbind())
    }

    #[pyo3(signature = (*_args))]
    fn __aexit__<'py>(
        &self,
        py: Python<'py>,
        _args: &Bound<'py, pyo3::types::PyTuple>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.target.close();
        calls::ready(py, py.None())
    }
});
