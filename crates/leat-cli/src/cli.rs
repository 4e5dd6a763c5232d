//! The command line's grammar: every command and argument, with its help (the longer texts
//! and examples are in `help.rs`). Parsing only; the commands live in their own files.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::help::{
    ABOUT, APPLY_HELP, COMPLETIONS_HELP, CREATE_HELP, DELETE_HELP, GET_HELP, LIST_HELP, MAIN_HELP,
    MOCK_HELP, OPERATIONS_HELP, SEND_HELP, SUBSCRIPTIONS_HELP, UPDATE_HELP, VERIFY_HELP,
    WEBHOOKS_HELP,
};
use crate::output::Format;

/// The heading the options reaching Leat are listed under.
const CONNECTION: &str = "Connection to Leat";

/// The whole grammar: the commands below, and one command per group of Leat's operations
/// (`leat contacts get ...`), made from the core's operation table.
pub(crate) fn command() -> clap::Command {
    Cli::command().subcommands(crate::api::commands(|_| true))
}

/// The grammar as far as `args` can need it: the operations only of the groups a word of
/// `args` names (all of them for `completions`). Parsing, errors and help are the same as
/// with [`command`]; only the work of making unused commands is saved.
pub(crate) fn command_for(args: &[std::ffi::OsString]) -> clap::Command {
    let words: Vec<&str> = args.iter().filter_map(|arg| arg.to_str()).collect();
    if words.contains(&"completions") {
        return command();
    }
    Cli::command().subcommands(crate::api::commands(|group| {
        words
            .iter()
            .any(|word| crate::api::names_group(word, group))
    }))
}

/// `leat`: the command line's own commands (those of Leat's operations are added by
/// [`command`]).
#[derive(Parser)]
#[command(name = "leat", version, about = ABOUT, after_help = MAIN_HELP, propagate_version = true)]
pub(crate) struct Cli {
    /// How results are printed: `table` for people, `json` (one JSON document with Leat's
    /// field names) for scripts [default: table; json for the commands of Leat's operations].
    #[arg(long, short = 'o', value_enum, global = true)]
    pub output: Option<Format>,

    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `leat`.
#[derive(Subcommand)]
pub(crate) enum Command {
    /// List, show, create, change and delete webhook subscriptions, or apply them from a file.
    #[command(visible_alias = "subs", after_help = SUBSCRIPTIONS_HELP)]
    Subscriptions(SubscriptionsArgs),

    /// Send a signed test delivery to a receiver, or verify a saved one.
    #[command(after_help = WEBHOOKS_HELP)]
    Webhooks {
        #[command(subcommand)]
        command: WebhooksCommand,
    },

    /// Run the local mock of the Leat API until Ctrl-C, printing its URL and credentials.
    #[command(after_help = MOCK_HELP)]
    Mock(MockArgs),

    /// List every operation of Leat's API that `leat <group> <operation>` calls.
    #[command(after_help = OPERATIONS_HELP)]
    Operations(OperationsArgs),

    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
}

/// `leat subscriptions`: how to reach Leat, and what to do.
#[derive(Args)]
pub(crate) struct SubscriptionsArgs {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    #[command(subcommand)]
    pub command: SubscriptionsCommand,
}

/// Credentials and where Leat is. Never printed: no `Debug`.
#[derive(Args, Default)]
pub(crate) struct ConnectionArgs {
    /// Leat API key (personal access token) [env: LEAT_API_KEY]. Prefer the environment
    /// variable: command lines are visible to other users of the machine.
    #[arg(long, global = true, value_name = "KEY", help_heading = CONNECTION)]
    pub api_key: Option<String>,

    /// OAuth client id [env: LEAT_CLIENT_ID]; with --client-secret, instead of an API key.
    #[arg(long, global = true, value_name = "ID", help_heading = CONNECTION)]
    pub client_id: Option<String>,

    /// OAuth client secret [env: LEAT_CLIENT_SECRET].
    #[arg(long, global = true, value_name = "SECRET", help_heading = CONNECTION)]
    pub client_secret: Option<String>,

    /// Where Leat is [env: LEAT_BASE_URL] [default: https://api.piggy.eu]. Plain http:// only
    /// for this machine (localhost, 127.0.0.1, [::1]).
    #[arg(long, global = true, value_name = "URL", help_heading = CONNECTION)]
    pub base_url: Option<String>,

