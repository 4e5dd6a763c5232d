//! The Rust contenders. Each subcommand prints one JSON line per measured operation (see
//! `report.rs`), the format every language's contenders share.
//!
//! ```text
//! leat-bench-rust http raw|leat --url URL --uuid UUID --calls N --concurrency C --warmup W
//! leat-bench-rust http leat-block-on|leat-current-thread --url URL --uuid UUID --calls N
//! leat-bench-rust verify --calls N
//! ```

mod args;
mod blocking;
mod load;
mod raw;
mod report;
mod sdk;
mod usage;
mod webhooks;

use std::future::Future;

use args::Args;

fn main() {
    let mut argv = std::env::args().skip(1);
    let command = argv.next().unwrap_or_default();
    match command.as_str() {
        "http" => {
            let contender = argv.next().unwrap_or_default();
            http(&contender, Args::parse(argv));
        }
        "verify" => webhooks::run(Args::parse(argv).calls),
        _ => args::fail("expected `http raw|leat ...` or `verify ...`"),
    }
}

fn http(contender: &str, args: Args) {
    if matches!(contender, "leat-block-on" | "leat-current-thread") {
        return blocking::run(contender, &args);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio starts");
    match contender {
        "raw" => {
            let client = raw::Raw::new(&args.url);
            let uuid = args.uuid.clone();
            phases(
                &runtime,
                &args,
                {
                    let client = client.clone();
                    move || {
                        let (client, uuid) = (client.clone(), uuid.clone());
                        async move { client.get(&uuid).await }
                    }
                },
                move || {
                    let client = client.clone();
                    async move { client.list().await }
                },
            );
        }
        "leat" => {
            let client = sdk::client(&args.url);
            let uuid = args.uuid.clone();
            phases(
                &runtime,
                &args,
                {
                    let client = client.clone();
                    move || {
                        let (client, uuid) = (client.clone(), uuid.clone());
                        async move { sdk::get(&client, &uuid).await }
                    }
                },
                move || {
                    let client = client.clone();
                    async move { sdk::list(&client).await }
                },
            );
        }
        other => args::fail(&format!(
            "unknown contender {other:?}: expected raw or leat"
        )),
    }
}

/// Warms up, then measures the GET phase and the list phase.
fn phases<G, GF, L, LF>(runtime: &tokio::runtime::Runtime, args: &Args, get: G, list: L)
where
    G: Fn() -> GF + Clone + Send + Sync + 'static,
    GF: Future<Output = ()> + Send + 'static,
    L: Fn() -> LF + Clone + Send + Sync + 'static,
    LF: Future<Output = ()> + Send + 'static,
{
    runtime.block_on(load::drive(args.warmup, args.concurrency, get.clone()));
    runtime.block_on(load::drive(args.warmup, args.concurrency, list.clone()));
    report::measure("get", args.calls, || {
        runtime.block_on(load::drive(args.calls, args.concurrency, get))
    });
    report::measure("list", args.calls, || {
        runtime.block_on(load::drive(args.calls, args.concurrency, list))
    });
}
