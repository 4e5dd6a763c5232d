//! The generic engine: a route for every operation of the spec's table (`generated/`) but those
//! answered by hand (webhook subscriptions, `subscriptions.rs`), and the steps each request
//! goes through: authorization, the input read (query and body, JSON or PHP-style form),
//! checked as Leat checks it (`checks.rs`), then the operation's `mock` rule (`actions.rs`).
//!
//! An operation that needs behaviour of its own (a balance that moves, a voucher redeemed
//! once) gets it from its flow (`flows/`), between the checks and the generic rule; the
//! changes a flow names become webhooks once the answer is decided (`events.rs`).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum::routing::MethodRouter;
use axum::Router;
use bytes::Bytes;
use http::{HeaderMap, Uri};

use crate::actions;
use crate::checks;
use crate::events;
use crate::flows;
use crate::generated::operations::OPERATIONS;
use crate::input;
use crate::oauth::authorize;
use crate::responses::json_response;
use crate::state::Shared;
use crate::subscriptions;
use crate::table::MockOperation;

/// A route for every operation the engine answers, its methods together on one path.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    let mut paths: BTreeMap<&'static str, MethodRouter<Arc<Shared>>> = BTreeMap::new();
    for op in OPERATIONS.iter().copied() {
        if op.group == subscriptions::GROUP {
            continue;
        }
        let handler = move |State(shared): State<Arc<Shared>>,
                            uri: Uri,
                            headers: HeaderMap,
                            body: Bytes| async move {
            answer(&shared, op, &uri, &headers, &body)
        };
        let methods = paths.remove(op.path).unwrap_or_default();
        paths.insert(op.path, methods.on(op.method.filter(), handler));
    }
    paths
        .into_iter()
        .fold(Router::new(), |router, (path, methods)| {
            router.route(path, methods)
        })
}

/// One request to `op`, from its bytes to the answer.
fn answer(
    shared: &Arc<Shared>,
    op: &'static MockOperation,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let checked = authorize(shared, headers)
        .and_then(|()| input::read(op, uri, headers, body))
        .and_then(|mut input| {
            checks::validate(op, &mut input.fields)?;
            Ok(input)
        });
    let input = match checked {
        Ok(input) => input,
        Err(refused) => return refused,
    };
    let (response, events) = {
        let mut state = shared.state();
        let store = &mut state.store;
        let call = flows::Call {
            op,
            input: &input,
            url: &shared.settings.url,
        };
        match flows::answer(store, &call) {
            Some(Ok(outcome)) => (json_response(outcome.status, &outcome.body), outcome.events),
            Some(Err(refused)) => (refused, Vec::new()),
            None => (
                actions::perform(store, &shared.settings.url, op, &input),
                Vec::new(),
            ),
        }
    };
    // The answer is decided: the webhooks its changes cause go out on their own.
    events::emit(shared, events);
    response
}
