//! `client.webhook_subscriptions`: Python arguments turned into the core's parameters, the
//! core's results into Python objects; blocking for `Client`, coroutines for `AsyncClient`.

use leat::{CreateParams, EventType, ListParams, Status, UpdateParams};
use pyo3::prelude::*;

use crate::blocking;
use crate::calls::coroutine;
use crate::client::Target;
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

/// Generates the methods of `WebhookSubscriptions` (`$run` = `blocking::call`, on
/// `Target::blocking`) and `AsyncWebhookSubscriptions` (`coroutine`, on
/// `Target::asynchronous`): one list of operations, documented once.
macro_rules! operations {
    ($class:ident, $client:ident, $run:path) => {
        #[pymethods]
        impl $class {
            /// The account's subscriptions, optionally only those of one event type and/or
            /// status.
            #[pyo3(signature = (event_type=None, status=None))]
            fn list<'py>(
                &self,
                py: Python<'py>,
                event_type: Option<String>,
                status: Option<String>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let client = self.target.$client(py)?;
                let params = list_params(event_type, status);
                $run(py, async move {
                    client
                        .webhook_subscriptions()
                        .list(params)
                        .await
                        .map(wrap_all)
                })
            }

            /// Subscribes ``url`` to an event type. Sent once: a create whose outcome is
            /// unknown is never repeated, so it cannot make two subscriptions.
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
                let client = self.target.$client(py)?;
                let params = create_params(name, event_type, url, secret, attributes);
                $run(py, async move {
                    client
                        .webhook_subscriptions()
                        .create(params)
                        .await
                        .map(WebhookSubscription::from)
                })
            }

            /// One subscription by uuid; ``NotFoundError`` when there is none.
            fn get<'py>(&self, py: Python<'py>, uuid: String) -> PyResult<Bound<'py, PyAny>> {
                let client = self.target.$client(py)?;
                $run(py, async move {
                    client
                        .webhook_subscriptions()
                        .get(&uuid)
                        .await
                        .map(WebhookSubscription::from)
                })
            }

            /// Changes the fields given; the event type and secret cannot change.
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
                let client = self.target.$client(py)?;
                let params = update_params(name, url, status, attributes);
                $run(py, async move {
                    client
                        .webhook_subscriptions()
                        .update(&uuid, params)
                        .await
                        .map(WebhookSubscription::from)
                })
            }

            /// Removes a subscription; returns ``None``.
            fn delete<'py>(&self, py: Python<'py>, uuid: String) -> PyResult<Bound<'py, PyAny>> {
                let client = self.target.$client(py)?;
                $run(py, async move {
                    client
                        .webhook_subscriptions()
                        .delete(&uuid)
                        .await
                        .map(|()| None::<()>)
                })
            }
        }
    };
}

/// ``client.webhook_subscriptions`` of a blocking ``Client``.
#[pyclass(frozen, module = "leat", name = "WebhookSubscriptions")]
pub struct WebhookSubscriptions {
    target: Target,
}

impl WebhookSubscriptions {
    pub(crate) fn new(target: Target) -> Self {
        WebhookSubscriptions { target }
    }
}

operations!(WebhookSubscriptions, blocking, blocking::call);

/// ``client.webhook_subscriptions`` of an ``AsyncClient``: every method returns a coroutine,
/// which starts nothing until it runs, and whose task's cancellation cancels the call.
#[pyclass(frozen, module = "leat", name = "AsyncWebhookSubscriptions")]
pub struct AsyncWebhookSubscriptions {
    target: Target,
}

impl AsyncWebhookSubscriptions {
    pub(crate) fn new(target: Target) -> Self {
        AsyncWebhookSubscriptions { target }
    }
}

operations!(AsyncWebhookSubscriptions, asynchronous, coroutine);
