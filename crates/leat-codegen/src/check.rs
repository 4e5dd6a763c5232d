//! The rules a spec must keep before anything is generated from it: names, references,
//! sources, paths against their parameters, and every example against its operation's type.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::spec::{display, EnumValue, Operation, Param, Returns, Scalar, Spec, TypeExpr};

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE"];
const PLACES: &[&str] = &["path", "query", "body"];
const PATH_PREFIX: &str = "/api/v3/oauth/clients";
/// Names Python cannot take as a keyword argument or a method.
pub(crate) const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];
const FIELD_KINDS: &[&str] = &[
    "text",
    "integer",
    "bool",
    "duration",
    "field_errors",
    "headers",
    "bytes",
];

/// Every problem found; empty when the spec is sound.
pub fn check(spec: &Spec) -> Vec<String> {
    let mut problems = Vec::new();
    check_contract(spec, &mut problems);
    for (key, source) in &spec.sources {
        if source.what.trim().is_empty() {
            problems.push(format!(
                "spec/sources.toml: {key} says nothing of what it is"
            ));
        }
    }
    let codes: BTreeSet<i64> = spec.contract.error_codes.iter().map(|c| c.code).collect();
    let mut ids = BTreeSet::new();
    let mut routes = BTreeMap::new();
    for group in &spec.groups {
        let file = display(&group.file);
        let stem = group
            .file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        if stem != group.name {
            problems.push(format!(
                "{file}: the group is called {:?}, so the file must be groups/{}.toml",
                group.name, group.name
            ));
        }
        if !is_snake(&group.name) {
            problems.push(format!(
                "{file}: group name {:?} is not snake_case",
                group.name
            ));
        }
        sentence(&file, "summary", &group.summary, &mut problems);
        check_sources(spec, &file, &group.sources, &mut problems);
        for op in &group.operations {
            let at = format!("{file}: {}", op.id);
            if !ids.insert(op.id.clone()) {
                problems.push(format!("{at}: defined twice"));
            }
            let route = format!("{} {}", op.method, normal_path(&op.path));
            if let Some(other) = routes.insert(route.clone(), op.id.clone()) {
                problems.push(format!("{at}: {route} is also {other}"));
            }
            check_operation(spec, &at, op, &codes, &mut problems);
        }
        for (name, model) in &group.models {
            let at = format!("{file}: model {name}");
            if !is_pascal(name) {
                problems.push(format!("{at}: not PascalCase"));
            }
            sentence(&at, "summary", &model.summary, &mut problems);
            check_sources(spec, &at, &model.sources, &mut problems);
            let mut seen = BTreeSet::new();
            for field in &model.fields {
                if !seen.insert(field.name.as_str()) {
                    problems.push(format!("{at}: field {} is listed twice", field.name));
                }
                match TypeExpr::parse(&field.type_text) {
                    Ok(ty) => resolve(spec, &format!("{at}.{}", field.name), &ty, &mut problems),
                    Err(err) => problems.push(format!("{at}.{}: {err}", field.name)),
                }
                if field.empty_when_absent() && !field.type_text.starts_with("list<") {
                    problems.push(format!(
                        "{at}.{}: `absent = \"empty\"` is for lists",
                        field.name
                    ));
                }
                if let Some(absent) = &field.absent {
                    if absent != "empty" {
                        problems.push(format!("{at}.{}: absent must be \"empty\"", field.name));
                    }
                }
                if field.summary.trim().is_empty() {
                    problems.push(format!("{at}.{}: no summary", field.name));
                }
            }
        }
    }
    for (id, _) in spec.examples.iter() {
        if !ids.contains(id) {
            problems.push(format!("spec/examples/{id}.json: no operation has this id"));
        }
    }
    problems
}

