//! The command line's generated source: the groups of operations with their titles and
//! summaries (`crates/leat-cli/src/api/groups.rs`), for the help of `leat <group>`. The
//! operations themselves the command line reads from the core's table at run time.

use std::fmt::Write as _;

use crate::names::quote;
use crate::output::{header, Output};
use crate::spec::Spec;

/// Where the file goes.
const FILE: &str = "crates/leat-cli/src/api/groups.rs";

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add_rust(FILE, groups(spec));
}

fn groups(spec: &Spec) -> String {
    let mut s = header("//!", "spec/groups/*.toml");
    s.push_str(
        "//! The groups of Leat's operations, for the help of `leat <group>`: each group's name in\n\
         //! the spec, its title and what it holds. The operations come from the core's table.\n\n",
    );
    s.push_str(
        "/// One group of operations.\npub(crate) struct Group {\n    \
         /// Its name in the spec, snake_case (`credit_receptions`).\n    \
         pub name: &'static str,\n    \
         /// Its title, as Leat's collection calls it.\n    \
         pub title: &'static str,\n    \
         /// What it holds, in a sentence or two.\n    \
         pub summary: &'static str,\n}\n\n",
    );
    s.push_str("/// Every group, in the order of the core's operation table.\npub(crate) static GROUPS: &[Group] = &[\n");
    for group in &spec.groups {
        let _ = writeln!(
            s,
            "    Group {{ name: {}, title: {}, summary: {} }},",
            quote(&group.name),
            quote(&group.title),
            quote(&group.summary)
        );
    }
    s.push_str("];\n");
    s
}
