//! Running `leat <group> <operation>`: the arguments gathered from the flags, the positional
//! path parameters and `--data`, then one call through the core (`Client::request_op`), so
//! every check, retry and error is the core's. With `--all`, the pages that follow too.

use clap::{ArgMatches, FromArgMatches};
use leat::operation::{Operation, Place, CUSTOM_ATTRIBUTES};
use leat::{Args, Dynamic, Naming};
use serde_json::{Map, Value};

use super::grammar::{self, ALL, CUSTOM, DATA};
use super::{print, values};
use crate::cli::ConnectionArgs;
use crate::exit::Failure;
use crate::output::Output;
use crate::{client, input};

/// Calls `op` with the arguments in `matches` (the operation's own) and prints the result.
pub(crate) async fn run(
    op: &'static Operation,
    matches: &ArgMatches,
    out: &Output,
) -> Result<(), Failure> {
    let connection =
        ConnectionArgs::from_arg_matches(matches).map_err(|err| Failure::usage(err.to_string()))?;
    let mut args = arguments(op, matches).await?;
    let client = client::build(&connection)?;
    let first = call(&client, op, &args).await?;
    let all = matches.try_get_one::<bool>(ALL).ok().flatten() == Some(&true);
    if !all {
        if let Some(page) = first.page {
            if let Some(next) = page.next_page {
                out.note(&page_note(page, next));
            }
        }
        print::result(&first.data, out);
        return Ok(());
    }
    let mut items = Vec::new();
    let mut answer = first;
    loop {
        match answer.data {
            Value::Array(page) => items.extend(page),
            other => items.push(other),
        }
        let Some(page) = answer.page else { break };
        let Some(next) = page.next_page else { break };
        args.insert("page".into(), Value::from(next));
        answer = call(&client, op, &args).await?;
        let got = answer.page.map(|info| info.page);
        if got != Some(next) {
            return Err(Failure::general(format!(
                "Leat answered page {} when page {next} was asked for; stopping so as not to \
                 read the same page for ever",
                got.map_or_else(|| "(none)".to_owned(), |page| page.to_string())
            )));
        }
    }
    print::result(&Value::Array(items), out);
    Ok(())
}

/// One call of `op`; an argument the core refuses is named by its flag too.
async fn call(
    client: &leat::Client,
    op: &'static Operation,
    args: &Args,
) -> Result<Dynamic, Failure> {
    client
        .request_op(op, args.clone(), Naming::Wire)
        .await
        .map_err(|err| with_flag(op, err))
}

/// The note on stderr after one page of several.
fn page_note(page: leat::PageInfo, next: u64) -> String {
    let of = match (page.last_page, page.total) {
        (Some(last), Some(total)) => format!(" of {last} ({total} items in all)"),
        (Some(last), None) => format!(" of {last}"),
        (None, Some(total)) => format!(" ({total} items in all)"),
        (None, None) => String::new(),
    };
    format!(
        "page {}{of}; --page {next} for the next, --all for every page",
        page.page
    )
}

/// The arguments by wire name: `--data`'s fields first, then every flag and path parameter
/// given (which win over `--data`). For an operation taking custom attributes, `--data`'s
/// fields that are not parameters are custom attributes, as in the body Leat reads.
async fn arguments(op: &'static Operation, matches: &ArgMatches) -> Result<Args, Failure> {
    let mut args = Args::new();
    let mut custom = Map::new();
    if let Some(data) = matches.try_get_one::<String>(DATA).ok().flatten() {
        let fields = match input::data_argument(data).await? {
            Value::Object(fields) => fields,
            other => {
                return Err(Failure::usage(format!(
                    "--data must be a JSON object of the body's fields, got {}",
                    json_kind(&other)
                )))
            }
        };
        for (key, value) in fields {
            match value {
                Value::Object(entries) if op.custom_attributes && key == CUSTOM_ATTRIBUTES => {
                    custom.extend(entries);
                }
                value
                    if op.custom_attributes
                        && op.param(&key).is_none()
                        && key != CUSTOM_ATTRIBUTES =>
                {
                    custom.insert(key, value);
                }
                value => {
                    args.insert(key, value);
                }
            }
        }
    }
    for param in op.params {
        let given: Vec<Value> = match matches.try_get_many::<Value>(param.name) {
            Ok(Some(values)) => values.cloned().collect(),
            _ => continue,
        };
        if let Some(value) = values::collect(&param.kind, given) {
            args.insert(param.name.to_owned(), value);
        }
    }
    if let Ok(Some(entries)) = matches.try_get_many::<Value>(CUSTOM) {
        custom.extend(values::merge_entries(entries.cloned().collect()));
    }
    if !custom.is_empty() {
        args.insert(CUSTOM_ATTRIBUTES.to_owned(), Value::Object(custom));
    }
    Ok(args)
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The core's error, with the flag to use when it names one of the operation's parameters.
fn with_flag(op: &Operation, err: leat::Error) -> Failure {
    let hint = match &err {
        leat::Error::InvalidArgument { argument, .. } => {
            op.param(argument).map(|param| match param.place {
                Place::Path => {
                    format!("it is the positional <{}>", param.name.to_ascii_uppercase())
                }
                _ => format!(
                    "give it as --{}{}",
                    grammar::flag(param),
                    if grammar::takes_body(op) {
                        format!(" or as {:?} in --data", param.name)
                    } else {
                        String::new()
                    }
                ),
            })
        }
        _ => None,
    };
    let failure = Failure::from(err);
    match hint {
        Some(hint) => failure.hint(&hint),
        None => failure,
    }
}
