//! `client.webhookSubscriptions`: JSON arguments turned into the core's parameters, and the
//! core's results and errors into one JSON envelope each. Each operation owns the core client
//! it runs with, so nothing it needs can be freed under it.

use leat::{CreateParams, EventType, ListParams, Status, UpdateParams};
use serde::Deserialize;

use crate::json::{self, Field, Mismatch};

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

/// A client for the call, or the envelope of the option that was refused.
pub(crate) type CallClient = Result<leat::Client, String>;

/// `list(params)`: `{"ok": [subscription, ...]}`.
pub(crate) async fn list(client: CallClient, params: &str) -> String {
    match (client, list_params(params)) {
        (Ok(client), Ok(params)) => json::settle(client.webhook_subscriptions().list(params).await),
        (Err(envelope), _) => envelope,
        (_, Err(bad)) => bad.envelope(),
    }
}

/// `create(params)`: `{"ok": subscription}`.
pub(crate) async fn create(client: CallClient, params: &str) -> String {
    match (client, create_params(params)) {
        (Ok(client), Ok(params)) => {
            json::settle(client.webhook_subscriptions().create(params).await)
        }
        (Err(envelope), _) => envelope,
        (_, Err(bad)) => bad.envelope(),
    }
}

/// `get(uuid)`: `{"ok": subscription}`.
pub(crate) async fn get(client: CallClient, uuid_json: &str) -> String {
    match (client, uuid(uuid_json)) {
        (Ok(client), Ok(uuid)) => json::settle(client.webhook_subscriptions().get(&uuid).await),
        (Err(envelope), _) => envelope,
        (_, Err(bad)) => bad.envelope(),
    }
}

/// `update(uuid, params)`: `{"ok": subscription}`.
pub(crate) async fn update(client: CallClient, uuid_json: &str, params: &str) -> String {
    match (client, uuid(uuid_json), update_params(params)) {
        (Ok(client), Ok(uuid), Ok(params)) => {
            json::settle(client.webhook_subscriptions().update(&uuid, params).await)
        }
        (Err(envelope), _, _) => envelope,
        (_, Err(bad), _) | (_, _, Err(bad)) => bad.envelope(),
    }
}

/// `delete(uuid)`: `{"ok": null}`.
pub(crate) async fn delete(client: CallClient, uuid_json: &str) -> String {
    match (client, uuid(uuid_json)) {
        (Ok(client), Ok(uuid)) => json::settle(client.webhook_subscriptions().delete(&uuid).await),
        (Err(envelope), _) => envelope,
        (_, Err(bad)) => bad.envelope(),
    }
}
