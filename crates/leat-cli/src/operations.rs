//! `leat operations [GROUP] [--json]`: every operation of Leat's API the client knows, from
//! the core's table: as a table of id, method and path, or as the JSON listing
//! (`leat::operation::listing()`) that scripts and tests read.

use leat::operation::Operation;
use serde_json::Value;

use crate::cli::OperationsArgs;
use crate::exit::Failure;
use crate::output::Output;

/// Prints the operations (of one group, when asked).
pub(crate) fn run(args: OperationsArgs, out: &Output) -> Result<(), Failure> {
    let all = leat::operation::operations();
    let listed: Vec<&'static Operation> = match &args.group {
        None => all.to_vec(),
        Some(name) => {
            let group = name.replace('-', "_");
            let listed: Vec<_> = all.iter().copied().filter(|op| op.group == group).collect();
            if listed.is_empty() {
                return Err(Failure::usage(format!(
                    "{name:?} is not a group of Leat's operations; `leat operations` lists them all"
                )));
            }
            listed
        }
    };
    if args.json || out.is_json() {
        let entries: Vec<Value> = if args.group.is_none() {
            match leat::operation::listing() {
                Value::Array(entries) => entries,
                other => vec![other],
            }
        } else {
            listed.iter().map(|op| op.describe()).collect()
        };
        out.json(&entries);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|op| vec![op.id.to_owned(), op.method.to_owned(), op.path.to_owned()])
        .collect();
    out.table(&["ID", "METHOD", "PATH"], &rows);
    Ok(())
}
