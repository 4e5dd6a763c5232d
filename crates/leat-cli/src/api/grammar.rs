//! The grammar of `leat <group> <operation>`: one command per group of Leat's operations and
//! one subcommand per operation, built at start-up from the core's operation table. Names,
//! parameters, kinds, required flags, enum values and help all come from that table (and the
//! generated group summaries); nothing here names an operation.

use clap::{Arg, ArgAction, Args, Command};
use leat::operation::{Operation, Param, ParamKind, Place};

use super::groups::{Group, GROUPS};
use super::values;
use crate::cli::ConnectionArgs;

/// The id of `--data` (ids of parameters are their wire names, which never hold a `:`).
pub(crate) const DATA: &str = "leat:data";
/// The id of `--all`.
pub(crate) const ALL: &str = "leat:all";
/// The id of `--custom-attribute`.
pub(crate) const CUSTOM: &str = "leat:custom-attribute";

/// The heading Leat's parameters are listed under in an operation's help.
const PARAMETERS: &str = "Parameters";

/// The command line's own options on an operation: a parameter whose flag would be one of
/// these is `--param-<name>` instead.
const OWN_FLAGS: &[&str] = &[
    "data",
    "all",
    "custom-attribute",
    "output",
    "help",
    "api-key",
    "client-id",
    "client-secret",
    "base-url",
    "timeout",
];

/// `find_one_by` -> `find-one-by`.
pub(crate) fn kebab(name: &str) -> String {
    name.replace('_', "-")
}

/// The flag a parameter goes by, without the dashes: its wire name in kebab-case, or
/// `param-<name>` when that is one of the command line's own options.
pub(crate) fn flag(param: &Param) -> String {
    let flag = kebab(param.name);
    if OWN_FLAGS.contains(&flag.as_str()) {
        format!("param-{flag}")
    } else {
        flag
    }
}

/// The group with this spec name, if the generated table has it.
fn group(name: &str) -> Option<&'static Group> {
    GROUPS.iter().find(|group| group.name == name)
}

/// One command per group, in the core's order. Only the groups `full` picks get their
/// operations' subcommands (making all ~150 of them is most of a start-up's time); the others
/// have their name and summary, enough for `leat --help`.
pub(crate) fn groups(full: impl Fn(&str) -> bool) -> Vec<Command> {
    let operations = leat::operation::operations();
    let mut commands: Vec<Command> = Vec::new();
    let mut start = 0;
    while start < operations.len() {
        let name = operations[start].group;
        let end = operations[start..]
            .iter()
            .position(|op| op.group != name)
            .map_or(operations.len(), |n| start + n);
        let ops = &operations[start..end];
        commands.push(if full(name) {
            group_command(name, ops)
        } else {
            group_summary(name, ops)
        });
        start = end;
    }
    commands
}

/// The spec name of the group a command name (kebab-case or snake_case) stands for.
pub(crate) fn group_named(command: &str) -> Option<&'static str> {
    leat::operation::operations()
        .iter()
        .map(|op| op.group)
        .find(|group| *group == command || kebab(group) == command)
}

/// A group's command with its summary but none of its operations.
fn group_summary(name: &'static str, ops: &[&'static Operation]) -> Command {
    let about = group(name).map_or_else(
        || format!("{} operations of Leat's API.", ops.len()),
        |group| group.summary.to_owned(),
    );
    let command = Command::new(kebab(name)).about(about);
    if kebab(name) != name {
        command.alias(name)
    } else {
        command
    }
}

fn group_command(name: &'static str, ops: &[&'static Operation]) -> Command {
    let found = group(name);
    let about = found.map_or_else(
        || format!("{} operations of Leat's API.", ops.len()),
        |group| group.summary.to_owned(),
    );
    let long_about = found.map_or_else(
        || about.clone(),
        |group| format!("{}: {}", group.title, group.summary),
    );
    // The connection's options first: `augment_args` also sets an about, replaced below.
    let mut command = ConnectionArgs::augment_args(Command::new(kebab(name)))
        .about(about)
        .long_about(long_about)
        .after_help(group_help(name, ops))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(ops.iter().map(|&op| operation_command(op)));
    if kebab(name) != name {
        command = command.alias(name);
    }
    command
}

