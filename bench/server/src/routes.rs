//! What the server answers: the List body at the collection path, the Get body at any
//! `/{uuid}` below it, 404 elsewhere and 405 for anything but GET.

use std::path::Path;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};

const COLLECTION: &str = "/api/v3/oauth/clients/webhook-subscriptions";

/// The two bodies, read once; cloning shares them.
#[derive(Clone)]
pub(crate) struct Answers {
    list: Bytes,
    get: Bytes,
}

impl Answers {
    pub(crate) fn load(fixtures: &Path) -> std::io::Result<Answers> {
        let read = |name: &str| std::fs::read(fixtures.join(name)).map(Bytes::from);
        Ok(Answers {
            list: read("list.json")?,
            get: read("get.json")?,
        })
    }

    pub(crate) fn answer<B>(&self, request: &Request<B>) -> Response<Full<Bytes>> {
        if request.method() != Method::GET {
            return empty(StatusCode::METHOD_NOT_ALLOWED);
        }
        let path = request.uri().path();
        let body = match path.strip_prefix(COLLECTION) {
            Some("") => &self.list,
            Some(rest) if is_item(rest) => &self.get,
            _ => return empty(StatusCode::NOT_FOUND),
        };
        let mut response = Response::new(Full::new(body.clone()));
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    }
}

/// `/{uuid}`: one non-empty segment.
fn is_item(rest: &str) -> bool {
    rest.strip_prefix('/')
        .is_some_and(|uuid| !uuid.is_empty() && !uuid.contains('/'))
}

fn empty(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}
