//! `client.webhookSubscriptions`: JSON arguments turned into the core's parameters, and the
//! core's results and errors into one JSON envelope each.

use leat::{CreateParams, EventType, ListParams, Status, UpdateParams};
use napi_derive::napi;
use serde::Deserialize;

use crate::json::{self, Field, Mismatch};
use crate::runtime::guarded;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ListArgs {
    event_type: Option<String>,
    status: Option<String>,
}

const LIST: &[Field] = &[
    Field {
        name: "eventType",
        expected: "a string such as 'contact_created'",
    },
    Field {
        name: "status",
        expected: "'ACTIVE' or 'INACTIVE'",
    },
];

impl From<ListArgs> for ListParams {
    fn from(args: ListArgs) -> Self {
        ListParams {
            event_type: args.event_type.map(EventType::from),
            status: args.status.map(Status::from),
        }
    }
}

/// Every field optional: a missing one reaches the core empty, and the core says so.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CreateArgs {
    name: Option<String>,
    event_type: Option<String>,
    url: Option<String>,
    secret: Option<String>,
    attributes: Option<Vec<String>>,
}

const CREATE: &[Field] = &[
    Field {
        name: "name",
        expected: "a string",
    },
    Field {
        name: "eventType",
        expected: "a string such as 'contact_created'",
    },
    Field {
        name: "url",
        expected: "a string",
    },
    Field {
        name: "secret",
        expected: "a string",
    },
    Field {
        name: "attributes",
        expected: "an array of strings",
    },
];

impl From<CreateArgs> for CreateParams {
    fn from(args: CreateArgs) -> Self {
        CreateParams {
            name: args.name.unwrap_or_default(),
            event_type: EventType::from(args.event_type.unwrap_or_default()),
            url: args.url.unwrap_or_default(),
            secret: args.secret,
            attributes: args.attributes,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct UpdateArgs {
    name: Option<String>,
    url: Option<String>,
    status: Option<String>,
    attributes: Option<Vec<String>>,
}

const UPDATE: &[Field] = &[
    Field {
        name: "name",
        expected: "a string",
    },
    Field {
        name: "url",
        expected: "a string",
    },
    Field {
        name: "status",
        expected: "'ACTIVE' or 'INACTIVE'",
    },
    Field {
        name: "attributes",
        expected: "an array of strings",
    },
];

impl From<UpdateArgs> for UpdateParams {
    fn from(args: UpdateArgs) -> Self {
        UpdateParams {
            name: args.name,
            url: args.url,
            status: args.status.map(Status::from),
            attributes: args.attributes,
        }
    }
}

fn list_params(text: &str) -> Result<ListParams, Mismatch> {
    json::object::<ListArgs>("list()", "{ eventType, status }", LIST, text).map(ListParams::from)
}

fn create_params(text: &str) -> Result<CreateParams, Mismatch> {
    json::object::<CreateArgs>("create()", "{ name, eventType, url }", CREATE, text)
        .map(CreateParams::from)
}

fn update_params(text: &str) -> Result<UpdateParams, Mismatch> {
    json::object::<UpdateArgs>(
        "update()",
        "{ name, url, status, attributes }",
        UPDATE,
        text,
    )
    .map(UpdateParams::from)
}

fn uuid(text: &str) -> Result<String, Mismatch> {
    json::string("uuid", text)
}

/// The native half of `client.webhookSubscriptions`. Every method takes JSON text and
/// resolves to the text of an envelope; none rejects.
#[napi(js_name = "NativeWebhookSubscriptions")]
pub struct WebhookSubscriptions {
    client: leat::Client,
}

impl WebhookSubscriptions {
    pub(crate) fn new(client: leat::Client) -> Self {
        WebhookSubscriptions { client }
    }
}

#[napi]
impl WebhookSubscriptions {
    /// `list(params)`: `{"ok": [subscription, ...]}`.
    #[napi]
    pub async fn list(&self, params: String) -> String {
        guarded(async {
            match list_params(&params) {
                Ok(params) => json::settle(self.client.webhook_subscriptions().list(params).await),
                Err(bad) => bad.envelope(),
            }
        })
        .await
    }

    /// `create(params)`: `{"ok": subscription}`.
    #[napi]
    pub async fn create(&self, params: String) -> String {
        guarded(async {
            match create_params(&params) {
                Ok(params) => {
                    json::settle(self.client.webhook_subscriptions().create(params).await)
                }
                Err(bad) => bad.envelope(),
            }
        })
        .await
    }

    /// `get(uuid)`: `{"ok": subscription}`.
    #[napi]
    pub async fn get(&self, uuid_json: String) -> String {
        guarded(async {
            match uuid(&uuid_json) {
                Ok(uuid) => json::settle(self.client.webhook_subscriptions().get(&uuid).await),
                Err(bad) => bad.envelope(),
            }
        })
        .await
    }

    /// `update(uuid, params)`: `{"ok": subscription}`.
    #[napi]
    pub async fn update(&self, uuid_json: String, params: String) -> String {
        guarded(async {
            match (uuid(&uuid_json), update_params(&params)) {
                (Ok(uuid), Ok(params)) => json::settle(
                    self.client
                        .webhook_subscriptions()
                        .update(&uuid, params)
                        .await,
                ),
                (Err(bad), _) | (_, Err(bad)) => bad.envelope(),
            }
        })
        .await
    }

    /// `delete(uuid)`: `{"ok": null}`.
    #[napi]
    pub async fn delete(&self, uuid_json: String) -> String {
        guarded(async {
            match uuid(&uuid_json) {
                Ok(uuid) => json::settle(self.client.webhook_subscriptions().delete(&uuid).await),
                Err(bad) => bad.envelope(),
            }
        })
        .await
    }
}