fn check_contract(spec: &Spec, problems: &mut Vec<String>) {
    let mut names = BTreeSet::new();
    for class in &spec.contract.error_classes {
        let at = format!("spec/contract.toml: error class {}", class.name);
        if class.name != "LeatError" && !names.contains(class.parent.as_str()) {
            problems.push(format!(
                "{at}: parent {:?} is not a class listed before it",
                class.parent
            ));
        }
        names.insert(class.name.as_str());
        match (&class.kind, &class.variant, class.name.as_str()) {
            (_, _, "LeatError") => {}
            (Some(_), None, _) | (None, Some(_), _) => {}
            _ => problems.push(format!(
                "{at}: needs exactly one of `kind` (API errors) or `variant`"
            )),
        }
        for field in &class.fields {
            if !FIELD_KINDS.contains(&field.kind.as_str()) {
                problems.push(format!(
                    "{at}.{}: kind {:?} is not one of {FIELD_KINDS:?}",
                    field.name, field.kind
                ));
            }
        }
    }
    let mut codes = BTreeSet::new();
    for code in &spec.contract.error_codes {
        if !codes.insert(code.code) {
            problems.push(format!(
                "spec/contract.toml: code {} is listed twice",
                code.code
            ));
        }
        let api = spec
            .contract
            .error_classes
            .iter()
            .find(|c| c.name == code.class);
        if api.is_none_or(|c| c.kind.is_none()) {
            problems.push(format!(
                "spec/contract.toml: code {} maps to {:?}, which is not an API error class",
                code.code, code.class
            ));
        }
    }
    for (name, e) in &spec.enums {
        let at = format!("enum {name}");
        if !is_pascal(name) {
            problems.push(format!("{at}: not PascalCase"));
        }
        if spec.models.contains_key(name) {
            problems.push(format!("{at}: a model has the same name"));
        }
        check_sources(spec, &at, &e.sources, problems);
        let mut seen = BTreeSet::new();
        for value in &e.values {
            if !seen.insert(value.value.as_str()) {
                problems.push(format!("{at}: {} is listed twice", value.value));
            }
            check_event_entity(spec, name, value, problems);
        }
    }
}

/// An event type's `entity`, `model` and `fetch`: a snake_case key and a model of the spec
/// together, and a fetch through an operation that answers one model, every parameter of it
/// that is required given, each from a path of string fields in the entity's model.
fn check_event_entity(spec: &Spec, enum_name: &str, value: &EnumValue, problems: &mut Vec<String>) {
    let at = format!("enum {enum_name}: {}", value.value);
    let given = value.entity.is_some() || value.model.is_some() || value.fetch.is_some();
    if enum_name != "EventType" {
        if given {
            problems.push(format!(
                "{at}: entity, model and fetch are for EventType's values only"
            ));
        }
        return;
    }
    let (entity, model) = match (&value.entity, &value.model) {
        (Some(entity), Some(model)) => (entity, model),
        (None, None) if value.fetch.is_none() => return,
        (None, None) => {
            problems.push(format!("{at}: a fetch needs the entity it starts from"));
            return;
        }
        _ => {
            problems.push(format!("{at}: entity and model go together"));
            return;
        }
    };
    if !is_snake(entity) {
        problems.push(format!("{at}: entity {entity:?} is not snake_case"));
    }
    if !spec.models.contains_key(model) {
        problems.push(format!("{at}: model {model} is not a model of the spec"));
        return;
    }
    let Some(fetch) = &value.fetch else {
        return;
    };
    let Some(op) = spec.operation(&fetch.operation) else {
        problems.push(format!(
            "{at}: fetch operation {:?} is not an operation of the spec",
            fetch.operation
        ));
        return;
    };
    match op.returns() {
        Returns::One(TypeExpr::Named(answer)) if spec.models.contains_key(&answer) => {}
        _ => problems.push(format!(
            "{at}: fetch operation {} answers {}, not one model",
            op.id, op.returns
        )),
    }
    if op.custom_attributes {
        problems.push(format!(
            "{at}: fetch operation {} takes custom attributes",
            op.id
        ));
    }
    for param in op.params.iter().filter(|p| p.is_required()) {
        if !fetch.args.contains_key(&param.name) {
            problems.push(format!(
                "{at}: fetch gives {} no {}, which it requires",
                op.id, param.name
            ));
        }
    }
    for (arg, path) in &fetch.args {
        if op.params.iter().all(|p| &p.name != arg) {
            problems.push(format!("{at}: {} has no parameter {arg}", op.id));
        }
        if let Err(problem) = entity_path(spec, model, path) {
            problems.push(format!("{at}: fetch {arg} = {path:?}: {problem}"));
        }
    }
}

