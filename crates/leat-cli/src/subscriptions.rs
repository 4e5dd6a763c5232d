//! `leat subscriptions list|get|create|update|delete`: one call each to the core, printed as
//! a table or as Leat's JSON.

use std::io::IsTerminal;

use leat::{CreateParams, ListParams, UpdateParams, WebhookSubscription};
use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;

use crate::cli::{CreateArgs, SubscriptionsArgs, SubscriptionsCommand, UpdateArgs};
use crate::exit::Failure;
use crate::output::{one_line, paint, style, Output};
use crate::{apply, attributes, client};

/// Runs one `leat subscriptions` command.
pub(crate) async fn run(args: SubscriptionsArgs, out: &Output) -> Result<(), Failure> {
    let client = client::build(&args.connection)?;
    let subscriptions = client.webhook_subscriptions();
    match args.command {
        SubscriptionsCommand::List { event_type, status } => {
            let params = ListParams {
                event_type: event_type.map(Into::into),
                status: status.map(Into::into),
            };
            let listed = subscriptions.list(params).await?;
            print_list(&listed, out);
        }
        SubscriptionsCommand::Get { uuid } => {
            print_one(&subscriptions.get(&uuid).await?, out);
        }
        SubscriptionsCommand::Create(args) => {
            print_one(&subscriptions.create(create_params(args)).await?, out);
        }
        SubscriptionsCommand::Update(args) => {
            let uuid = args.uuid.clone();
            let params = with_current_attributes(&client, &uuid, update_params(args)).await?;
            print_one(&subscriptions.update(&uuid, params).await?, out);
        }
        SubscriptionsCommand::Delete { uuid, yes } => {
            if !yes {
                confirm_delete(&client, &uuid).await?;
            }
            subscriptions.delete(&uuid).await?;
            if out.is_json() {
                out.json(&json!({ "deleted": true, "uuid": uuid }));
            } else {
                out.line(&format!("Deleted subscription {}.", one_line(&uuid)));
            }
        }
        SubscriptionsCommand::Apply(args) => apply::run(&client, args, out).await?,
    }
    Ok(())
}

fn create_params(args: CreateArgs) -> CreateParams {
    let mut params = CreateParams::new(args.name, args.event_type, args.url);
    params.secret = args.secret;
    if !args.attributes.is_empty() {
        params.attributes = Some(args.attributes);
    }
    params
}

fn update_params(args: UpdateArgs) -> UpdateParams {
    UpdateParams {
        name: args.name,
        url: args.url,
        status: args.status.map(Into::into),
        attributes: (!args.attributes.is_empty()).then_some(args.attributes),
    }
}

/// The update to send: `params` as given when they name the attributes; otherwise, for a
/// subscription whose every update needs them (`contact_updated`), with its current ones read
/// from Leat first, or refused (exit status 2) before anything is changed when it has none.
async fn with_current_attributes(
    client: &leat::Client,
    uuid: &str,
    mut params: UpdateParams,
) -> Result<UpdateParams, Failure> {
    // The core's checks first, so a bad value is refused before any request.
    params.validate()?;
    if params.attributes.is_some() {
        return Ok(params);
    }
    let current = client.webhook_subscriptions().get(uuid).await?;
    let names = attributes::names(&current.properties);
    params.attributes = attributes::for_update(&current.event_type, None, &names);
    if let Some(why) = attributes::missing(&current.event_type, params.attributes.as_deref()) {
        return Err(Failure::usage(format!(
            "subscription {} watches no contact attributes at Leat, and {why}: give them with \
             --attribute NAME (repeat for several); nothing was changed",
            one_line(uuid)
        )));
    }
    Ok(params)
}

/// Asks on the terminal before deleting; without a terminal, `--yes` is required.
async fn confirm_delete(client: &leat::Client, uuid: &str) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::usage(format!(
            "refusing to delete subscription {} without --yes: stdin is not a terminal to ask on",
            one_line(uuid)
        )));
    }
    let found = client.webhook_subscriptions().get(uuid).await?;
    eprint!(
        "Delete subscription {} ({}, {} -> {})? [y/N] ",
        one_line(&found.uuid),
        one_line(&found.name),
        one_line(found.event_type.as_str()),
        one_line(&found.url)
    );
    let mut answer = String::new();
    // Async, so Ctrl-C at the question stops the command.
    tokio::io::BufReader::new(tokio::io::stdin())
        .read_line(&mut answer)
        .await
        .map_err(|err| Failure::usage(format!("could not read the answer: {err}")))?;
    if matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
        Ok(())
    } else {
        Err(Failure::usage(format!(
            "not deleted: subscription {} stays",
            one_line(uuid)
        )))
    }
}

/// A status, coloured by what it means.
fn status_cell(status: &leat::Status) -> String {
    let text = one_line(status.as_str());
    match status {
        leat::Status::Active => paint(style::GOOD, &text),
        leat::Status::Inactive => paint(style::QUIET, &text),
        _ => paint(style::WARN, &text),
    }
}

fn print_list(listed: &[WebhookSubscription], out: &Output) {
    if out.is_json() {
        let documents: Vec<Value> = listed.iter().map(|s| Value::Object(s.to_json())).collect();
        out.json(&documents);
        return;
    }
    if listed.is_empty() {
        out.line("No webhook subscriptions.");
        return;
    }
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|s| {
            vec![
                one_line(&s.uuid),
                one_line(&s.name),
                one_line(s.event_type.as_str()),
                status_cell(&s.status),
                one_line(&s.url),
            ]
        })
        .collect();
    out.table(&["UUID", "NAME", "EVENT TYPE", "STATUS", "URL"], &rows);
}

/// One subscription: every field Leat sent, with Leat's names, the known ones first.
pub(crate) fn print_one(subscription: &WebhookSubscription, out: &Output) {
    let document = subscription.to_json();
    if out.is_json() {
        out.json(&document);
        return;
    }
    // `to_json` puts the known fields first, in Leat's order, then any Leat added.
    let pairs: Vec<(String, String)> = document
        .iter()
        .map(|(key, value)| (key.clone(), plain(value)))
        .collect();
    out.fields(&pairs);
}

/// A JSON value as a person reads it: text without quotes, lists joined with commas.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
