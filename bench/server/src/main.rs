//! `leat-bench-server --fixtures DIR [--port P] [--max-seconds S]`: serves the seed's List
//! and Get answers on 127.0.0.1 with keep-alive on one thread, prints its base URL on the
//! first line of stdout, and exits when stdin closes or after S seconds (default 1800), so
//! it never outlives the harness that started it.

mod routes;

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use routes::Answers;

struct Options {
    fixtures: PathBuf,
    port: u16,
    max_seconds: u64,
}

fn options() -> Options {
    let mut options = Options {
        fixtures: PathBuf::from("tests/fixtures/responses"),
        port: 0,
        max_seconds: 1800,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| fail(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--fixtures" => options.fixtures = PathBuf::from(value),
            "--port" => options.port = value.parse().unwrap_or_else(|_| fail("bad --port")),
            "--max-seconds" => {
                options.max_seconds = value.parse().unwrap_or_else(|_| fail("bad --max-seconds"))
            }
            other => fail(&format!("unknown option {other}")),
        }
    }
    options
}

fn fail(message: &str) -> ! {
    eprintln!("leat-bench-server: {message}");
    std::process::exit(2)
}

/// Exits the process once stdin reaches end of file: the harness holds it open.
fn exit_when_stdin_closes() {
    std::thread::spawn(|| {
        let mut sink = [0u8; 64];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        std::process::exit(0);
    });
}

fn main() {
    let options = options();
    let answers = Answers::load(&options.fixtures)
        .unwrap_or_else(|err| fail(&format!("cannot read fixtures: {err}")));
    exit_when_stdin_closes();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|err| fail(&format!("cannot start tokio: {err}")));
    runtime.block_on(async move {
        let address = SocketAddr::from(([127, 0, 0, 1], options.port));
        let listener = TcpListener::bind(address)
            .await
            .unwrap_or_else(|err| fail(&format!("cannot listen on {address}: {err}")));
        let bound = listener
            .local_addr()
            .expect("a bound listener has an address");
        println!("http://{bound}");
        tokio::select! {
            () = serve(listener, answers) => {}
            () = tokio::time::sleep(Duration::from_secs(options.max_seconds)) => {
                eprintln!("leat-bench-server: stopping after {} s", options.max_seconds);
            }
        }
    });
}

async fn serve(listener: TcpListener, answers: Answers) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let answers = answers.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let answer = answers.answer(&request);
                async move { Ok::<_, std::convert::Infallible>(answer) }
            });
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
