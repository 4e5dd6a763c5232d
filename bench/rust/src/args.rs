//! The command-line options shared by the subcommands.

/// Options of a run; the HTTP ones are ignored by `verify`.
pub(crate) struct Args {
    pub url: String,
    pub uuid: String,
    pub calls: usize,
    pub concurrency: usize,
    pub warmup: usize,
}

impl Args {
    pub(crate) fn parse(mut argv: impl Iterator<Item = String>) -> Args {
        let mut args = Args {
            url: String::new(),
            uuid: String::new(),
            calls: 1000,
            concurrency: 1,
            warmup: 100,
        };
        while let Some(flag) = argv.next() {
            let value = argv
                .next()
                .unwrap_or_else(|| fail(&format!("{flag} needs a value")));
            let number = || {
                value
                    .parse::<usize>()
                    .unwrap_or_else(|_| fail(&format!("{flag} takes a number, got {value:?}")))
            };
            match flag.as_str() {
                "--url" => args.url = value.clone(),
                "--uuid" => args.uuid = value.clone(),
                "--calls" => args.calls = number(),
                "--concurrency" => args.concurrency = number().max(1),
                "--warmup" => args.warmup = number(),
                other => fail(&format!("unknown option {other}")),
            }
        }
        args
    }
}

pub(crate) fn fail(message: &str) -> ! {
    eprintln!("leat-bench-rust: {message}");
    std::process::exit(2)
}
