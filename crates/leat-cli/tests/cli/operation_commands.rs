//! `leat <group> <operation>`: the commands made from the core's operation table, against the
//! mock (webhook subscriptions) and against a stub that records what was sent (operations
//! the mock does not serve yet, and pages).

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::common::{example, file_with, stderr_of, stdout_of, Mock, Stub};

fn json_out(output: &std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        stderr_of(output)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", stdout_of(output)))
}

/// A stub answering `data` (with no meta) to every request.
fn answering(data: Value) -> Stub {
    Stub::start(move |_| (200, json!({ "data": data.clone(), "meta": [] })))
}

/// A stub answering the spec's example answer of operation `id` to every request.
fn answering_example(id: &'static str) -> Stub {
    Stub::start(move |_| (200, example(id)))
}

const UUID: &str = "9504d4b2-03c5-41d8-8423-4b1821b6aa00";
const SHOP: &str = "7a1f2d3c-03c5-41d8-8423-4b1821b6aa01";

#[test]
fn every_operation_has_a_command_with_its_summary_in_the_help() {
    for op in leat::operation::operations() {
        let group = op.group.replace('_', "-");
        let name = op.name.replace('_', "-");
        let output = crate::common::leat()
            .args([&group, &name, "--help"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}: {}", op.id, stderr_of(&output));
        let help = stdout_of(&output);
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words(&help).starts_with(&words(op.summary)),
            "{}: {help}",
            op.id
        );
        assert!(help.contains("Example:"), "{}", op.id);
        assert!(help.contains(op.path), "{}", op.id);
    }
}

