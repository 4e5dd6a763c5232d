//! Lists that page: Leat's two `meta` formats read into one [`Page`], the next page's call,
//! and streams over every page or every item.

use futures_util::stream::{self, BoxStream, StreamExt};
use serde_json::Value;

use crate::build::{Args, Naming};
use crate::call::{Call, Context, Returned};
use crate::client::Client;
use crate::error::Result;
use crate::from_json::{DecodeError, FromJson};
use crate::operation::{Operation, Pagination};

/// Where a page stands in its list, from either of Leat's `meta` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageInfo {
    /// This page's number, from 1.
    pub page: u64,
    /// The number of the last page, when Leat said.
    pub last_page: Option<u64>,
    /// How many items a page holds, when Leat said (`limit` or `per_page`).
    pub per_page: Option<u64>,
    /// How many items the whole list holds, when Leat said.
    pub total: Option<u64>,
    /// The next page's number, when there is one.
    pub next_page: Option<u64>,
}

/// A whole number as Leat may write it in `meta`: a number or a numeric string (`"10"`).
fn number(meta: &Value, key: &str) -> Option<u64> {
    match meta.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl PageInfo {
    /// Reads `meta` as `pagination` writes it; `requested` is the page asked for, for when
    /// `meta` says nothing.
    pub fn read(pagination: Pagination, meta: &Value, requested: Option<u64>) -> PageInfo {
        let (page_key, size_key) = match pagination {
            Pagination::PageLimit => ("page", "limit"),
            Pagination::Laravel => ("current_page", "per_page"),
        };
        let page = number(meta, page_key).or(requested).unwrap_or(1).max(1);
        let last_page = number(meta, "last_page");
        let per_page = number(meta, size_key);
        let total = number(meta, "total");
        let more = match (last_page, total, per_page) {
            (Some(last), _, _) => page < last,
            (None, Some(total), Some(size)) if size > 0 => page.saturating_mul(size) < total,
            _ => false,
        };
        PageInfo {
            page,
            last_page,
            per_page,
            total,
            next_page: more.then(|| page + 1),
        }
    }
}

/// One page of a list, and the way to the next.
///
/// ```no_run
/// # async fn run(client: leat::Client) -> leat::Result<()> {
/// use futures_util::TryStreamExt;
/// let mut contacts = client.contacts().list(Default::default()).items();
/// while let Some(contact) = contacts.try_next().await? {
///     println!("{}", contact.uuid);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Where this page stands.
    pub info: PageInfo,
    /// `meta` as Leat sent it.
    pub meta: Value,
    next: Option<Next>,
}

#[derive(Debug, Clone)]
struct Next {
    client: Client,
    op: &'static Operation,
    args: Args,
    naming: Naming,
}

impl<T> Page<T> {
    /// Whether another page follows.
    pub fn has_next_page(&self) -> bool {
        self.next.is_some()
    }

    /// The call that fetches the next page, when there is one.
    pub fn next_page(&self) -> Option<Call<Page<T>>>
    where
        T: FromJson + Send + 'static,
    {
        let next = self.next.as_ref()?;
        Some(Call::new(&next.client, next.op, Ok(next.args.clone())).naming(next.naming))
    }
}

impl<T: FromJson> Returned for Page<T> {
    fn read(data: Value, meta: Value, context: &Context<'_>) -> Result<Self, DecodeError> {
        let items = Vec::<T>::from_json(&data)?;
        let info = page_info(&meta, context);
        let next = info.next_page.map(|page| Next {
            client: context.client.clone(),
            op: context.op,
            args: with_page(context.args, page),
            naming: context.naming,
        });
        Ok(Page {
            items,
            info,
            meta,
            next,
        })
    }
}

/// Where the answer to `context`'s call stands, if its operation pages.
pub(crate) fn page_info(meta: &Value, context: &Context<'_>) -> PageInfo {
    let pagination = context
        .op
        .returns
        .pagination()
        .unwrap_or(Pagination::PageLimit);
    let requested = context.args.get("page").and_then(Value::as_u64);
    PageInfo::read(pagination, meta, requested)
}

/// `args` asking for page `page`.
pub(crate) fn with_page(args: &Args, page: u64) -> Args {
    let mut next = args.clone();
    next.insert("page".into(), Value::from(page));
    next
}

impl<T: FromJson + Send + 'static> Call<Page<T>> {
    /// Every page from this one on, fetched one at a time as the stream is read; a failed
    /// page ends it.
    pub fn pages(self) -> BoxStream<'static, Result<Page<T>>> {
        stream::unfold(Some(self), |call| async move {
            let page = call?.await;
            let next = page.as_ref().ok().and_then(Page::next_page);
            Some((page, next))
        })
        .boxed()
    }

    /// Every item from this page on, across pages, fetched as the stream is read.
    pub fn items(self) -> BoxStream<'static, Result<T>> {
        self.pages()
            .flat_map(|page| {
                let items: Vec<Result<T>> = match page {
                    Ok(page) => page.items.into_iter().map(Ok).collect(),
                    Err(err) => vec![Err(err)],
                };
                stream::iter(items)
            })
            .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_meta_formats_read_alike() {
        let leat = json!({"page": 2, "limit": "10", "last_page": 5, "total": 45});
        let info = PageInfo::read(Pagination::PageLimit, &leat, None);
        assert_eq!(
            (info.page, info.per_page, info.next_page),
            (2, Some(10), Some(3))
        );
        let laravel = json!({"current_page": 3, "per_page": 15, "last_page": 3, "total": 40});
        let info = PageInfo::read(Pagination::Laravel, &laravel, None);
        assert_eq!(
            (info.page, info.last_page, info.next_page),
            (3, Some(3), None)
        );
    }

    #[test]
    fn meta_that_says_nothing_ends_the_list() {
        for meta in [json!([]), json!({}), json!(null)] {
            let info = PageInfo::read(Pagination::PageLimit, &meta, Some(4));
            assert_eq!((info.page, info.next_page), (4, None));
        }
        let by_total = json!({"page": 1, "limit": 10, "total": 11});
        assert_eq!(
            PageInfo::read(Pagination::PageLimit, &by_total, None).next_page,
            Some(2)
        );
    }
}