/// Checks that `path` (`contact.uuid`) names a string field of `model`, through model fields.
fn entity_path(spec: &Spec, model: &str, path: &str) -> Result<(), String> {
    let mut owner = model.to_owned();
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let fields = &spec.models[&owner].fields;
        let Some(field) = fields.iter().find(|f| f.name == *segment) else {
            return Err(format!("{owner} has no field {segment:?}"));
        };
        let last = i + 1 == segments.len();
        match (field.ty(), last) {
            (TypeExpr::Scalar(Scalar::String | Scalar::Uuid), true) => {}
            (TypeExpr::Named(next), false) if spec.models.contains_key(&next) => owner = next,
            (ty, true) => return Err(format!("{owner}.{segment} is {ty}, not a string")),
            (ty, false) => return Err(format!("{owner}.{segment} is {ty}, not a model")),
        }
    }
    Ok(())
}

fn check_operation(
    spec: &Spec,
    at: &str,
    op: &Operation,
    codes: &BTreeSet<i64>,
    problems: &mut Vec<String>,
) {
    if !is_snake(&op.name) {
        problems.push(format!("{at}: name is not snake_case"));
    }
    if PYTHON_KEYWORDS.contains(&op.name.as_str()) {
        problems.push(format!(
            "{at}: {:?} is a Python keyword; name the operation otherwise",
            op.name
        ));
    }
    sentence(at, "summary", &op.summary, problems);
    if !METHODS.contains(&op.method.as_str()) {
        problems.push(format!(
            "{at}: method {:?} is not one of {METHODS:?}",
            op.method
        ));
    }
    if !op.path.starts_with(PATH_PREFIX) {
        problems.push(format!("{at}: path must start with {PATH_PREFIX}"));
    }
    check_sources(spec, at, &op.sources, problems);
    if op.sources.is_empty() {
        problems.push(format!("{at}: cites no source"));
    }
    let in_path = path_params(&op.path);
    let declared: Vec<&str> = op.params_in("path").map(|p| p.name.as_str()).collect();
    if in_path != declared {
        problems.push(format!(
            "{at}: the path names {in_path:?} but the path params are {declared:?} (same names, same order)"
        ));
    }
    let mut seen = BTreeSet::new();
    for param in &op.params {
        check_param(spec, at, param, problems);
        if !seen.insert(param.name.as_str()) {
            problems.push(format!("{at}: param {} is listed twice", param.name));
        }
    }
    if op.custom_attributes && seen.contains("custom_attributes") {
        problems.push(format!(
            "{at}: custom_attributes = true adds that parameter itself"
        ));
    }
    match Returns::parse(&op.returns) {
        Ok(returns) => {
            if let Some(item) = returns.item() {
                resolve(spec, &format!("{at}: returns"), item, problems);
            }
            let paged = matches!(returns, Returns::Page(_));
            match (&op.pagination, paged) {
                (None, false) => {}
                (Some(kind), true) if kind == "page_limit" || kind == "laravel" => {
                    if !op.params_in("query").any(|p| p.name == "page") {
                        problems.push(format!(
                            "{at}: a paged operation needs a `page` query param"
                        ));
                    }
                }
                (Some(kind), true) => problems.push(format!(
                    "{at}: pagination {kind:?} is not \"page_limit\" or \"laravel\""
                )),
                (None, true) => problems.push(format!("{at}: page<...> needs `pagination`")),
                (Some(_), false) => {
                    problems.push(format!("{at}: `pagination` needs returns = page<...>"))
                }
            }
            match spec.examples.get(&op.id) {
                Some(example) => check_example(
                    spec,
                    at,
                    &returns,
                    op.pagination.as_deref(),
                    example,
                    problems,
                ),
                None => problems.push(format!("{at}: no spec/examples/{}.json", op.id)),
            }
        }
        Err(err) => problems.push(format!("{at}: returns: {err}")),
    }
    if !(200..300).contains(&op.success_status()) {
        problems.push(format!(
            "{at}: status {} is not a success",
            op.success_status()
        ));
    }
    if let Some(retry) = &op.retry {
        if retry != "safe" && retry != "unsafe" {
            problems.push(format!("{at}: retry must be \"safe\" or \"unsafe\""));
        }
        if retry == "safe" && op.method == "POST" && op.notes.is_none() {
            problems.push(format!(
                "{at}: a POST marked safe must say in `notes` why a repeat is harmless"
            ));
        }
    }
    for code in &op.errors {
        if !codes.contains(code) {
            problems.push(format!(
                "{at}: error code {code} is not in spec/contract.toml; add it there with its class"
            ));
        }
    }
    if let Some(example) = &op.example {
        if example != "recorded" && example != "inferred" {
            problems.push(format!(
                "{at}: example must be \"recorded\" or \"inferred\""
            ));
        }
    }
    if let Some(mock) = &op.mock {
        const ACTIONS: &[&str] = &["list", "get", "create", "update", "delete", "answer"];
        if let Some(action) = &mock.action {
            if !ACTIONS.contains(&action.as_str()) {
                problems.push(format!(
                    "{at}: mock action {action:?} is not one of {ACTIONS:?}"
                ));
            }
        }
        if let Some(key) = &mock.key {
            if !op.params.iter().any(|p| &p.name == key) {
                problems.push(format!("{at}: mock key {key:?} is not a param"));
            }
        }
        if let Some(code) = mock.not_found {
            if !codes.contains(&code) {
                problems.push(format!(
                    "{at}: mock not_found {code} is not in spec/contract.toml"
                ));
            }
        }
    }
}