    /// Bound on each call, retries included, in seconds [default: 30].
    #[arg(long, global = true, value_name = "SECONDS", value_parser = seconds, help_heading = CONNECTION)]
    pub timeout: Option<Duration>,
}

/// The commands of `leat subscriptions`.
#[derive(Subcommand)]
pub(crate) enum SubscriptionsCommand {
    /// List the account's webhook subscriptions.
    #[command(visible_alias = "ls", after_help = LIST_HELP)]
    List {
        /// Only subscriptions of this event type.
        #[arg(long, value_name = "TYPE", long_help = event_type_help("Only subscriptions of this event type."))]
        event_type: Option<String>,

        /// Only subscriptions with this status.
        #[arg(long, value_parser = statuses())]
        status: Option<String>,
    },

    /// Show one subscription.
    #[command(after_help = GET_HELP)]
    Get {
        /// The subscription's uuid.
        uuid: String,
    },

    /// Create a subscription: Leat will POST events of its type to its URL.
    #[command(after_help = CREATE_HELP)]
    Create(CreateArgs),

    /// Change a subscription's name, URL, status or watched attributes.
    #[command(after_help = UPDATE_HELP)]
    Update(UpdateArgs),

    /// Delete a subscription.
    #[command(visible_alias = "rm", after_help = DELETE_HELP)]
    Delete {
        /// The subscription's uuid.
        uuid: String,

        /// Do not ask for confirmation (needed when stdin is not a terminal).
        #[arg(long, short = 'y')]
        yes: bool,
    },

    /// Make the account's subscriptions match a file: print the plan, then carry it out.
    #[command(after_help = APPLY_HELP)]
    Apply(ApplyArgs),
}

/// `leat subscriptions create`.
#[derive(Args)]
pub(crate) struct CreateArgs {
    /// A name for internal purposes.
    #[arg(long)]
    pub name: String,

    /// The event to listen to; cannot be changed later.
    #[arg(long, value_name = "TYPE", long_help = event_type_help("The event to listen to; cannot be changed later."))]
    pub event_type: String,

    /// The absolute http(s) URL deliveries go to.
    #[arg(long)]
    pub url: String,

    /// The secret Leat signs deliveries with (default: the account's); cannot be changed later.
    #[arg(long)]
    pub secret: Option<String>,

    /// A contact attribute to watch (for contact_updated); repeat for several.
    #[arg(long = "attribute", value_name = "NAME")]
    pub attributes: Vec<String>,
}

/// `leat subscriptions update`.
#[derive(Args)]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true)
    .args(["name", "url", "status", "attributes"]))]
pub(crate) struct UpdateArgs {
    /// The subscription's uuid.
    pub uuid: String,

    /// A new name.
    #[arg(long)]
    pub name: Option<String>,

    /// A new absolute http(s) URL.
    #[arg(long)]
    pub url: Option<String>,

    /// ACTIVE (deliveries are sent) or INACTIVE (paused).
    #[arg(long, value_parser = statuses())]
    pub status: Option<String>,

    /// A contact attribute to watch, replacing the current ones; repeat for several.
    #[arg(long = "attribute", value_name = "NAME")]
    pub attributes: Vec<String>,
}

/// `leat subscriptions apply`.
#[derive(Args)]
pub(crate) struct ApplyArgs {
    /// The TOML file listing the wanted subscriptions.
    pub file: PathBuf,

    /// Print the plan and change nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Also delete the account's subscriptions that the file does not list.
    #[arg(long)]
    pub prune: bool,

    /// Accept event types this version of leat does not know (Leat may have added them
    /// since); by default such an entry is refused as a likely typo, before anything is sent.
    #[arg(long)]
    pub allow_unknown_event_types: bool,
}

/// The commands of `leat webhooks`.
#[derive(Subcommand)]
pub(crate) enum WebhooksCommand {
    /// POST a signed delivery to a receiver, as Leat does, and print its answer.
    #[command(after_help = SEND_HELP)]
    Send(SendArgs),

    /// Check the signature of a saved delivery.
    #[command(after_help = VERIFY_HELP)]
    Verify(VerifyArgs),
}

/// `leat webhooks send`.
#[derive(Args)]
pub(crate) struct SendArgs {
    /// The receiver's URL.
    pub url: String,

    /// The event type to send.
    #[arg(long, value_name = "TYPE", long_help = event_type_help("The event type to send."))]
    pub event_type: String,

    /// The event's data: JSON text, @FILE to read it from a file, or @- from stdin
    /// [default: a sample for the event type].
    #[arg(long, value_name = "JSON|@FILE")]
    pub data: Option<String>,

    /// The secret to sign with [env: LEAT_WEBHOOK_SECRET].
    #[arg(long)]
    pub secret: Option<String>,

    /// Repeat a delivery the receiver did not accept (non-2xx, no answer) up to N times, with
    /// growing waits, as Leat does (it retries up to 5 times).
    #[arg(long, value_name = "N", default_value_t = 0,
        value_parser = clap::value_parser!(u32).range(0..=5))]
    pub retries: u32,

    /// The wait before the first retry, in seconds; it doubles each retry.
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = seconds_or_zero)]
    pub backoff: Duration,

    /// How long one attempt may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    pub timeout: Duration,
}

