//! `leat operations`: the listing of every operation, as JSON for scripts and as a table.

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::common::{leat, stdout_of};

fn listing(args: &[&str]) -> Vec<Value> {
    let output = leat().args(args).output().expect("leat runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("a JSON array")
}

#[test]
fn operations_json_is_the_core_s_listing_with_every_operation() {
    let printed = listing(&["operations", "--json"]);
    assert_eq!(printed.len(), leat::operation::operations().len());
    assert_eq!(Value::Array(printed.clone()), leat::operation::listing());
    let ids: Vec<&str> = printed.iter().filter_map(|e| e["id"].as_str()).collect();
    for op in leat::operation::operations() {
        assert!(ids.contains(&op.id), "{} is not listed", op.id);
    }
}

#[test]
fn an_entry_has_the_format_of_the_issue() {
    let printed = listing(&["operations", "--json"]);
    let entry = printed
        .iter()
        .find(|e| e["id"] == "contacts.get")
        .expect("contacts.get is listed");
    let keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys[..7],
        [
            "id",
            "method",
            "path",
            "python",
            "node",
            "params",
            "paginated"
        ]
    );
    assert_eq!(entry["method"], "GET");
    assert_eq!(
        entry["path"],
        "/api/v3/oauth/clients/contacts/{contact_uuid}"
    );
    assert_eq!(entry["python"], "contacts.get");
    assert_eq!(entry["node"], "contacts.get");
    assert_eq!(entry["paginated"], false);
    let param = &entry["params"][0];
    for (key, value) in [
        ("name", json!("contact_uuid")),
        ("in", json!("path")),
        ("required", json!(true)),
        ("type", json!("string")),
    ] {
        assert_eq!(param[key], value, "{key} of {param}");
    }
    let paged = printed.iter().find(|e| e["id"] == "contacts.list").unwrap();
    assert_eq!(paged["paginated"], true);
    let camel = printed
        .iter()
        .find(|e| e["id"] == "contacts.find_one_by")
        .unwrap();
    assert_eq!(camel["node"], "contacts.findOneBy");
    assert_eq!(camel["python"], "contacts.find_one_by");
}

#[test]
fn output_json_prints_the_same_listing() {
    assert_eq!(
        listing(&["operations", "--output", "json"]),
        listing(&["operations", "--json"])
    );
}

#[test]
fn the_table_shows_id_method_and_path() {
    let output = leat().arg("operations").output().unwrap();
    assert!(output.status.success());
    let text = stdout_of(&output);
    assert!(text.starts_with("ID"), "{text}");
    let line = text
        .lines()
        .find(|line| line.starts_with("contacts.find_one_by "))
        .expect("a line for contacts.find_one_by");
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "contacts.find_one_by",
            "GET",
            "/api/v3/oauth/clients/contacts/find-one-by"
        ]
    );
    assert_eq!(
        text.lines().count(),
        leat::operation::operations().len() + 1
    );
}

#[test]
fn one_group_is_listed_by_either_spelling_and_an_unknown_one_is_refused() {
    let kebab = listing(&["operations", "credit-receptions", "--json"]);
    let snake = listing(&["operations", "credit_receptions", "--json"]);
    assert_eq!(kebab, snake);
    assert!(!kebab.is_empty());
    assert!(kebab
        .iter()
        .all(|e| e["id"].as_str().unwrap().starts_with("credit_receptions.")));
    leat()
        .args(["operations", "credit-reception"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\"credit-reception\" is not a group",
        ));
}