fn check_param(spec: &Spec, at: &str, param: &Param, problems: &mut Vec<String>) {
    let at = format!("{at}: param {}", param.name);
    if !PLACES.contains(&param.place.as_str()) {
        problems.push(format!("{at}: `in` must be one of {PLACES:?}"));
    }
    if param.summary.trim().is_empty() {
        problems.push(format!("{at}: no summary"));
    }
    let name_ok = param
        .name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && param
            .name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase());
    if PYTHON_KEYWORDS.contains(&param.name.as_str()) {
        problems.push(format!(
            "{at}: {:?} is a Python keyword and cannot be a keyword argument",
            param.name
        ));
    }
    if !name_ok {
        problems.push(format!(
            "{at}: a parameter name must be snake_case (a filter such as created_at[gte] is a map param `created_at`)"
        ));
    }
    match TypeExpr::parse(&param.type_text) {
        Ok(ty) => {
            resolve(spec, &at, &ty, problems);
            if param.place == "path"
                && !matches!(ty, TypeExpr::Scalar(Scalar::Uuid | Scalar::String))
            {
                problems.push(format!("{at}: a path parameter is a uuid or a string"));
            }
            for name in ty.names() {
                if spec.models.contains_key(name) {
                    problems.push(format!(
                        "{at}: a parameter cannot be a model; use map<json> or json"
                    ));
                }
            }
        }
        Err(err) => problems.push(format!("{at}: {err}")),
    }
}

/// Every name must be a model or an enum.
fn resolve(spec: &Spec, at: &str, ty: &TypeExpr, problems: &mut Vec<String>) {
    for name in ty.names() {
        if !spec.models.contains_key(name) && !spec.enums.contains_key(name) {
            problems.push(format!(
                "{at}: {name} is neither a model nor an enum of the spec"
            ));
        }
    }
}

fn check_sources(spec: &Spec, at: &str, sources: &[String], problems: &mut Vec<String>) {
    for source in sources {
        let key = source.split(':').next().unwrap_or_default();
        if !spec.sources.contains_key(key) {
            problems.push(format!(
                "{at}: source {source:?}: {key:?} is not in spec/sources.toml"
            ));
        }
    }
}

fn sentence(at: &str, key: &str, text: &str, problems: &mut Vec<String>) {
    let text = text.trim();
    if text.is_empty()
        || !text.ends_with('.')
        || text.chars().next().is_some_and(|c| c.is_lowercase())
    {
        problems.push(format!(
            "{at}: {key} must be a sentence (a capital first, a full stop last)"
        ));
    }
}

fn check_example(
    spec: &Spec,
    at: &str,
    returns: &Returns,
    pagination: Option<&str>,
    example: &Value,
    problems: &mut Vec<String>,
) {
    let at = format!("{at}: example");
    let Some(object) = example.as_object() else {
        problems.push(format!(
            "{at}: must be an object {{\"data\": ..., \"meta\": ...}}"
        ));
        return;
    };
    let Some(data) = object.get("data") else {
        problems.push(format!("{at}: has no `data`"));
        return;
    };
    match returns {
        Returns::None => {}
        Returns::One(ty) => check_value(spec, &format!("{at}: data"), ty, data, problems),
        Returns::List(ty) | Returns::Page(ty) => match data.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_value(spec, &format!("{at}: data[{i}]"), ty, item, problems);
                }
            }
            None => problems.push(format!("{at}: data must be a list")),
        },
    }
    if let Some(kind) = pagination {
        let meta = object.get("meta").and_then(Value::as_object);
        let wanted: &[&str] = if kind == "laravel" {
            &["current_page", "last_page", "total"]
        } else {
            &["page", "last_page", "total"]
        };
        for key in wanted {
            if !meta.is_some_and(|m| m.contains_key(*key)) {
                problems.push(format!("{at}: a {kind} page's meta needs {key}"));
            }
        }
    }
}