/// `leat webhooks verify`.
#[derive(Args)]
pub(crate) struct VerifyArgs {
    /// The delivery's Signature header.
    #[arg(long, value_name = "SIG")]
    pub signature: String,

    /// A secret to verify with; repeat for several (any match passes) [env:
    /// LEAT_WEBHOOK_SECRET, several separated by commas].
    #[arg(long)]
    pub secret: Vec<String>,

    /// The raw delivery body, exactly as received; - for stdin.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub file: PathBuf,
}

/// `leat mock`.
#[derive(Args)]
pub(crate) struct MockArgs {
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// The API key it accepts [default: random].
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,

    /// The OAuth client id it accepts [default: random].
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,

    /// The OAuth client secret it accepts [default: random].
    #[arg(long, value_name = "SECRET")]
    pub client_secret: Option<String>,

    /// The account's webhook secret, signing deliveries to subscriptions created without one
    /// [default: random].
    #[arg(long, value_name = "SECRET")]
    pub webhook_secret: Option<String>,

    /// Makes the uuids it hands out a fixed sequence (the same after each reset)
    /// [default: random].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Starts from the account this JSON file describes (crates/leat-mock/ACCOUNT.md)
    /// instead of the default account.
    #[arg(long, value_name = "FILE")]
    pub state: Option<std::path::PathBuf>,
}

/// `leat operations`.
#[derive(Args)]
pub(crate) struct OperationsArgs {
    /// Only the operations of this group (`contacts`, `credit-receptions`, ...).
    #[arg(value_name = "GROUP")]
    pub group: Option<String>,

    /// Print the listing as JSON, as --output json does: one entry per operation with its id,
    /// method, path, its attribute paths from a Python and a Node client, its parameters by
    /// wire name and whether it pages.
    #[arg(long)]
    pub json: bool,
}

/// `leat completions`.
#[derive(Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The statuses Leat accepts as input, from the core's list.
fn statuses() -> PossibleValuesParser {
    PossibleValuesParser::new(
        leat::Status::KNOWN
            .iter()
            .map(|status| PossibleValue::new(status.as_str())),
    )
}

/// The help of an `--event-type` option, listing the event types the core knows.
fn event_type_help(first: &str) -> String {
    let known: Vec<&str> = leat::EventType::KNOWN
        .iter()
        .map(leat::EventType::as_str)
        .collect();
    format!(
        "{first}\nKnown types: {}. Leat adds types over time; any other name is passed on as given.",
        known.join(", ")
    )
}

/// A positive number of seconds.
fn seconds(text: &str) -> Result<Duration, String> {
    match seconds_or_zero(text)? {
        zero if zero.is_zero() => Err("must be greater than zero".into()),
        duration => Ok(duration),
    }
}

/// A number of seconds, zero allowed.
fn seconds_or_zero(text: &str) -> Result<Duration, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    Duration::try_from_secs_f64(value)
        .map_err(|_| format!("{text:?} is not a number of seconds from 0 up"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_is_consistent() {
        command().debug_assert();
        command_for(&["contacts".into()]).debug_assert();
    }

    #[test]
    fn only_the_groups_named_get_their_operations() {
        let partial = command_for(&["credit_receptions".into(), "create".into()]);
        let count = |name: &str| {
            partial
                .find_subcommand(name)
                .map(|group| group.get_subcommands().count())
        };
        assert!(count("credit-receptions") > Some(0));
        assert_eq!(count("contacts"), Some(0));
        let full = command();
        assert!(full.get_subcommands().all(|group| {
            group.get_name() == "help"
                || group.get_subcommands().count() > 0
                || matches!(group.get_name(), "mock" | "operations" | "completions")
        }));
    }

    #[test]
    fn every_command_has_an_example() {
        fn walk(command: &clap::Command, path: &str) {
            let path = format!("{path} {}", command.get_name());
            let after = command
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            assert!(after.contains("Example"), "`{path}` has no example");
            for sub in command.get_subcommands() {
                if sub.get_name() != "help" {
                    walk(sub, &path);
                }
            }
        }
        walk(&command(), "");
    }

    #[test]
    fn seconds_take_fractions_and_refuse_nonsense() {
        assert_eq!(seconds("0.25"), Ok(Duration::from_millis(250)));
        assert!(seconds("0").is_err());
        assert!(seconds("-1").is_err());
        assert!(seconds("soon").is_err());
        assert_eq!(seconds_or_zero("0"), Ok(Duration::ZERO));
    }
}
