//! `leat subscriptions apply FILE`: make the account's subscriptions match a file.
//!
//! Every run reads Leat's subscriptions first and plans from what is there, never from what
//! an earlier run meant to do: so a run that stopped half-way (or a create whose answer was
//! lost) is finished by the next one without duplicates.

mod file;
mod plan;
mod report;
mod warning;

use std::collections::HashMap;

use leat::{Client, CreateParams, ListParams, UpdateParams};

use crate::attributes;
use crate::cli::ApplyArgs;
use crate::client::env_var;
use crate::exit::Failure;
use crate::output::Output;

use self::file::{Allow, Wanted};
use self::plan::{Operation, Plan, Step};
use self::report::Report;

/// Reads the file, plans against Leat's subscriptions, checks everything the plan would send,
/// prints the plan and, unless `--dry-run`, carries it out, stopping at the first failure.
/// Nothing is changed at Leat unless every entry and every step passed the checks.
pub(crate) async fn run(client: &Client, args: ApplyArgs, out: &Output) -> Result<(), Failure> {
    let allow = Allow {
        unknown_event_types: args.allow_unknown_event_types,
    };
    let wanted = file::read(&args.file, allow)?;
    let existing = client
        .webhook_subscriptions()
        .list(ListParams::default())
        .await?;
    let mut plan = Plan::new(&wanted, &existing, args.prune);
    let secrets = secrets_to_create_with(&plan)?;
    check_before_writing(&plan, &secrets)?;
    let mut report = Report::new(client.base_url(), &args, &plan);
    report.print_plan(out, &plan);
    if args.dry_run || !plan.changes_anything() {
        report.finish(out, &plan);
        return Ok(());
    }
    for index in 0..plan.steps.len() {
        if let Err(failure) = carry_out(client, &mut plan, index, &secrets).await {
            report.stopped(out, &plan, index);
            return Err(failure);
        }
        report.done(out, &plan, index);
    }
    report.finish(out, &plan);
    Ok(())
}

/// The secret of each subscription to create that names one, read from the environment
/// before anything is changed, so a missing variable stops the run before it starts.
fn secrets_to_create_with(plan: &Plan) -> Result<HashMap<String, String>, Failure> {
    let mut secrets = HashMap::new();
    for step in &plan.steps {
        let Operation::Create { wanted, .. } = &step.operation else {
            continue;
        };
        let Some(name) = &wanted.secret_env else {
            continue;
        };
        let secret = env_var(name).ok_or_else(|| {
            Failure::usage(format!(
                "the subscription {:?} ({}) is to be created with the secret in the environment \
                 variable {name}, which is not set; set it, or remove secret_env to use the \
                 account's secret",
                step.name, step.event_type
            ))
        })?;
        secrets.insert(name.clone(), secret);
    }
    Ok(secrets)
}

/// Checks every request the plan would send as the core checks it before sending, and Leat's
/// rule for `contact_updated` attributes, so a step that would be refused stops the run before
/// the first change rather than half-way.
fn check_before_writing(plan: &Plan, secrets: &HashMap<String, String>) -> Result<(), Failure> {
    let refused = |step: &Step, doing: &str, why: String| {
        Failure::usage(format!(
            "the subscription {:?} ({}) cannot be {doing}: {why}; nothing was changed",
            step.name, step.event_type
        ))
    };
    let update = |step: &Step, doing: &str, params: &UpdateParams| {
        params
            .validate()
            .map_err(|err| refused(step, doing, err.to_string()))?;
        match attributes::missing(&step.event_type, params.attributes.as_deref()) {
            Some(why) => Err(refused(
                step,
                doing,
                format!("{why}: list them in its entry, e.g. attributes = [\"firstname\"]"),
            )),
            None => Ok(()),
        }
    };
    for step in &plan.steps {
        match &step.operation {
            Operation::Create { wanted, then, .. } => {
                create_params(wanted, secrets)
                    .validate()
                    .map_err(|err| refused(step, "created", err.to_string()))?;
                if let Some(then) = then {
                    update(step, "switched off after creating it", then)?;
                }
            }
            Operation::Update { params, .. } => update(step, "updated", params)?,
            Operation::Unchanged { .. } | Operation::Delete { .. } => {}
        }
    }
    Ok(())
}

/// What a create of `wanted` sends, with its secret read from the environment.
fn create_params(wanted: &Wanted, secrets: &HashMap<String, String>) -> CreateParams {
    let mut params = CreateParams::new(&wanted.name, wanted.event_type.clone(), &wanted.url);
    params.attributes = wanted.attributes.clone();
    params.secret = wanted
        .secret_env
        .as_ref()
        .and_then(|name| secrets.get(name).cloned());
    params
}

/// Does step `index`; a created subscription's uuid is written into the plan.
async fn carry_out(
    client: &Client,
    plan: &mut Plan,
    index: usize,
    secrets: &HashMap<String, String>,
) -> Result<(), Failure> {
    let subscriptions = client.webhook_subscriptions();
    match &mut plan.steps[index].operation {
        Operation::Unchanged { .. } => {}
        Operation::Create {
            wanted,
            then,
            created,
        } => {
            let uuid = subscriptions
                .create(create_params(wanted, secrets))
                .await?
                .uuid;
            *created = Some(uuid.clone());
            if let Some(update) = then.clone() {
                subscriptions.update(&uuid, update).await?;
            }
        }
        Operation::Update { uuid, params } => {
            subscriptions.update(uuid, params.clone()).await?;
        }
        Operation::Delete { uuid } => subscriptions.delete(uuid).await?,
    }
    Ok(())
}