/// `value` has the shape `ty` says, as the generated decoders will read it.
pub fn check_value(
    spec: &Spec,
    at: &str,
    ty: &TypeExpr,
    value: &Value,
    problems: &mut Vec<String>,
) {
    let wrong = |problems: &mut Vec<String>, what: &str| {
        let shown = value.to_string();
        let shown = if shown.len() > 60 {
            format!("{}...", &shown[..60])
        } else {
            shown
        };
        problems.push(format!("{at}: expected {what}, got {shown}"));
    };
    match ty {
        TypeExpr::Scalar(scalar) => match scalar {
            Scalar::Json => {}
            Scalar::Integer => {
                if !(value.is_i64() || value.is_u64()) {
                    wrong(problems, "an integer");
                }
            }
            Scalar::Number => {
                if !value.is_number() {
                    wrong(problems, "a number");
                }
            }
            Scalar::Boolean => {
                if !value.is_boolean() {
                    wrong(problems, "true or false");
                }
            }
            Scalar::DateTime => match value.as_str() {
                Some(text) if looks_like_datetime(text) => {}
                _ => wrong(problems, "an ISO 8601 date-time with offset"),
            },
            Scalar::Date => match value.as_str() {
                Some(text) if text.len() == 10 && text.as_bytes()[4] == b'-' => {}
                _ => wrong(problems, "a date YYYY-MM-DD"),
            },
            _ => {
                if !value.is_string() {
                    wrong(problems, "a string");
                }
            }
        },
        TypeExpr::List(inner) => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_value(spec, &format!("{at}[{i}]"), inner, item, problems);
                }
            }
            None => wrong(problems, "a list"),
        },
        TypeExpr::Map(inner) => match value {
            Value::Object(map) => {
                for (key, item) in map {
                    check_value(spec, &format!("{at}.{key}"), inner, item, problems);
                }
            }
            // PHP writes an empty map as [].
            Value::Array(items) if items.is_empty() => {}
            _ => wrong(problems, "an object"),
        },
        TypeExpr::Named(name) => {
            if let Some(e) = spec.enums.get(name) {
                match value.as_str() {
                    Some(text) if e.open || e.values.iter().any(|v| v.value == text) => {}
                    _ => wrong(problems, &format!("a {name}")),
                }
                return;
            }
            let Some(model) = spec.models.get(name) else {
                return;
            };
            let Some(object) = value.as_object() else {
                wrong(problems, &format!("a {name} object"));
                return;
            };
            for field in &model.fields {
                let at = format!("{at}.{}", field.name);
                match object.get(&field.name) {
                    None if field.optional || field.empty_when_absent() => {}
                    None => problems.push(format!(
                        "{at}: missing; mark the field optional if Leat may leave it out"
                    )),
                    Some(Value::Null) if field.nullable || field.empty_when_absent() => {}
                    Some(Value::Null) => {
                        problems.push(format!("{at}: null; mark the field nullable"))
                    }
                    // PHP's empty object.
                    Some(Value::Array(items))
                        if items.is_empty() && spec.is_model_type(&field.ty()) => {}
                    Some(item) => check_value(spec, &at, &field.ty(), item, problems),
                }
            }
        }
    }
}

impl Spec {
    fn is_model_type(&self, ty: &TypeExpr) -> bool {
        matches!(ty, TypeExpr::Named(name) if self.is_model(name))
    }
}

fn looks_like_datetime(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 20
        && bytes[4] == b'-'
        && (bytes[10] == b'T' || bytes[10] == b' ')
        && text
            .get(19..)
            .is_some_and(|tail| text.ends_with('Z') || tail.contains('+') || tail.contains('-'))
}

/// `{name}` segments of a path, in order.
pub fn path_params(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

/// The path with every parameter written `{}`, to compare routes.
fn normal_path(path: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn is_snake(name: &str) -> bool {
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
}

pub fn is_pascal(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}
