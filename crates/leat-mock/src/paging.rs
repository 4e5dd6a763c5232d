//! Lists that page, as Leat pages them: the page asked for (`page`) of the size asked for (the
//! operation's `limit` or `per_page`, else the size its example shows), and `meta` written in
//! the operation's own format (`{page, limit, viewing_from, viewing_to, last_page, total}`, or
//! Laravel's `{current_page, from, last_page, links, path, per_page, to, total}`), with the keys
//! its example has, in that order and with those types (`"limit": "10"` stays text).

use serde_json::{json, Map, Value};

use crate::table::{PageFormat, Paging};

/// The page size when neither the call nor the example says (Laravel's default).
const DEFAULT_SIZE: u64 = 30;
/// Laravel lists every page link up to this many pages, and a window around the current page
/// beyond.
const ALL_LINKS_BELOW: u64 = 14;

/// One page of a list: which, of what size, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    page: u64,
    size: u64,
    total: u64,
}

impl Window {
    fn last_page(self) -> u64 {
        self.total.div_ceil(self.size).max(1)
    }

    fn start(self) -> u64 {
        (self.page - 1).saturating_mul(self.size)
    }

    /// How many items this page holds.
    fn len(self) -> u64 {
        self.total.saturating_sub(self.start()).min(self.size)
    }
}

/// The answer body for `entities` paged: `example` (the operation's example answer) with its
/// `data`, `meta` and top-level `links` (where it has them) made for the page that `fields`
/// ask for. `list_url` is the list's absolute URL, without a query.
pub(crate) fn page(
    paging: &Paging,
    example: &Value,
    fields: &Map<String, Value>,
    entities: &[Value],
    list_url: &str,
) -> Value {
    let example_meta = example.get("meta").and_then(Value::as_object);
    let size_key = match paging.format {
        PageFormat::PageLimit => "limit",
        PageFormat::Laravel => "per_page",
    };
    let asked = |name: &str| fields.get(name).and_then(Value::as_u64);
    let size = paging
        .size
        .and_then(asked)
        .or_else(|| {
            let meta = example_meta?;
            ["limit", "per_page", size_key]
                .iter()
                .find_map(|key| whole(meta.get(*key)?))
        })
        .unwrap_or(DEFAULT_SIZE)
        .max(1);
    let window = Window {
        page: asked("page").unwrap_or(1).max(1),
        size,
        total: entities.len() as u64,
    };
    let start = usize::try_from(window.start()).unwrap_or(usize::MAX);
    let items: Vec<Value> = entities
        .iter()
        .skip(start)
        .take(usize::try_from(window.len()).unwrap_or(usize::MAX))
        .cloned()
        .collect();
    let mut body = match example {
        Value::Object(body) => body.clone(),
        _ => Map::new(),
    };
    body.insert("data".into(), Value::Array(items));
    body.insert(
        "meta".into(),
        Value::Object(meta(paging.format, example_meta, window, list_url)),
    );
    if let Some(Value::Object(_)) = body.get("links") {
        body.insert("links".into(), top_links(window, list_url));
    }
    Value::Object(body)
}