#[test]
fn help_shows_the_parameters_by_flag_with_their_summaries() {
    crate::common::leat()
        .args(["contacts", "find-one-by", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Finds the contact with this email address.",
        ))
        .stdout(predicate::str::contains("--email <EMAIL>"))
        .stdout(predicate::str::contains(
            "The contact's email address. Required.",
        ))
        .stdout(predicate::str::contains(
            "leat contacts find-one-by --email <EMAIL>",
        ))
        .stdout(predicate::str::contains(
            "GET /api/v3/oauth/clients/contacts/find-one-by",
        ));
    crate::common::leat()
        .args(["contacts", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("find-one-by"))
        .stdout(predicate::str::contains(
            "The people in the loyalty program",
        ));
}

#[test]
fn snake_case_names_and_negative_numbers_are_accepted() {
    let stub = answering_example("credit_receptions.create");
    stub.leat()
        .args(["credit_receptions", "create", "--contact_uuid", UUID])
        .args(["--shop_uuid", SHOP, "--credits", "-5"])
        .assert()
        .success();
    let body = stub.asked()[0].json();
    assert_eq!(
        body,
        json!({"contact_uuid": UUID, "shop_uuid": SHOP, "credits": -5})
    );
}

#[test]
fn create_list_and_get_against_the_mock_print_leat_s_data() {
    let mock = Mock::start();
    let created = json_out(
        &mock
            .leat()
            .args(["webhook-subscriptions", "create", "--name", "Members"])
            .args([
                "--event-type",
                "contact_created",
                "--url",
                "https://example.com/hooks",
            ])
            .args(["--attributes", "firstname", "--attributes", "lastname"])
            .output()
            .unwrap(),
    );
    assert_eq!(created["name"], "Members");
    let sent = mock.requests("POST");
    assert_eq!(
        serde_json::from_slice::<Value>(&sent[0].body).unwrap(),
        json!({
            "name": "Members",
            "event_type": "contact_created",
            "url": "https://example.com/hooks",
            "attributes": ["firstname", "lastname"],
        })
    );
    let uuid = created["uuid"].as_str().unwrap().to_owned();
    let listed = json_out(
        &mock
            .leat()
            .args(["webhook-subscriptions", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(listed, json!([created.clone()]));
    let got = json_out(
        &mock
            .leat()
            .args(["webhook-subscriptions", "get", &uuid])
            .output()
            .unwrap(),
    );
    assert_eq!(got, created);
    // The mock's own JSON, key for key and in its order.
    assert_eq!(got, Value::Array(mock.subscriptions())[0]);
}

#[test]
fn a_list_prints_as_a_table_when_asked() {
    let mock = Mock::start();
    let uuid = mock.seed("Members", "contact_created", "https://example.com/hooks");
    let output = mock
        .leat()
        .args(["webhook-subscriptions", "list", "--output", "table"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout_of(&output);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header[..3], ["UUID", "NAME", "EVENT"]);
    assert!(lines.next().unwrap().starts_with(&uuid), "{text}");
}

#[test]
fn data_from_stdin_fills_the_body_and_flags_win_over_it() {
    let mock = Mock::start();
    let uuid = mock.seed("Members", "contact_created", "https://example.com/hooks");
    let updated = json_out(
        &mock
            .leat()
            .args(["webhook-subscriptions", "update", &uuid, "--data", "@-"])
            .args(["--name", "From the flag"])
            .write_stdin(
                r#"{"name": "From stdin", "url": "https://example.com/new", "status": "INACTIVE"}"#,
            )
            .output()
            .unwrap(),
    );
    assert_eq!(updated["name"], "From the flag");
    assert_eq!(updated["url"], "https://example.com/new");
    assert_eq!(updated["status"], "INACTIVE");
}

#[test]
fn data_from_a_file_fills_the_body() {
    let stub = answering_example("credit_receptions.create");
    let file = file_with(&format!(
        r#"{{"contact_uuid": "{UUID}", "shop_uuid": "{SHOP}", "unit_value": 12.5}}"#
    ));
    let data = format!("@{}", file.path().display());
    stub.leat()
        .args(["credit-receptions", "create", "--data", &data])
        .assert()
        .success();
    assert_eq!(
        stub.asked()[0].json(),
        json!({"contact_uuid": UUID, "shop_uuid": SHOP, "unit_value": 12.5})
    );
}

#[test]
fn data_that_is_not_an_object_is_a_usage_error() {
    let stub = answering(json!({}));
    stub.leat()
        .args(["credit-receptions", "create", "--data", "[1, 2]"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--data must be a JSON object of the body's fields, got a list",
        ));
    assert!(stub.asked().is_empty());
}

#[test]
fn values_are_sent_as_their_kinds_and_custom_attributes_at_the_top_of_the_body() {
    let stub = answering_example("credit_receptions.create");
    stub.leat()
        .args([
            "credit-receptions",
            "create",
            "--contact-uuid",
            UUID,
            "--shop-uuid",
            SHOP,
        ])
        .args(["--unit-value", "10.40", "--custom-attribute", "till=3"])
        .args(["--custom-attribute", "covers:=4"])
        .args([
            "--data",
            r#"{"receipt": "R-17", "unit_name": "purchase_amount"}"#,
        ])
        .assert()
        .success();
    let asked = &stub.asked()[0];
    assert_eq!(
        (asked.method.as_str(), asked.path.as_str()),
        ("POST", "/api/v3/oauth/clients/credit-receptions")
    );
    assert_eq!(
        asked.json(),
        json!({
            "contact_uuid": UUID,
            "shop_uuid": SHOP,
            "unit_value": 10.4,
            "unit_name": "purchase_amount",
            "receipt": "R-17",
            "till": "3",
            "covers": 4,
        })
    );
}

#[test]
fn maps_take_name_value_pairs_and_booleans_true_or_false() {
    let stub = answering_example("contacts.update");
    stub.leat()
        .args(["contacts", "update", UUID, "--attributes", "firstname=Jane"])
        .args(["--attributes", "age:=42"])
        .assert()
        .success();
    let asked = &stub.asked()[0];
    assert_eq!(asked.method, "PUT");
    assert_eq!(asked.path, format!("/api/v3/oauth/clients/contacts/{UUID}"));
    assert_eq!(
        asked.json(),
        json!({"attributes": {"firstname": "Jane", "age": 42}})
    );

    let stub = answering_example("contact_identifiers.update");
    stub.leat()
        .args([
            "contact-identifiers",
            "update",
            "--contact-identifier-value",
            "CARD-1",
        ])
        .args(["--contact-identifier-active", "false"])
        .assert()
        .success();
    assert_eq!(
        stub.asked()[0].json(),
        json!({"contact_identifier_value": "CARD-1", "contact_identifier_active": false})
    );
}

#[test]
fn query_parameters_go_in_the_query_in_php_s_form() {
    let stub = Stub::start(|_| {
        (
            200,
            json!({"data": [], "meta": {"page": 1, "limit": 10, "last_page": 1, "total": 0}}),
        )
    });
    stub.leat()
        .args(["contacts", "list", "--limit", "10", "--sort", "-created_at"])
        .args(["--created-at", "gte=2024-01-01T00:00:00+00:00"])
        .assert()
        .success()
        .stdout("[]\n");
    let query = &stub.asked()[0].query;
    assert!(query.contains("limit=10"), "{query}");
    assert!(query.contains("sort=-created_at"), "{query}");
    assert!(
        query.contains("created_at%5Bgte%5D=2024-01-01T00%3A00%3A00%2B00%3A00"),
        "{query}"
    );
}

#[test]
fn a_parameter_named_like_an_own_option_has_a_prefixed_flag() {
    let stub = answering_example("automations.create_run");
    stub.leat()
        .args(["automations", "create-run", "--contact-uuid", UUID])
        .args([
            "--automation-uuid",
            SHOP,
            "--param-data",
            r#"{"points": 5}"#,
        ])
        .assert()
        .success();
    assert_eq!(
        stub.asked()[0].json(),
        json!({"contact_uuid": UUID, "automation_uuid": SHOP, "data": {"points": 5}})
    );
    // `--version` of loyalty-tokens create is Leat's token version, not leat's.
    let stub = answering_example("loyalty_tokens.create");
    stub.leat()
        .args([
            "loyalty-tokens",
            "create",
            "--version",
            "v3",
            "--shop-uuid",
            SHOP,
        ])
        .args(["--unique-id", "order-17", "--credits", "5"])
        .assert()
        .success();
    assert_eq!(stub.asked()[0].json()["version"], "v3");
}

#[test]
fn leat_s_data_is_printed_as_received() {
    // Keys in Leat's order (not sorted), unknown fields kept, a large whole number exact.
    let data =
        json!({"uuid": UUID, "zeta": 1, "alpha": {"y": 2, "b": 3}, "big": 9007199254740993u64});
    let stub = answering(data.clone());
    let output = stub
        .leat()
        .args(["contacts", "get", UUID])
        .output()
        .unwrap();
    let text = stdout_of(&output);
    assert_eq!(
        text,
        format!("{}\n", serde_json::to_string_pretty(&data).unwrap())
    );
    assert!(text.contains("9007199254740993"));
    assert!(text.find("zeta").unwrap() < text.find("alpha").unwrap());
}

#[test]
fn a_bad_argument_exits_2_naming_it_and_sends_nothing() {
    let stub = answering(json!({}));
    stub.leat()
        .args(["webhook-subscriptions", "create", "--name", "x"])
        .args(["--event-type", "contact_created", "--url", "not-a-url"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid argument `url`"))
        .stderr(predicate::str::contains("give it as --url"));
    stub.leat()
        .args(["contacts", "list", "--limit", "ten"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'ten' for '--limit <INTEGER>': not a whole number",
        ));
    stub.leat()
        .args(["contacts", "find-one-by"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid argument `email`: is required",
        ))
        .stderr(predicate::str::contains("--email"));
    stub.leat()
        .args(["webhook-subscriptions", "list", "--status", "PAUSED"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`status`"))
        .stderr(predicate::str::contains("PAUSED"));
    stub.leat()
        .args([
            "webhook-subscriptions",
            "update",
            UUID,
            "--data",
            r#"{"colour": "red"}"#,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid argument `colour`"))
        .stderr(predicate::str::contains(
            "is not an option of webhook_subscriptions.update",
        ));
    assert!(stub.asked().is_empty(), "{:?}", stub.asked());
}

#[test]
fn an_unknown_flag_or_operation_exits_2() {
    crate::common::leat()
        .args(["webhook-subscriptions", "list", "--colour", "red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument '--colour'"));
    crate::common::leat()
        .args(["contacts", "fetch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unrecognized subcommand 'fetch'"));
    crate::common::leat()
        .args(["contacts", "get"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<CONTACT_UUID>"));
}

#[test]
fn leat_s_errors_exit_1_as_text_or_as_json_when_asked() {
    let mock = Mock::start();
    let missing = "2f3c5e4a-7d7e-4c43-9a6e-5b0f1c2d3e4f";
    let output = mock
        .leat()
        .args(["webhook-subscriptions", "get", missing])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(
        stderr_of(&output).starts_with("error: NotFoundError:"),
        "{}",
        stderr_of(&output)
    );
    let output = mock
        .leat()
        .args(["webhook-subscriptions", "get", missing, "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["error"]["class"], "NotFoundError");
    assert_eq!(error["error"]["code"], 80300);
}

#[test]
fn a_connection_failure_exits_3() {
    crate::common::leat()
        .env("LEAT_API_KEY", "key")
        .env("LEAT_BASE_URL", crate::common::closed_url())
        .args(["webhook-subscriptions", "list", "--timeout", "5"])
        .assert()
        .code(3);
}

/// Items of the spec's example for `id`, with made-up uuids `prefix-1`, `prefix-2`, ...
fn items(id: &str, count: usize, from: usize) -> Vec<Value> {
    let item = example(id)["data"][0].clone();
    (from..from + count)
        .map(|n| {
            let mut item = item.clone();
            item["uuid"] = json!(format!("00000000-0000-4000-8000-{n:012}"));
            item
        })
        .collect()
}

#[test]
fn all_follows_every_page_of_the_page_limit_format() {
    let stub = Stub::start(|asked| {
        let page: usize = asked
            .query
            .split('&')
            .find_map(|pair| pair.strip_prefix("page="))
            .map_or(1, |n| n.parse().unwrap());
        let meta = json!({"page": page, "limit": "2", "last_page": 3, "total": 6});
        (
            200,
            json!({"data": items("contacts.list", 2, page * 2 - 1), "meta": meta}),
        )
    });
    let all = json_out(
        &stub
            .leat()
            .args(["contacts", "list", "--limit", "2", "--all"])
            .output()
            .unwrap(),
    );
    let uuids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["uuid"].as_str().unwrap())
        .collect();
    let wanted: Vec<String> = (1..=6)
        .map(|n| format!("00000000-0000-4000-8000-{n:012}"))
        .collect();
    assert_eq!(uuids, wanted);
    let queries: Vec<String> = stub.asked().iter().map(|a| a.query.clone()).collect();
    assert_eq!(queries, ["limit=2", "page=2&limit=2", "page=3&limit=2"]);
    // The items are Leat's, whole.
    assert_eq!(
        all[0]["attributes"],
        items("contacts.list", 1, 1)[0]["attributes"]
    );

    // Without --all: the first page, and a note on stderr about the others.
    let output = stub
        .leat()
        .args(["contacts", "list", "--limit", "2"])
        .output()
        .unwrap();
    let first = json_out(&output);
    assert_eq!(first.as_array().unwrap().len(), 2);
    assert!(
        stderr_of(&output)
            .contains("page 1 of 3 (6 items in all); --page 2 for the next, --all for every page"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn all_follows_every_page_of_the_laravel_format() {
    let stub = Stub::start(|asked| {
        let page: usize = asked
            .query
            .split('&')
            .find_map(|pair| pair.strip_prefix("page="))
            .map_or(1, |n| n.parse().unwrap());
        let meta = json!({"current_page": page, "last_page": 3, "per_page": "1", "total": 3});
        (
            200,
            json!({"data": items("vouchers.list", 1, page), "meta": meta}),
        )
    });
    let output = stub
        .leat()
        .args(["vouchers", "list", "--all", "--output", "table"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.lines().next().unwrap().starts_with("UUID"));
    assert_eq!(stub.asked().len(), 3);
}

#[test]
fn all_stops_when_leat_answers_another_page_than_asked() {
    // A server that ignores `page` would otherwise be read for ever.
    let stub = Stub::start(|_| {
        let meta = json!({"page": 1, "limit": 1, "last_page": 3, "total": 3});
        (
            200,
            json!({"data": items("contacts.list", 1, 1), "meta": meta}),
        )
    });
    stub.leat()
        .args(["contacts", "list", "--all"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Leat answered page 1 when page 2 was asked for",
        ));
    assert_eq!(stub.asked().len(), 2);
}
