//! The core's `tracing` events, for people: `LEAT_LOG` writes them to stderr (the zero-code
//! switch), and a client made with `logger` hands them to that JavaScript object.
//!
//! A client with a logger runs each call inside a span naming the logger; a layer of the
//! addon's subscriber finds that span around each event of the core (target `leat`) and queues
//! the event, already redacted by the core, on the call queue of the logger's JavaScript
//! environment, where `lib/calls.js` calls `logger.debug/info/warn/error(message, fields)`.
//! The subscriber is installed only once `LEAT_LOG` is set or a logger registered: before
//! that, events cost nothing.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError, Weak};

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing::{Event, Instrument, Level, Subscriber};
use tracing_subscriber::filter::{dynamic_filter_fn, EnvFilter};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Registry;

use crate::calls::Sink;

/// The environment variable read when the addon loads.
const ENV_LOG: &str = "LEAT_LOG";

/// Where each registered logger's events go: its environment's call queue.
static LOGGERS: Mutex<Option<HashMap<u32, Weak<Sink>>>> = Mutex::new(None);
static LAST_LOGGER: AtomicU32 = AtomicU32::new(0);
/// Set once a logger is registered: until then no span or event is looked at.
static ANY_LOGGER: AtomicBool = AtomicBool::new(false);
static INSTALLED: OnceLock<()> = OnceLock::new();

/// Installs the subscriber at load time if `LEAT_LOG` asks for it.
pub(crate) fn install() {
    if let Some(filter) = env_filter() {
        install_with(Some(filter));
    }
}

/// `LEAT_LOG` as a filter: a bare level (`debug`, `info`, ...) applies to the SDK's own events
/// (target `leat`); any other value is read as a full filter such as `leat=trace,hyper=debug`.
fn env_filter() -> Option<EnvFilter> {
    let value = std::env::var(ENV_LOG).ok()?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let directives = if is_level(value) {
        format!("leat={value}")
    } else {
        value.to_owned()
    };
    match EnvFilter::try_new(&directives) {
        Ok(filter) => Some(filter),
        Err(err) => {
            eprintln!(
                "leat-sdk: {ENV_LOG}={value:?} is not a log filter ({err}); use e.g. debug, \
                 info, trace or leat=debug. Logging stays off."
            );
            None
        }
    }
}

fn install_with(stderr: Option<EnvFilter>) {
    INSTALLED.get_or_init(|| {
        let to_stderr = stderr.map(|filter| {
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(filter)
        });
        let to_loggers = ToLoggers.with_filter(dynamic_filter_fn(|meta, cx| {
            ANY_LOGGER.load(Ordering::Acquire)
                && if meta.is_span() {
                    meta.target() == SPAN_TARGET
                } else {
                    meta.target() == "leat"
                        && cx.lookup_current().is_some_and(|span| {
                            span.scope()
                                .any(|s| s.extensions().get::<LoggerId>().is_some())
                        })
                }
        }));
        let subscriber = Registry::default().with(to_stderr).with(to_loggers);
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

fn is_level(value: &str) -> bool {
    ["error", "warn", "info", "debug", "trace", "off"]
        .iter()
        .any(|level| value.eq_ignore_ascii_case(level))
}

/// The target of the spans that carry a logger id.
const SPAN_TARGET: &str = "leat_node::logger";

/// Registers a logger whose events go to `sink`; its id, for [`with_logger`].
pub(crate) fn register(sink: Weak<Sink>) -> u32 {
    install_with(env_filter());
    let id = LAST_LOGGER.fetch_add(1, Ordering::Relaxed) + 1;
    LOGGERS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_or_insert_with(HashMap::new)
        .insert(id, sink);
    ANY_LOGGER.store(true, Ordering::Release);
    id
}

/// Forgets logger `id`: no client uses it any more.
pub(crate) fn unregister(id: u32) {
    if let Some(loggers) = LOGGERS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_mut()
    {
        loggers.remove(&id);
    }
}

/// `call`, with the core's events during it going to logger `id`.
pub(crate) fn with_logger<F: Future>(id: u32, call: F) -> impl Future<Output = F::Output> {
    call.instrument(tracing::info_span!(target: SPAN_TARGET, "call", logger = id))
}

/// A span's logger.
struct LoggerId(u32);

/// Collects a span's `logger` field.
struct LoggerField(Option<u32>);

impl Visit for LoggerField {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "logger" {
            self.0 = u32::try_from(value).ok();
        }
    }
    fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
}

/// An event as the JavaScript logger receives it: the message, and the other fields.
#[derive(Default)]
struct Fields {
    message: String,
    fields: Map<String, Value>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields.insert(field.name().into(), value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.fields.insert(field.name().into(), value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.fields.insert(field.name().into(), value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.fields.insert(field.name().into(), value.into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let mut text = String::new();
        let _ = write!(text, "{value:?}");
        if field.name() == "message" {
            self.message = text;
        } else {
            self.fields.insert(field.name().into(), text.into());
        }
    }
}

/// The layer that hands events to JavaScript loggers.
struct ToLoggers;

impl<S> Layer<S> for ToLoggers
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        id: &tracing::span::Id,
        ctx: Context<'_, S>,
    ) {
        let mut logger = LoggerField(None);
        attrs.record(&mut logger);
        if let (Some(logger), Some(span)) = (logger.0, ctx.span(id)) {
            span.extensions_mut().insert(LoggerId(logger));
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let Some(logger) = ctx.event_scope(event).and_then(|scope| {
            scope
                .into_iter()
                .find_map(|span| span.extensions().get::<LoggerId>().map(|l| l.0))
        }) else {
            return;
        };
        let sink = LOGGERS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .and_then(|loggers| loggers.get(&logger))
            .and_then(Weak::upgrade);
        let Some(sink) = sink else {
            return;
        };
        let mut fields = Fields::default();
        event.record(&mut fields);
        let level = match *event.metadata().level() {
            Level::ERROR => "error",
            Level::WARN => "warn",
            Level::INFO => "info",
            _ => "debug",
        };
        let entry = serde_json::json!({"log": {
            "logger": logger,
            "level": level,
            "message": fields.message,
            "fields": fields.fields,
        }});
        sink.log(entry.to_string());
    }
}
