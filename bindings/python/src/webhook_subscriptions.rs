//! `client.webhook_subscriptions`: Python arguments turned into the core's parameters, the
//! core's results into Python objects; blocking for `Client`, awaitable for `AsyncClient`.

use std::sync::Arc;

use leat::{CreateParams, EventType, ListParams, Status, UpdateParams};
use pyo3::prelude::*;

use crate::client::Handle;
use crate::runtime::{awaitable, block_on};
use crate::subscription::WebhookSubscription;

fn list_params(event_type: Option<String>, status: Option<String>) -> ListParams {
    ListParams {
        event_type: event_type.map(EventType::from),
        status: status.map(Status::from),
    }
}

fn create_params(
    name: String,
    event_type: String,
    url: String,
    secret: Option<String>,
    attributes: Option<Vec<String>>,
) -> CreateParams {
    CreateParams {
        name,
        event_type: EventType::from(event_type),
        url,
        secret,
        attributes,
    }
}

fn update_params(
    name: Option<String>,
    url: Option<String>,
    status: Option<String>,
    attributes: Option<Vec<String>>,
) -> UpdateParams {
    UpdateParams {
        name,
        url,
        status: status.map(Status::from),
        attributes,
    }
}

fn wrap_all(items: Vec<leat::WebhookSubscription>) -> Vec<WebhookSubscription> {
    items.into_iter().map(WebhookSubscription::from).collect()
}

/// The account's webhook subscriptions, for the blocking `Client`.
#[pyclass(frozen, module = "leat", name = "WebhookSubscriptions")]
pub struct WebhookSubscriptions {
    handle: Arc<Handle>,
}

impl WebhookSubscriptions {
    pub(crate) fn new(handle: Arc<Handle>) -> Self {
        WebhookSubscriptions { handle }
    }
}

#[pymethods]
impl WebhookSubscriptions {
    #[pyo3(signature = (event_type=None, status=None))]
    fn list(
        &self,
        py: Python<'_>,
        event_type: Option<String>,
        status: Option<String>,
    ) -> PyResult<Vec<WebhookSubscription>> {
        let client = self.handle.client(py)?;
        let params = list_params(event_type, status);
        block_on(py, async move {
            client.webhook_subscriptions().list(params).await
        })
        .map(wrap_all)
    }

    #[pyo3(signature = (*, name, event_type, url, secret=None, attributes=None))]
    fn create(
        &self,
        py: Python<'_>,
        name: String,
        event_type: String,
        url: String,
        secret: Option<String>,
        attributes: Option<Vec<String>>,
    ) -> PyResult<WebhookSubscription> {
        let client = self.handle.client(py)?;
        let params = create_params(name, event_type, url, secret, attributes);
        block_on(py, async move {
            client.webhook_subscriptions().create(params).await
        })
        .map(WebhookSubscription::from)
    }

    fn get(&self, py: Python<'_>, uuid: String) -> PyResult<WebhookSubscription> {
        let client = self.handle.client(py)?;
        block_on(py, async move {
            client.webhook_subscriptions().get(&uuid).await
        })
        .map(WebhookSubscription::from)
    }

    #[pyo3(signature = (uuid, *, name=None, url=None, status=None, attributes=None))]
    fn update(
        &self,
        py: Python<'_>,
        uuid: String,
        name: Option<String>,
        url: Option<String>,
        status: Option<String>,
        attributes: Option<Vec<String>>,
    ) -> PyResult<WebhookSubscription> {
        let client = self.handle.client(py)?;
        let params = update_params(name, url, status, attributes);
        block_on(py, async move {
            client.webhook_subscriptions().update(&uuid, params).await
        })
        .map(WebhookSubscription::from)
    }

    fn delete(&self, py: Python<'_>, uuid: String) -> PyResult<()> {
        let client = self.handle.client(py)?;
        block_on(py, async move {
            client.webhook_subscriptions().delete(&uuid).await
        })
    }
}

/// The account's webhook subscriptions, for `AsyncClient`: every method is a coroutine.
#[pyclass(frozen, module = "leat", name = "AsyncWebhookSubscriptions")]
pub struct AsyncWebhookSubscriptions {
    handle: Arc<Handle>,
}

impl AsyncWebhookSubscriptions {
    pub(crate) fn new(handle: Arc<Handle>) -> Self {
        AsyncWebhookSubscriptions { handle }
    }
}

#[pymethods]
impl AsyncWebhookSubscriptions {
    #[pyo3(signature = (event_type=None, status=None))]
    fn list<'py>(
        &self,
        py: Python<'py>,
        event_type: Option<String>,
        status: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client = self.handle.client(py)?;
        let params = list_params(event_type, status);
        awaitable(py, async move {
            client
                .webhook_subscriptions()
                .list(params)
                .await
                .map(wrap_all)
        })
    }

    #[pyo3(signature = (*, name, event_type, url, secret=None, attributes=None))]
    fn create<'py>(
        &self,
        py: Python<'py>,
        name: String,
        event_type: String,
        url: String,
        secret: Option<String>,
        attributes: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client = self.handle.client(py)?;
        let params = create_params(name, event_type, url, secret, attributes);
        awaitable(py, async move {
            client
                .webhook_subscriptions()
                .create(params)
                .await
                .map(WebhookSubscription::from)
        })
    }

    fn get<'py>(&self, py: Python<'py>, uuid: String) -> PyResult<Bound<'py, PyAny>> {
        let client = self.handle.client(py)?;
        awaitable(py, async move {
            client
                .webhook_subscriptions()
                .get(&uuid)
                .await
                .map(WebhookSubscription::from)
        })
    }

    #[pyo3(signature = (uuid, *, name=None, url=None, status=None, attributes=None))]
    fn update<'py>(
        &self,
        py: Python<'py>,
        uuid: String,
        name: Option<String>,
        url: Option<String>,
        status: Option<String>,
        attributes: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client = self.handle.client(py)?;
        let params = update_params(name, url, status, attributes);
        awaitable(py, async move {
            client
                .webhook_subscriptions()
                .update(&uuid, params)
                .await
                .map(WebhookSubscription::from)
        })
    }

    fn delete<'py>(&self, py: Python<'py>, uuid: String) -> PyResult<Bound<'py, PyAny>> {
        let client = self.handle.client(py)?;
        // Resolves to None, as the blocking delete returns.
        awaitable(py, async move {
            client
                .webhook_subscriptions()
                .delete(&uuid)
                .await
                .map(|()| None::<()>)
        })
    }
}
