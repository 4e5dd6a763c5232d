//! `leat <group> <operation> [args]`: every operation of Leat's API as a command, made at
//! start-up from the core's operation table. Path parameters are positional, in path order;
//! every other parameter is a `--flag` named after its wire name; `--data` gives the body's
//! fields as JSON; `--all` follows pages. The call goes through the core like any other.

mod grammar;
mod groups;
mod print;
mod run;
mod values;

use clap::ArgMatches;
use leat::operation::Operation;

pub(crate) use run::run;

/// The commands of every group; each group's operations only when `full` says so for its
/// name (snake_case).
pub(crate) fn commands(full: impl Fn(&str) -> bool) -> Vec<clap::Command> {
    grammar::groups(full)
}

/// Whether a command-line word names the group `group` (its kebab-case or snake_case name).
pub(crate) fn names_group(word: &str, group: &str) -> bool {
    word == group || word == grammar::kebab(group)
}

/// The operation a parsed command line calls and its own arguments, when it calls one.
pub(crate) fn operation(matches: &ArgMatches) -> Option<(&'static Operation, &ArgMatches)> {
    let (group, group_matches) = matches.subcommand()?;
    let group = grammar::group_named(group)?;
    let (name, op_matches) = group_matches.subcommand()?;
    let op = leat::operation::operations()
        .iter()
        .find(|op| op.group == group && (op.name == name || grammar::kebab(op.name) == name))?;
    Some((op, op_matches))
}
