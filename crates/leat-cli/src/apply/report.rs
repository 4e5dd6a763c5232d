//! How `apply` tells what it plans and what it did: lines for people as it goes, or one JSON
//! document at the end for scripts.

use serde_json::{json, Value};

use super::plan::{Action, Plan, Step, Warning};
use crate::cli::ApplyArgs;
use crate::output::{one_line, paint, style, Output};

/// What has been printed and done so far.
pub(crate) struct Report {
    base_url: String,
    file: String,
    dry_run: bool,
    prune: bool,
    done: Vec<bool>,
    applying: bool,
}

impl Report {
    /// A report for `plan`, made from `args` against `base_url`.
    pub fn new(base_url: &str, args: &ApplyArgs, plan: &Plan) -> Report {
        Report {
            base_url: base_url.to_owned(),
            file: args.file.display().to_string(),
            dry_run: args.dry_run,
            prune: args.prune,
            done: vec![false; plan.steps.len()],
            applying: false,
        }
    }

    /// The plan, one line per step, then the warnings (people only).
    pub fn print_plan(&self, out: &Output, plan: &Plan) {
        if out.is_json() {
            return;
        }
        out.line(&format!(
            "Plan for {} from {}:",
            one_line(&self.base_url),
            one_line(&self.file)
        ));
        for step in &plan.steps {
            out.line(&step_line(step));
        }
        for warning in &plan.warnings {
            out.line(&warning_line(warning));
        }
    }

    /// Step `index` was carried out.
    pub fn done(&mut self, out: &Output, plan: &Plan, index: usize) {
        self.done[index] = true;
        let step = &plan.steps[index];
        if out.is_json() || step.action() == Action::Unchanged {
            return;
        }
        if !self.applying {
            self.applying = true;
            out.line("Applying:");
        }
        let verb = match step.action() {
            Action::Create => "created",
            Action::Update => "updated",
            Action::Delete => "deleted",
            Action::Unchanged => "unchanged",
        };
        out.line(&format!(
            "  {} {:?} {} {}",
            paint(action_style(step.action()), &format!("{verb:<8}")),
            step.name,
            one_line(step.event_type.as_str()),
            one_line(step.uuid().unwrap_or("-"))
        ));
    }

    /// The run stopped at step `index`, which failed; the error is printed after this.
    pub fn stopped(&self, out: &Output, plan: &Plan, index: usize) {
        if out.is_json() {
            out.json(&self.document(plan, false));
            return;
        }
        let made = self.changes_made(plan);
        let step = &plan.steps[index];
        out.note(&format!(
            "Stopped at {} {:?} {} after {made} change(s). Run apply again to finish: it reads \
             Leat's subscriptions afresh, so nothing already done is done twice.",
            step.action().as_str(),
            step.name,
            one_line(step.event_type.as_str()),
        ));
    }

    /// The summary: what was (or, with `--dry-run`, would be) done.
    pub fn finish(&self, out: &Output, plan: &Plan) {
        if out.is_json() {
            let applied = !self.dry_run;
            out.json(&self.document(plan, applied));
            return;
        }
        let warnings = match plan.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        let (create, update, delete, unchanged) = (
            plan.count(Action::Create),
            plan.count(Action::Update),
            plan.count(Action::Delete),
            plan.count(Action::Unchanged),
        );
        let line = if !plan.changes_anything() {
            format!("Nothing to change: {unchanged} unchanged{warnings}.")
        } else if self.dry_run {
            format!(
                "Dry run, nothing was changed: {create} to create, {update} to update, \
                 {delete} to delete, {unchanged} unchanged{warnings}."
            )
        } else {
            format!(
                "Done: {create} created, {update} updated, {delete} deleted, \
                 {unchanged} unchanged{warnings}."
            )
        };
        out.line(&line);
    }

    fn changes_made(&self, plan: &Plan) -> usize {
        plan.steps
            .iter()
            .zip(&self.done)
            .filter(|(step, done)| **done && step.action() != Action::Unchanged)
            .count()
    }

