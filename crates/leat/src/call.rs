//! One call of an operation, before it is sent: awaiting it sends it and reads its answer.
//! Every method of every resource returns a [`Call`], so every operation gets the same
//! per-call options, the same access to the raw answer and the same checks before sending.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use serde_json::Value;

use crate::build::{self, Args, Naming};
use crate::client::Client;
use crate::decode;
use crate::error::{Error, Result};
use crate::from_json::{DecodeError, FromJson};
use crate::operation::Operation;
use crate::options::RequestOptions;
use crate::page::{self, PageInfo};
use crate::response::{RawResponse, Response};

/// A call of one operation: a future, sent when first polled (awaited, spawned, blocked on).
/// Before that, [`Call::options`] and [`Call::with_response`] change what it does.
///
/// ```no_run
/// # async fn run(client: leat::Client) -> leat::Result<()> {
/// use std::time::Duration;
/// let subscription = client
///     .webhook_subscriptions()
///     .get("59165ef0-1afd-4baf-b1f7-ffee287aff32")
///     .options(leat::RequestOptions::new().timeout(Duration::from_secs(2)))
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    client: Result<Client>,
    op: &'static Operation,
    args: Result<Args>,
    naming: Naming,
    returns: PhantomData<fn() -> T>,
    /// Once polled: the call being sent.
    running: Option<Pin<Box<dyn Future<Output = Result<T>> + Send>>>,
}

/// What a call's result is read from: its operation and arguments, for the next page.
#[doc(hidden)]
pub struct Context<'a> {
    pub(crate) client: &'a Client,
    pub(crate) op: &'static Operation,
    pub(crate) args: &'a Args,
    pub(crate) naming: Naming,
}

/// A type a call's answer can be read into: a model, a list of them, a [`Page`](crate::Page),
/// or nothing.
pub trait Returned: Sized {
    /// Reads the answer's `data` and `meta`.
    #[doc(hidden)]
    fn read(data: Value, meta: Value, context: &Context<'_>) -> Result<Self, DecodeError>;
}

impl<T: FromJson> Returned for T {
    fn read(data: Value, _meta: Value, _context: &Context<'_>) -> Result<Self, DecodeError> {
        T::from_json(&data)
    }
}

impl Returned for () {
    fn read(_data: Value, _meta: Value, _context: &Context<'_>) -> Result<Self, DecodeError> {
        Ok(())
    }
}

/// An answer read by the operation's own rules but kept as JSON: what the Python and Node
/// bindings and the command line receive.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Dynamic {
    /// The answer's `data`, exactly as Leat sent it (checked against the operation's type).
    pub data: Value,
    /// Where the page stands, for an operation whose list pages.
    pub page: Option<PageInfo>,
}

impl Returned for Dynamic {
    fn read(data: Value, meta: Value, context: &Context<'_>) -> Result<Self, DecodeError> {
        (context.op.check)(&data)?;
        let page = context
            .op
            .returns
            .pagination()
            .map(|_| page::page_info(&meta, context));
        Ok(Dynamic { data, page })
    }
}

impl<T: Returned + Send + 'static> Call<T> {
    pub(crate) fn new(client: &Client, op: &'static Operation, args: Result<Args>) -> Self {
        Call {
            client: Ok(client.clone()),
            op,
            args,
            naming: Naming::Wire,
            returns: PhantomData,
            running: None,
        }
    }

    pub(crate) fn naming(mut self, naming: Naming) -> Self {
        self.naming = naming;
        self
    }

    /// This call with other settings than its client's (where `options` sets them).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.client = self.client.and_then(|client| client.with_options(options));
        self
    }

    /// The operation this call is of.
    pub fn operation(&self) -> &'static Operation {
        self.op
    }

    /// Checks the arguments as sending would, without sending anything.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the argument refused.
    pub fn validate(&self) -> Result<()> {
        if let Err(err) = &self.client {
            return Err(again(err));
        }
        let args = self.args.as_ref().map_err(again)?;
        build::request(self.op, args, self.naming).map(drop)
    }

    /// Sends the call; the result together with the answer it was read from.
    ///
    /// # Errors
    /// As awaiting the call.
    pub async fn with_response(self) -> Result<Response<T>> {
        self.parts().send().await
    }

    fn parts(self) -> Parts<T> {
        Parts {
            client: self.client,
            op: self.op,
            args: self.args,
            naming: self.naming,
            returns: PhantomData,
        }
    }
}

