//! What each webhook event type carries and how it is fetched (the `entity`, `model` and
//! `fetch` of `[enums.EventType]` in `spec/contract.toml`), in every language: the core's
//! table and typed entity (`crates/leat/src/webhooks/event_table.rs`), the typed properties of
//! the Python and Node events, the page that lists them (`docs/webhook-events.md`), and the
//! mock's key for each event's entity (`crates/leat-mock/src/generated/events.rs`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::names::{camel, quote};
use crate::output::{header, header_markdown, Output};
use crate::python::{self, docstring};
use crate::spec::{EnumValue, Returns, Spec, TypeExpr};

pub fn generate(spec: &Spec, out: &mut Output) {
    out.add_rust("crates/leat/src/webhooks/event_table.rs", rust(spec));
    out.add("python/leat/webhooks/_entities.py", python_module(spec));
    out.add("node/lib/webhook-entities.js", node_module(spec));
    out.add("node/types/webhook-events.d.ts", node_types(spec));
    out.add("docs/webhook-events.md", docs(spec));
    out.add_rust("crates/leat-mock/src/generated/events.rs", mock(spec));
}

/// The mock's half: the key of `data` each event type's entity goes under, so the deliveries
/// its state changes cause carry the shape the clients read.
fn mock(spec: &Spec) -> String {
    let mut s = header("//!", "spec/contract.toml");
    s.push_str(
        "//! The key of `data` under which each webhook event type carries its entity, as the\n\
         //! clients read it.\n\n\
         /// The key of `data` that carries the entity of `event_type` (`credit_reception` for\n\
         /// `credit_reception_created`); `None` for a type whose payload is not known.\n\
         pub(crate) fn entity_key(event_type: &str) -> Option<&'static str> {\n    match event_type {\n",
    );
    for (value, key, _) in spec.event_entities() {
        let _ = writeln!(
            s,
            "        {} => Some({}),",
            quote(&value.value),
            quote(key)
        );
    }
    s.push_str("        _ => None,\n    }\n}\n");
    s
}

/// The values of `EventType`, in the spec's order.
fn event_types(spec: &Spec) -> &[EnumValue] {
    spec.enums
        .get("EventType")
        .map(|e| e.values.as_slice())
        .unwrap_or_default()
}

/// The model a fetch operation answers.
fn answers(spec: &Spec, operation: &str) -> String {
    match spec.operation(operation).map(|op| op.returns()) {
        Some(Returns::One(TypeExpr::Named(model))) => model,
        _ => unreachable!("the checker keeps fetch operations answering one model"),
    }
}

/// Every model an event carries or resolves to, by name.
fn entity_models(spec: &Spec) -> BTreeSet<String> {
    let mut models = BTreeSet::new();
    for value in event_types(spec) {
        if let Some(model) = &value.model {
            models.insert(model.clone());
        }
        if let Some(fetch) = &value.fetch {
            models.insert(answers(spec, &fetch.operation));
        }
    }
    models
}

/// Each entity key with its model, in the order the event types first name them.
fn entity_keys(spec: &Spec) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = Vec::new();
    for (_, key, model) in spec.event_entities() {
        if keys.iter().all(|(k, _)| k != key) {
            keys.push((key.to_owned(), model.to_owned()));
        }
    }
    keys
}

/// The event types whose entity is under `key`.
fn types_with(spec: &Spec, key: &str) -> Vec<String> {
    spec.event_entities()
        .into_iter()
        .filter(|(_, k, _)| *k == key)
        .map(|(v, _, _)| format!("`{}`", v.value))
        .collect()
}