    /// The JSON document: the plan with what was done, the warnings and the counts.
    fn document(&self, plan: &Plan, applied: bool) -> Value {
        let steps: Vec<Value> = plan
            .steps
            .iter()
            .zip(&self.done)
            .map(|(step, done)| step_json(step, *done))
            .collect();
        let warnings: Vec<Value> = plan.warnings.iter().map(warning_json).collect();
        json!({
            "base_url": self.base_url,
            "file": self.file,
            "dry_run": self.dry_run,
            "prune": self.prune,
            "applied": applied,
            "steps": steps,
            "warnings": warnings,
            "summary": {
                "create": plan.count(Action::Create),
                "update": plan.count(Action::Update),
                "delete": plan.count(Action::Delete),
                "unchanged": plan.count(Action::Unchanged),
                "warnings": plan.warnings.len(),
            },
        })
    }
}

/// One plan line: `+ create  "name" event_type -> url`, and so on.
fn step_line(step: &Step) -> String {
    let (mark, label) = match step.action() {
        Action::Create => ("+", "create"),
        Action::Update => ("~", "update"),
        Action::Unchanged => ("=", "unchanged"),
        Action::Delete => ("-", "delete"),
    };
    let head = paint(action_style(step.action()), &format!("{mark} {label:<9}"));
    let what = format!("{:?} {}", step.name, one_line(step.event_type.as_str()));
    let detail = match step.action() {
        Action::Create => {
            let mut text = format!("-> {}", one_line(&step.url));
            if let Some(change) = step.changes.first() {
                text.push_str(&format!(", then {} {}", change.field, one_line(&change.to)));
            }
            text
        }
        Action::Update => {
            let changes: Vec<String> = step
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "{} {:?} -> {:?}",
                        c.field,
                        one_line(&c.from),
                        one_line(&c.to)
                    )
                })
                .collect();
            format!(
                "{}: {}",
                one_line(step.uuid().unwrap_or("-")),
                changes.join("; ")
            )
        }
        Action::Unchanged | Action::Delete => one_line(step.uuid().unwrap_or("-")),
    };
    format!("  {head} {what} {detail}")
}

/// One warning line: `! duplicate  ...`.
fn warning_line(warning: &Warning) -> String {
    let label = match warning {
        Warning::Duplicate { .. } => "duplicate",
        Warning::EventTypeDiffers { .. } => "event type",
        Warning::SecretNotChecked { .. } => "secret",
    };
    format!(
        "  {} {}",
        paint(style::WARN, &format!("! {label:<9}")),
        warning.message()
    )
}

fn action_style(action: Action) -> anstyle::Style {
    match action {
        Action::Create => style::GOOD,
        Action::Update => style::CHANGE,
        Action::Unchanged => style::QUIET,
        Action::Delete => style::BAD,
    }
}

fn step_json(step: &Step, done: bool) -> Value {
    let changes: Vec<Value> = step
        .changes
        .iter()
        .map(|c| json!({ "field": c.field, "from": c.from, "to": c.to }))
        .collect();
    json!({
        "action": step.action().as_str(),
        "name": step.name,
        "event_type": step.event_type.as_str(),
        "uuid": step.uuid(),
        "url": step.url,
        "changes": changes,
        "done": done,
    })
}

fn warning_json(warning: &Warning) -> Value {
    let (name, event_type, uuids): (&str, &leat::EventType, Vec<&str>) = match warning {
        Warning::Duplicate {
            name,
            event_type,
            uuids,
        } => (name, event_type, uuids.iter().map(String::as_str).collect()),
        Warning::EventTypeDiffers {
            name,
            wanted,
            existing,
            ..
        } => (
            name,
            wanted,
            existing.iter().map(|(uuid, _)| uuid.as_str()).collect(),
        ),
        Warning::SecretNotChecked {
            name,
            event_type,
            uuid,
            ..
        } => (name, event_type, vec![uuid.as_str()]),
    };
    json!({
        "kind": warning.kind(),
        "name": name,
        "event_type": event_type.as_str(),
        "uuids": uuids,
        "message": warning.message(),
    })
}
