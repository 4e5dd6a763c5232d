//! What the mock knows of each operation of Leat's API, as data: the types of the table that
//! leat-codegen writes from the spec into `generated/` (route, parameters, what `data` holds,
//! the spec's `mock` rule, the example answer), which the generic engine (`engine.rs`) answers
//! from.

use axum::routing::MethodFilter;

/// One operation of Leat's API, as the mock answers it.
#[derive(Debug)]
pub(crate) struct MockOperation {
    /// `<group>.<operation>`, e.g. `contacts.get`: what per-operation behaviour matches on.
    #[allow(dead_code)]
    pub id: &'static str,
    /// The group, snake_case.
    pub group: &'static str,
    pub method: Verb,
    /// The path from the host, `{name}` for each path parameter (axum's syntax).
    pub path: &'static str,
    /// The success status Leat answers.
    pub status: u16,
    pub params: &'static [Param],
    pub data: Data,
    pub rule: Rule,
    /// The success answer of the spec's example (`{"data": ..., "meta": ...}`), as JSON text.
    pub example: &'static str,
}

/// The HTTP methods Leat's operations use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    /// The axum route filter for this method.
    pub fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
            Verb::Put => MethodFilter::PUT,
            Verb::Delete => MethodFilter::DELETE,
        }
    }
}

/// One parameter of an operation.
#[derive(Debug)]
pub(crate) struct Param {
    /// The wire name.
    pub name: &'static str,
    pub place: Place,
    pub kind: Kind,
    /// Whether Leat refuses the call without it.
    pub required: bool,
    /// Whether an empty string is a value (otherwise it counts as not given).
    pub allow_empty: bool,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Path,
    Query,
    Body,
}

/// What a parameter holds, as the spec's types say.
#[derive(Debug)]
pub(crate) enum Kind {
    String,
    Uuid,
    Url,
    Email,
    Integer,
    Number,
    Boolean,
    DateTime,
    /// The spec's `date` type, which no operation's parameter has today.
    #[allow(dead_code)]
    Date,
    Json,
    List(&'static Kind),
    Map(&'static Kind),
    /// One of `values`; only those are accepted when `closed`.
    Enum {
        values: &'static [&'static str],
        closed: bool,
    },
}

/// What the `data` of a success answer holds.
#[derive(Debug)]
pub(crate) enum Data {
    /// One value (an entity, usually).
    One,
    /// A list that does not page.
    List,
    /// A list that pages.
    Page(Paging),
    /// Nothing worth returning.
    None,
}

/// How a list pages.
#[derive(Debug)]
pub(crate) struct Paging {
    pub format: PageFormat,
    /// The query parameter naming the page size (`limit`, `per_page`), when there is one.
    pub size: Option<&'static str>,
}

/// Leat's two `meta` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageFormat {
    /// `{page, limit, viewing_from, viewing_to, last_page, total}`.
    PageLimit,
    /// Laravel's `{current_page, from, last_page, links, path, per_page, to, total}`.
    Laravel,
}

/// The spec's `mock` rule: what the operation does to the account.
#[derive(Debug)]
pub(crate) struct Rule {
    /// The entities it reads or writes; `None`: it answers its example.
    pub collection: Option<&'static Collection>,
    pub action: Action,
    /// The parameter naming the entity, and the entity's field it matches.
    pub key: Option<Key>,
    /// Leat's answer when no entity has that key; `None`: the example is answered instead.
    pub not_found: Option<NotFound>,
    /// Whether `data` is the entity itself (else the example is answered once the rule acted,
    /// as when an update answers a receipt rather than the entity).
    pub answers_entity: bool,
}

/// What a rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    List,
    Get,
    Create,
    Update,
    Delete,
    /// The example as it is.
    Answer,
}

/// How a rule finds its entity.
#[derive(Debug)]
pub(crate) struct Key {
    /// The parameter giving the value (`contact_uuid`).
    pub param: &'static str,
    pub place: Place,
    /// The entity's field it matches (`uuid`).
    pub field: &'static str,
}

/// Leat's not-found answer for a resource.
#[derive(Debug)]
pub(crate) struct NotFound {
    pub code: i64,
    pub message: &'static str,
}

/// A set of entities the rules share, and the examples a fresh mock fills it from.
#[derive(Debug)]
pub(crate) struct Collection {
    pub name: &'static str,
    /// The field that tells its entities apart (`uuid`, or `id`, ...).
    pub key_field: &'static str,
    pub seeds: &'static [Seed],
}

/// An example answer whose `data` seeds a collection.
#[derive(Debug)]
pub(crate) enum Seed {
    /// Every item of a list's `data`.
    Items(&'static str),
    /// The one entity of a `data`.
    One(&'static str),
}