fn group_help(name: &str, ops: &[&'static Operation]) -> String {
    let mut text = String::from("Examples:\n");
    for op in ops.iter().take(3) {
        text.push_str("  ");
        text.push_str(&example(op));
        text.push('\n');
    }
    text.push_str(&format!(
        "\nEach command calls one operation of Leat's API and prints Leat's `data` as JSON \
         (--output table for columns). `leat {} <command> --help` shows its options; \
         `leat operations {}` lists them with their paths.",
        kebab(name),
        kebab(name)
    ));
    text
}

/// The command of one operation.
fn operation_command(op: &'static Operation) -> Command {
    let mut command = Command::new(kebab(op.name))
        .about(op.summary)
        .after_help(operation_help(op));
    if kebab(op.name) != op.name {
        command = command.alias(op.name);
    }
    if op.params.iter().any(|p| p.name == "version") {
        // Its own `--version` is the parameter's.
        command = command.disable_version_flag(true);
    }
    for param in op.params {
        command = command.arg(param_arg(param));
    }
    if op.custom_attributes {
        command = command.arg(
            Arg::new(CUSTOM)
                .long("custom-attribute")
                .value_name("NAME=VALUE")
                .action(ArgAction::Append)
                .value_parser(values::parser(&ParamKind::Map(&ParamKind::Json)))
                .help_heading(PARAMETERS)
                .help(
                    "A custom attribute of the account, sent as a key of the body: NAME=VALUE \
                     (text) or NAME:=JSON (a number, true, ...); repeat for several.",
                ),
        );
    }
    if takes_body(op) {
        command = command.arg(Arg::new(DATA).long("data").value_name("JSON|@FILE").help(
            "The body's fields as one JSON object, @FILE to read it from a file, or @- \
                     from stdin; options given as flags win over it.",
        ));
    }
    if op.returns.pagination().is_some() {
        command = command.arg(
            Arg::new(ALL)
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Follow every page (from --page on) and print all items as one list."),
        );
    }
    command
}

/// Whether the operation sends a body, which `--data` can fill.
pub(crate) fn takes_body(op: &Operation) -> bool {
    op.custom_attributes || op.params.iter().any(|p| p.place == Place::Body)
}

fn param_arg(param: &'static Param) -> Arg {
    let help = param_help(param);
    if param.place == Place::Path {
        return Arg::new(param.name)
            .required(true)
            .value_name(param.name.to_ascii_uppercase())
            .value_parser(values::parser(&param.kind))
            .help(help);
    }
    let flag = flag(param);
    let mut arg = Arg::new(param.name)
        .long(flag.clone())
        .value_name(values::value_name(&param.kind))
        .value_parser(values::parser(&param.kind))
        .help_heading(PARAMETERS)
        .help(help);
    let snake = flag.replace('-', "_");
    if snake != flag {
        // The snake_case spelling, as on the wire (`--contact_uuid`).
        arg = arg.alias(snake);
    }
    if matches!(param.kind, ParamKind::List(_) | ParamKind::Map(_)) {
        arg = arg.action(ArgAction::Append);
    }
    match hyphens(&param.kind) {
        // `--credits -5`
        Hyphens::Numbers => arg = arg.allow_negative_numbers(true),
        // `--sort -created_at`
        Hyphens::Any => arg = arg.allow_hyphen_values(true),
        Hyphens::None => {}
    }
    if matches!(param.kind, ParamKind::Enum { closed: false, .. }) {
        // Offered for completion, but not a closed list: the help says so.
        arg = arg.hide_possible_values(true);
    }
    arg
}

/// Which values of a flag may start with `-` (other values so starting are written
/// `--flag=-text`).
enum Hyphens {
    None,
    /// Negative numbers.
    Numbers,
    /// Any: an enum with a value such as `-created_at`.
    Any,
}

fn hyphens(kind: &ParamKind) -> Hyphens {
    match kind {
        ParamKind::Integer | ParamKind::Number => Hyphens::Numbers,
        ParamKind::Enum { values, .. } if values.iter().any(|v| v.starts_with('-')) => Hyphens::Any,
        ParamKind::List(inner) => hyphens(inner),
        _ => Hyphens::None,
    }
}

/// A parameter's help: its summary, then how the value is written when that is not plain.
fn param_help(param: &Param) -> String {
    let mut help = param.summary.to_owned();
    if param.required && param.place != Place::Path {
        help.push_str(" Required.");
    }
    let how = match &param.kind {
        ParamKind::List(inner) if values::is_json(inner) => {
            " A JSON list, or one JSON item per flag; repeat for several.".to_owned()
        }
        ParamKind::List(_) => " Repeat for several.".to_owned(),
        ParamKind::Map(_) => {
            " NAME=VALUE (text) or NAME:=JSON, repeated, or one JSON object.".to_owned()
        }
        ParamKind::Json => " JSON.".to_owned(),
        ParamKind::Enum {
            values,
            closed: false,
            ..
        } => format!(
            " Known values: {}; Leat may add others, which are passed on as given.",
            values.join(", ")
        ),
        _ => String::new(),
    };
    help.push_str(&how);
    help
}

/// The example line of an operation: path parameters and required options as placeholders.
pub(crate) fn example(op: &Operation) -> String {
    let mut line = format!("leat {} {}", kebab(op.group), kebab(op.name));
    for param in op.params {
        if param.place == Place::Path {
            line.push_str(&format!(" <{}>", param.name.to_ascii_uppercase()));
        } else if param.required {
            line.push_str(&format!(
                " --{} <{}>",
                flag(param),
                values::value_name(&param.kind)
            ));
        }
    }
    line
}

fn operation_help(op: &Operation) -> String {
    let mut text = format!("Example:\n  {}\n", example(op));
    if op.returns.pagination().is_some() {
        text.push_str(&format!("  {} --all\n", example(op)));
    }
    text.push_str(&format!(
        "\nCalls {} {} (operation {}) and prints Leat's `data` as JSON; --output table \
         prints columns.",
        op.method, op.path, op.id
    ));
    if op.returns.pagination().is_some() {
        text.push_str(" It prints one page; --all follows every page.");
    }
    if takes_body(op) {
        text.push_str(" --data gives the body's fields as one JSON object.");
    }
    if !op.retry_safe {
        text.push_str(" Sent once: a call whose outcome is unknown is not repeated.");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_has_a_flag_of_its_own() {
        for op in leat::operation::operations() {
            let mut flags: Vec<String> = op
                .params
                .iter()
                .filter(|p| p.place != Place::Path)
                .map(flag)
                .collect();
            let count = flags.len();
            flags.sort();
            flags.dedup();
            assert_eq!(
                flags.len(),
                count,
                "{} has two parameters on one flag",
                op.id
            );
            assert!(
                flags.iter().all(|f| !OWN_FLAGS.contains(&f.as_str())),
                "{}",
                op.id
            );
        }
    }

    #[test]
    fn a_parameter_named_like_an_own_option_gets_a_prefix() {
        let op = leat::operation::operation("automations.create_run").expect("in the spec");
        let data = op.param("data").expect("a data parameter");
        assert_eq!(flag(data), "param-data");
    }

    #[test]
    fn every_group_has_its_summary() {
        for op in leat::operation::operations() {
            assert!(group(op.group).is_some(), "no summary for {}", op.group);
        }
        assert_eq!(group_named("credit-receptions"), Some("credit_receptions"));
        assert_eq!(group_named("credit_receptions"), Some("credit_receptions"));
        assert_eq!(group_named("subscriptions"), None);
    }

    #[test]
    fn examples_name_path_parameters_and_required_options() {
        let op = leat::operation::operation("webhook_subscriptions.get").unwrap();
        assert_eq!(example(op), "leat webhook-subscriptions get <UUID>");
        let op = leat::operation::operation("contacts.find_one_by").unwrap();
        assert_eq!(example(op), "leat contacts find-one-by --email <EMAIL>");
    }
}
