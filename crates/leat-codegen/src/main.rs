//! `leat-codegen`: reads `spec/` and writes every generated source of leat-sdk from it.
//!
//! ```text
//! leat-codegen check     the spec's own rules only
//! leat-codegen write     write every generated file (make generate)
//! leat-codegen verify    fail when a generated file differs from what the spec gives
//! ```
//!
//! `cargo test` runs `verify` too (`generated_files_are_fresh`), so `make test` fails on a
//! generated file that was edited by hand or not regenerated.

mod check;
mod cli;
mod conformance;
mod conformance_rust;
mod events;
mod mock;
mod mock_cases;
mod names;
mod node;
mod output;
mod python;
mod reference_rust;
mod rust_core;
mod spec;

use std::path::PathBuf;
use std::process::ExitCode;

use output::Output;

/// The repository's root: two levels above this crate.
fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every directory holding generated files only (stale ones there are removed or reported).
fn owned_dirs() -> Vec<&'static str> {
    let mut dirs = vec!["docs/reference"];
    dirs.extend_from_slice(rust_core::OWNED);
    dirs.extend_from_slice(mock::OWNED);
    dirs.extend_from_slice(node::OWNED);
    dirs.extend_from_slice(python::OWNED);
    dirs
}

/// Where the spec is: `spec/`, or `LEAT_CODEGEN_SPEC` (to try a copy).
fn spec_dir() -> PathBuf {
    std::env::var_os("LEAT_CODEGEN_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository().join("spec"))
}

/// The spec, checked, and everything generated from it.
fn generate() -> Result<(spec::Spec, Output), Vec<String>> {
    let spec = spec::load(&spec_dir())?;
    let mut problems = check::check(&spec);
    problems.extend(node::check(&spec));
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = Output::default();
    rust_core::generate(&spec, &mut out);
    cli::generate(&spec, &mut out);
    reference_rust::generate(&spec, &mut out);
    conformance_rust::generate(&spec, &mut out);
    events::generate(&spec, &mut out);
    mock::generate(&spec, &mut out);
    node::generate(&spec, &mut out);
    python::generate(&spec, &mut out);
    Ok((spec, out))
}

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "check".into());
    if command == "check" {
        let spec = match spec::load(&spec_dir()) {
            Ok(spec) => spec,
            Err(problems) => return report(&problems),
        };
        let problems = check::check(&spec);
        if !problems.is_empty() {
            return report(&problems);
        }
        println!(
            "spec/: {} groups, {} operations, {} models, {} enums: sound",
            spec.groups.len(),
            spec.operations().count(),
            spec.models.len(),
            spec.enums.len()
        );
        return ExitCode::SUCCESS;
    }
    let (spec, out) = match generate() {
        Ok(done) => done,
        Err(problems) => return report(&problems),
    };
    let root = repository();
    match command.as_str() {
        "write" => match out.write(&root, &owned_dirs()) {
            Ok(changed) => {
                println!(
                    "{} files from {} operations: {changed} written",
                    out.files.len(),
                    spec.operations().count()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("leat-codegen: {err}");
                ExitCode::FAILURE
            }
        },
        "verify" => {
            let differences = out.differences(&root, &owned_dirs());
            if differences.is_empty() {
                println!("{} generated files match the spec", out.files.len());
                ExitCode::SUCCESS
            } else {
                report(&differences)
            }
        }
        other => {
            eprintln!("leat-codegen: unknown command {other:?}; use check, write or verify");
            ExitCode::from(2)
        }
    }
}

fn report(problems: &[String]) -> ExitCode {
    for problem in problems {
        eprintln!("{problem}");
    }
    eprintln!(
        "{} problem(s); `make generate` writes the generated files",
        problems.len()
    );
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_files_are_fresh() {
        let (_, out) =
            super::generate().unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
        let differences = out.differences(&super::repository(), &super::owned_dirs());
        assert!(
            differences.is_empty(),
            "generated files are out of date; run `make generate`:\n{}",
            differences.join("\n")
        );
    }
}