/// `a`, `a or b`, `a, b or c`.
fn either(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------------
// Rust
// ---------------------------------------------------------------------------------------------

fn rust(spec: &Spec) -> String {
    let mut s = header("//!", "spec/contract.toml");
    s.push_str(
        "//! Each event type's entity and how it is fetched, and the typed entity itself.\n\n",
    );
    s.push_str("use serde_json::Value;\n\nuse crate::call::Call;\nuse crate::client::Client;\nuse crate::error::{Error, Result};\nuse crate::from_json::{DecodeError, FromJson};\nuse crate::models::*;\nuse crate::operation::Returns;\n\nuse super::events::{EventKind, Fetch, FetchRule};\n\n");
    let models = entity_models(spec);
    s.push_str("/// An entity a webhook event carries, or that resolving one fetches, typed as the API\n/// returns it.\n#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\npub enum EventEntity {\n");
    for model in &models {
        let summary = &spec.models[model].summary;
        let _ = writeln!(s, "    /// {summary}\n    {model}({model}),");
    }
    s.push_str("}\n\nimpl EventEntity {\n    /// The model's name in the spec, e.g. `Contact`.\n    pub fn model(&self) -> &'static str {\n        match self {\n");
    for model in &models {
        let _ = writeln!(
            s,
            "            EventEntity::{model}(_) => {},",
            quote(model)
        );
    }
    s.push_str("        }\n    }\n}\n\n");
    s.push_str("/// `value` read as the model called `model`; `None` for a model no event names.\npub(crate) fn decode(model: &str, value: &Value) -> Option<Result<EventEntity, DecodeError>> {\n    Some(match model {\n");
    for model in &models {
        let _ = writeln!(
            s,
            "        {} => {model}::from_json(value).map(EventEntity::{model}),",
            quote(model)
        );
    }
    s.push_str("        _ => return None,\n    })\n}\n\n");
    s.push_str("/// Sends `fetch` and reads its answer as the model it answers.\npub(crate) async fn send(client: &Client, fetch: Fetch) -> Result<EventEntity> {\n    let Fetch { operation, args, .. } = fetch;\n    match operation.returns {\n");
    let answered: BTreeSet<String> = event_types(spec)
        .iter()
        .filter_map(|v| v.fetch.as_ref().map(|f| answers(spec, &f.operation)))
        .collect();
    for model in &answered {
        let _ = writeln!(
            s,
            "        Returns::One({}) => Call::<{model}>::new(client, operation, Ok(args)).await.map(EventEntity::{model}),",
            quote(model)
        );
    }
    s.push_str("        _ => Err(Error::invalid_argument(\"event\", format!(\"{} answers no model an event resolves to\", operation.id))),\n    }\n}\n\n");
    s.push_str("/// Every event type of the spec, in its order.\npub(crate) static EVENT_KINDS: &[EventKind] = &[\n");
    for value in event_types(spec) {
        let option = |text: &Option<String>| match text {
            Some(text) => format!("Some({})", quote(text)),
            None => "None".into(),
        };
        let fetch = match &value.fetch {
            Some(fetch) => {
                let args: Vec<String> = fetch
                    .args
                    .iter()
                    .map(|(param, path)| format!("({}, {})", quote(param), quote(path)))
                    .collect();
                format!(
                    "Some(FetchRule {{ operation: {}, args: &[{}], answers: {} }})",
                    quote(&fetch.operation),
                    args.join(", "),
                    quote(&answers(spec, &fetch.operation))
                )
            }
            None => "None".into(),
        };
        let _ = writeln!(
            s,
            "    EventKind {{ event_type: {}, entity: {}, model: {}, fetch: {fetch} }},",
            quote(&value.value),
            option(&value.entity),
            option(&value.model)
        );
    }
    s.push_str("];\n");
    s
}

// ---------------------------------------------------------------------------------------------
// Python
// ---------------------------------------------------------------------------------------------

fn python_module(spec: &Spec) -> String {
    let models = entity_models(spec);
    let mut s = python::header("spec/contract.toml");
    s.push_str(&docstring(
        "The typed entity of a webhook event: :class:`EventEntities`, which \
         :class:`leat.webhooks.WebhookEvent` takes its ``entity`` property and one property per \
         kind of entity from (``event.contact``, ``event.voucher``, ...). Which key of ``data`` \
         holds the entity, which model it is and whether it reads as that model is the core's \
         to say (``_native.event_entity``); this module wraps what it says in the model classes \
         of ``leat.models``.",
        0,
    ));
    s.push_str("\nfrom __future__ import annotations\n\nfrom functools import cached_property\nfrom typing import TYPE_CHECKING, Any, Dict, Optional, Tuple, Union, cast\n\nfrom .. import _native\n\nif TYPE_CHECKING:\n");
    let mut by_group: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for model in &models {
        by_group
            .entry(spec.models[model].group.as_str())
            .or_default()
            .push(model.clone());
    }
    for (group, names) in &by_group {
        s.push_str(
            &python::from_import_at(&format!("..models.{group}"), names, 4)
                .lines()
                .map(|l| format!("    {l}\n"))
                .collect::<String>(),
        );
    }
    s.push_str("\n__all__ = [\"Entity\", \"EventEntities\", \"model_class\"]\n\n");
    let union: Vec<String> = models.iter().map(|m| format!("\"{m}\"")).collect();
    let line = format!("Entity = Union[{}]", union.join(", "));
    if line.len() <= 110 {
        let _ = writeln!(s, "{line}");
    } else {
        s.push_str("Entity = Union[\n");
        for m in &union {
            let _ = writeln!(s, "    {m},");
        }
        s.push_str("]\n");
    }
    s.push_str("\"\"\"Any entity a webhook event carries or resolves to.\"\"\"\n\n\n");
    s.push_str("def model_class(name: str) -> Any:\n    \"\"\"The class of the model called ``name`` (``\"Contact\"``) in ``leat.models``.\"\"\"\n    from .. import models\n\n    return getattr(models, name)\n\n\n");
    s.push_str("class EventEntities:\n");
    s.push_str(&docstring(
        "The entity an event carries, typed: ``entity`` (any kind), or the property of its kind \
         (``contact``, ``voucher``, ...), each ``None`` when the event carries no such entity or \
         it does not read as its model. Fields the model does not know are kept (``to_dict()``).",
        4,
    ));
    s.push_str("\n    event_type: str\n    data: Dict[str, Any]\n\n");
    s.push_str("    @cached_property\n    def _located(self) -> Optional[Tuple[str, Any]]:\n        \"\"\"The entity's key in ``data`` and the entity as its model, worked out once.\"\"\"\n        found = _native.event_entity(self.event_type, self.data)\n        if found is None:\n            return None\n        key, model = found\n        return key, model_class(model)(self.data[key])\n\n");
    s.push_str("    def _entity_under(self, key: str) -> Any:\n        located = self._located\n        return located[1] if located is not None and located[0] == key else None\n\n");
    s.push_str("    @property\n    def entity(self) -> Optional[Entity]:\n        \"\"\"The entity this event carries as its model (a ``credit_reception_created`` event's\n        ``data[\"credit_reception\"]`` as a :class:`~leat.CreditReception`, ...); ``None`` when\n        the type carries no known entity, or it is absent or does not read as its model.\n        \"\"\"\n        located = self._located\n        return None if located is None else cast(\"Entity\", located[1])\n");
    for (key, model) in entity_keys(spec) {
        let types = either(&types_with(spec, &key));
        let _ = write!(
            s,
            "\n    @property\n    def {key}(self) -> Optional[{model}]:\n{}        return cast(\"Optional[{model}]\", self._entity_under({}))\n",
            docstring(
                &format!(
                    "The ``{key}`` of a {types} event, as a :class:`~leat.{model}`; ``None`` for \
                     another type, or when absent or not a {}.",
                    key.replace('_', " ")
                ),
                8
            ),
            python::py_str(&key)
        );
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Node
// ---------------------------------------------------------------------------------------------

fn node_module(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml");
    s.push_str("// The typed entity of a webhook event: each entity key's property and mapper, and the mapper of every\n// model an event resolves to. Which key holds the entity and whether it reads as its model is the\n// core's to say (the `entity` of the addon's event envelope); lib/webhooks.js maps it with these.\n\nconst models = require('./models');\n\n");
    s.push_str("/** Each entity key of `data`, with the event's property for it and its model's mapper. */\nconst ENTITIES = Object.freeze({\n");
    for (key, model) in entity_keys(spec) {
        let _ = writeln!(
            s,
            "  {key}: {{ property: '{}', read: models.to{model} }},",
            camel(&key)
        );
    }
    s.push_str("});\n\n/** The mapper of each model an event carries or resolves to, by name. */\nconst MODELS = Object.freeze({\n");
    for model in entity_models(spec) {
        let _ = writeln!(s, "  {model}: models.to{model},");
    }
    s.push_str("});\n\nmodule.exports = { ENTITIES, MODELS };\n");
    s
}

fn node_types(spec: &Spec) -> String {
    let mut s = header("//", "spec/contract.toml");
    let models = entity_models(spec);
    let keys = entity_keys(spec);
    s.push_str("/**\n * The typed webhook event: {@link WebhookEvent}'s `entity` (and the property of its kind:\n * `contact`, `voucher`, ...) is the model the event carries, or `undefined` when absent or not\n * readable as that model. {@link KnownWebhookEvent} is the union of the known event types,\n * discriminated by `eventType`. docs/webhook-events.md lists them.\n *\n * @packageDocumentation\n */\n\n");
    let imports: Vec<&str> = models.iter().map(String::as_str).collect();
    let line = format!(
        "import type {{ {} }} from './models.js';",
        imports.join(", ")
    );
    if line.len() <= 120 {
        let _ = writeln!(s, "{line}");
    } else {
        s.push_str("import type {\n");
        for name in &imports {
            let _ = writeln!(s, "  {name},");
        }
        s.push_str("} from './models.js';\n");
    }
    s.push_str("import type { EventTypeName } from './enums.js';\n\n");
    s.push_str("/** Any entity a webhook event carries or resolves to. */\n");
    let line = format!("export type WebhookEntity = {};", imports.join(" | "));
    if line.len() <= 120 {
        let _ = writeln!(s, "{line}\n");
    } else {
        s.push_str("export type WebhookEntity =\n");
        let items: Vec<String> = imports.iter().map(|n| format!("  | {n}")).collect();
        let _ = writeln!(s, "{};\n", items.join("\n"));
    }
    s.push_str("/**\n * A verified delivery: what happened (`eventType`), its payload as Leat sent it (`data`), and\n * the entity it carries, typed: `entity`, or the property of its kind (`contact`,\n * `creditReception`, ...). `entity` and those properties are not enumerable: `JSON.stringify(event)`\n * gives `{ eventType, data }`.\n */\nexport interface WebhookEvent {\n  /** What happened, e.g. `contact_created`; an event type this SDK does not know is kept as sent. */\n  eventType: EventTypeName;\n  /**\n   * The event's payload, keys in the order Leat wrote them; `{}` when the delivery had none (PHP\n   * writes an empty payload as `[]`).\n   */\n  data: Record<string, unknown>;\n  /**\n   * The entity the event carries as its model; `undefined` when the type carries no known\n   * entity, or it is absent or not readable as its model.\n   */\n  readonly entity: WebhookEntity | undefined;\n");
    for (key, model) in &keys {
        let types = either(&types_with(spec, key));
        let _ = writeln!(
            s,
            "  /** The `{key}` of a {types} event; `undefined` for another type, or when absent. */\n  readonly {}: {model} | undefined;",
            camel(key)
        );
    }
    s.push_str("}\n\n");
    let mut names = Vec::new();
    for value in event_types(spec) {
        let name = format!("{}Event", crate::names::pascal(&value.value));
        let entity = match (&value.entity, &value.model) {
            (Some(key), Some(model)) => format!(
                "  readonly entity: {model} | undefined;\n  readonly {}: {model} | undefined;\n",
                camel(key)
            ),
            _ => "  readonly entity: undefined;\n".to_owned(),
        };
        let _ = writeln!(
            s,
            "/** A `{}` event: {} */\nexport interface {name} extends WebhookEvent {{\n  eventType: '{}';\n{entity}}}\n",
            value.value, value.summary, value.value
        );
        names.push((value.value.clone(), name));
    }
    s.push_str("/** Each known event type's event. */\nexport interface WebhookEventMap {\n");
    for (value, name) in &names {
        let _ = writeln!(s, "  {value}: {name};");
    }
    s.push_str("}\n\n/**\n * An event of a type this SDK knows, discriminated by `eventType`: after\n * `if (event.eventType === 'credit_reception_created')`, `event.entity` is a `CreditReception`\n * (or `undefined`). A `WebhookEvent` may be of a type Leat added since; check `eventType` against\n * `EventType` before treating one as known.\n */\nexport type KnownWebhookEvent = WebhookEventMap[keyof WebhookEventMap];\n");
    s
}

// ---------------------------------------------------------------------------------------------
// docs/webhook-events.md
// ---------------------------------------------------------------------------------------------

fn docs(spec: &Spec) -> String {
    let mut s = header_markdown("spec/contract.toml");
    s.push_str("# Webhook events: what each carries and how to fetch it\n\n");
    s.push_str("Each delivery is `{\"type\": \"<event type>\", \"data\": {\"<entity>\": {...}}}`, the entity as the\nAPI returns it. **Leat does not publish these payloads**: the shapes below are inferred (Leat's\nown WordPress plugin reads `data.contact` and `data.voucher`), so a receiver should stay\ntolerant: read fields by name, ignore the ones it does not know, and treat a field (or the whole\nentity) that is absent as `None` / `undefined`. The SDK reads them that way: an entity that is\nabsent or does not read as its model is `None` / `undefined`, never an error, and fields the\nmodel does not know are kept (`extra` in Rust and Node, `to_dict()` in Python).\n\n");
    s.push_str(
        "| event type | entity (`data.<key>`) | model | fetched with |\n|---|---|---|---|\n",
    );
    for value in event_types(spec) {
        let (entity, model) = match (&value.entity, &value.model) {
            (Some(entity), Some(model)) => (format!("`{entity}`"), format!("`{model}`")),
            _ => ("not known".to_owned(), "none".to_owned()),
        };
        let fetch = match &value.fetch {
            Some(fetch) => {
                let args: Vec<String> = fetch
                    .args
                    .iter()
                    .map(|(param, path)| {
                        format!(
                            "{param} = {}.{path}",
                            value.entity.as_deref().unwrap_or_default()
                        )
                    })
                    .collect();
                let answer = answers(spec, &fetch.operation);
                let gives = if Some(&answer) == value.model.as_ref() {
                    String::new()
                } else {
                    format!(": its `{answer}`")
                };
                format!("`{}({})`{gives}", fetch.operation, args.join(", "))
            }
            None => "Leat offers no way".to_owned(),
        };
        let _ = writeln!(s, "| `{}` | {entity} | {model} | {fetch} |", value.value);
    }
    s.push_str("\nLeat has no call that fetches a credit reception or a prepaid transaction: resolving one\nfetches its contact (with the balance after it). An event whose payload lacks the value the call\nneeds (say, a credit reception without `contact.uuid`) is refused with a validation error naming\nthe event type and the field, before anything is sent.\n\n");
    s.push_str("## In each language\n\n| | Rust | Python | Node |\n|---|---|---|---|\n| the entity, typed | `event.entity()` -> `Option<leat::webhooks::EventEntity>` | `event.entity`, or by kind: `event.contact`, `event.credit_reception`, ... | `event.entity`, or by kind: `event.contact`, `event.creditReception`, ... |\n| its current state | `client.webhooks().resolve(&event).await?` -> `Option<EventEntity>` | `client.webhooks.resolve(event)` (awaitable on `AsyncClient`) -> the model or `None` | `await client.webhooks.resolve(event)` -> the model or `undefined` |\n\nThe framework receivers (Python's FastAPI, Flask and Django receivers, Node's Express, Fastify\nand web receivers, Rust's `leat::webhooks::Receiver`) hand the handler these same events.\n");
    s
}