/// A whole number in `meta`, written as a number or as text.
fn whole(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

fn meta(
    format: PageFormat,
    example: Option<&Map<String, Value>>,
    window: Window,
    list_url: &str,
) -> Map<String, Value> {
    let standard: &[&str] = match format {
        PageFormat::PageLimit => &[
            "page",
            "limit",
            "viewing_from",
            "viewing_to",
            "last_page",
            "total",
        ],
        PageFormat::Laravel => &[
            "current_page",
            "from",
            "last_page",
            "links",
            "path",
            "per_page",
            "to",
            "total",
        ],
    };
    let keys: Vec<(String, Option<&Value>)> = match example {
        Some(meta) if !meta.is_empty() => meta.iter().map(|(k, v)| (k.clone(), Some(v))).collect(),
        _ => standard.iter().map(|k| ((*k).to_owned(), None)).collect(),
    };
    let empty = window.len() == 0;
    let (from, to) = (window.start() + 1, window.start() + window.len());
    let mut out = Map::new();
    for (key, recorded) in keys {
        let value = match key.as_str() {
            "page" | "current_page" => json!(window.page),
            "limit" | "per_page" => match recorded {
                Some(Value::String(_)) => json!(window.size.to_string()),
                _ => json!(window.size),
            },
            "viewing_from" => json!(if empty { 0 } else { from }),
            "viewing_to" => json!(if empty { 0 } else { to }),
            "from" => {
                if empty {
                    Value::Null
                } else {
                    json!(from)
                }
            }
            "to" => {
                if empty {
                    Value::Null
                } else {
                    json!(to)
                }
            }
            "last_page" => json!(window.last_page()),
            "total" => json!(window.total),
            "path" => json!(list_url),
            "links" => meta_links(window, list_url),
            _ => recorded.cloned().unwrap_or(Value::Null),
        };
        out.insert(key, value);
    }
    out
}

fn page_url(list_url: &str, page: u64) -> Value {
    json!(format!("{list_url}?page={page}"))
}

/// Laravel's top-level `links`: the first, last, previous and next pages' URLs.
fn top_links(window: Window, list_url: &str) -> Value {
    let last = window.last_page();
    json!({
        "first": page_url(list_url, 1),
        "last": page_url(list_url, last),
        "prev": if window.page > 1 { page_url(list_url, window.page - 1) } else { Value::Null },
        "next": if window.page < last { page_url(list_url, window.page + 1) } else { Value::Null },
    })
}

/// Laravel's `meta.links`: previous, each page (a window of them, with `...` gaps, when there
/// are many), next; labels as Leat recorded them (`pagination.previous`).
fn meta_links(window: Window, list_url: &str) -> Value {
    let last = window.last_page();
    let link = |url: Value, label: String, active: bool| json!({"url": url, "label": label, "active": active});
    let gap = || link(Value::Null, "...".into(), false);
    let mut links = vec![link(
        if window.page > 1 {
            page_url(list_url, window.page - 1)
        } else {
            Value::Null
        },
        "pagination.previous".into(),
        false,
    )];
    let shown: Vec<u64> = if last < ALL_LINKS_BELOW {
        (1..=last).collect()
    } else {
        let around = window.page.saturating_sub(3).max(1)..=(window.page + 3).min(last);
        let mut pages: Vec<u64> = [1, 2, last - 1, last].into_iter().chain(around).collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    };
    let mut previous = 0;
    for page in shown {
        if page > previous + 1 {
            links.push(gap());
        }
        links.push(link(
            page_url(list_url, page),
            page.to_string(),
            page == window.page,
        ));
        previous = page;
    }
    links.push(link(
        if window.page < last {
            page_url(list_url, window.page + 1)
        } else {
            Value::Null
        },
        "pagination.next".into(),
        false,
    ));
    Value::Array(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_beyond_the_last_is_empty_and_says_where_the_list_ends() {
        let window = Window {
            page: 4,
            size: 2,
            total: 5,
        };
        assert_eq!(window.len(), 0);
        assert_eq!(window.last_page(), 3);
        let meta = meta(PageFormat::Laravel, None, window, "http://x/l");
        assert_eq!(meta["from"], Value::Null);
        assert_eq!(meta["last_page"], json!(3));
    }

    #[test]
    fn many_pages_link_a_window_around_the_current_one() {
        let window = Window {
            page: 10,
            size: 1,
            total: 20,
        };
        let labels: Vec<String> = meta_links(window, "u")
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["label"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            labels,
            [
                "pagination.previous",
                "1",
                "2",
                "...",
                "7",
                "8",
                "9",
                "10",
                "11",
                "12",
                "13",
                "...",
                "19",
                "20",
                "pagination.next"
            ]
        );
    }
}