/// What a call needs to be sent.
struct Parts<T> {
    client: Result<Client>,
    op: &'static Operation,
    args: Result<Args>,
    naming: Naming,
    returns: PhantomData<fn() -> T>,
}

impl<T: Returned + Send + 'static> Parts<T> {
    async fn send(self) -> Result<Response<T>> {
        let client = self.client?;
        let args = self.args?;
        let request = build::request(self.op, &args, self.naming)?;
        let context = Context {
            client: &client,
            op: self.op,
            args: &args,
            naming: self.naming,
        };
        client
            .execute(&request, |answer| {
                let (data, meta) = decode::envelope(&request, &answer)?;
                let value = T::read(data, meta, &context).map_err(|err| {
                    decode::failure(
                        &request,
                        answer.status,
                        &answer.body,
                        err.path_from("data"),
                        err.message().to_owned(),
                    )
                })?;
                Ok(Response {
                    data: value,
                    raw: RawResponse::from_answer(answer),
                })
            })
            .await
    }
}

/// The same failure once more: a call holds only argument and configuration errors.
fn again(err: &Error) -> Error {
    match err {
        Error::InvalidArgument {
            argument,
            message,
            wrong_type,
        } => Error::InvalidArgument {
            argument: argument.clone(),
            message: message.clone(),
            wrong_type: *wrong_type,
        },
        other => Error::config(other.to_string()),
    }
}

impl<T: Returned + Send + 'static> Future for Call<T> {
    type Output = Result<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Result<T>> {
        let this = self.get_mut();
        let running = this.running.get_or_insert_with(|| {
            let parts = Parts {
                client: std::mem::replace(
                    &mut this.client,
                    Err(Error::config("this call was sent already")),
                ),
                op: this.op,
                args: std::mem::replace(&mut this.args, Ok(Args::new())),
                naming: this.naming,
                returns: PhantomData,
            };
            Box::pin(async move { parts.send().await.map(|answer| answer.data) })
        });
        running.as_mut().poll(cx)
    }
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The arguments may hold secrets: only the operation is shown.
        f.debug_struct("Call")
            .field("operation", &self.op.id)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A call of the operation with this id (`contacts.get`), its arguments by wire name (or,
    /// with [`Naming::Node`], by camelCase name): the escape hatch that reaches every
    /// operation the spec knows, checked and read by the same rules as the typed methods.
    ///
    /// ```no_run
    /// # async fn run(client: leat::Client) -> leat::Result<()> {
    /// let args = serde_json::json!({"uuid": "59165ef0-1afd-4baf-b1f7-ffee287aff32"});
    /// let answer = client
    ///     .request("webhook_subscriptions.get", args.as_object().unwrap().clone(), leat::Naming::Wire)
    ///     .await?;
    /// println!("{}", answer.data["name"]);
    /// # Ok(()) }
    /// ```
    pub fn request(&self, id: &str, args: Args, naming: Naming) -> Call<Dynamic> {
        match crate::operation::operation(id) {
            Some(op) => self.request_op(op, args, naming),
            None => Call {
                client: Ok(self.clone()),
                op: &UNKNOWN,
                args: Err(Error::invalid_argument(
                    "operation",
                    format!(
                        "{id:?} is not an operation of Leat's API; `leat operations` lists them"
                    ),
                )),
                naming,
                returns: PhantomData,
                running: None,
            },
        }
    }

    /// [`Client::request`] with the operation already looked up.
    pub fn request_op(&self, op: &'static Operation, args: Args, naming: Naming) -> Call<Dynamic> {
        Call::new(self, op, build::to_wire(op, args, naming)).naming(naming)
    }
}

/// Stands in for an operation that does not exist, in a call that fails before sending.
static UNKNOWN: Operation = Operation {
    id: "(unknown)",
    group: "",
    name: "",
    summary: "",
    method: "GET",
    path: "/",
    params: &[],
    returns: crate::operation::Returns::None,
    retry_safe: false,
    custom_attributes: false,
    errors: &[],
    python: "",
    node: "",
    check: crate::from_json::check_nothing,
};
