//! Fault soak, Rust: thousands of mixed calls against a mock scripted at random (seeded) with
//! 503, 429 + Retry-After, 500, dropped connections, delays past the timeout and malformed
//! bodies. Checks that every call ends in a success or a typed error within its timeout, that
//! no subscription is created twice or lost, that every GET/PUT/DELETE that could succeed
//! did, and that memory stays flat. `make soak` runs it; SOAK_CALLS and SOAK_SEED tune it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use leat::{Client, CreateParams, Error, UpdateParams, WEBHOOK_SUBSCRIPTIONS_PATH};
use leat_mock::{Fault, MockServer};

const TIMEOUT: Duration = Duration::from_millis(800);
const MAX_RETRIES: u32 = 2;
fn worker_count() -> usize {
    env_number("SOAK_WORKERS", 32) as usize
}

#[derive(Default)]
struct Tally {
    outcomes: BTreeMap<String, usize>,
    max_latency: Duration,
    acknowledged: Vec<String>,
    deleted: Vec<String>,
    should_have_succeeded_but_failed: usize,
    secrets_in_errors: usize,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn class_of(result: &Result<(), Error>) -> String {
    match result {
        Ok(()) => "ok".into(),
        Err(Error::Api(api)) => format!("api:{:?}", api.kind),
        Err(Error::Connection { .. }) => "connection".into(),
        Err(Error::Timeout { .. }) => "timeout".into(),
        Err(Error::Decode { .. }) => "decode".into(),
        Err(other) => format!("other:{other}"),
    }
}

/// A fault the client retries through (Leat did not act, or the answer never came).
fn retryable_fault(rng: &mut fastrand::Rng) -> Fault {
    match rng.u8(0..4) {
        0 => Fault::status(503),
        1 => Fault::status(429).header("Retry-After", "0"),
        2 => Fault::status(500),
        _ => Fault::drop_connection(),
    }
}

/// A fault that ends the call: a short delay (then success), a malformed body, or a delay
/// past the timeout. Returns whether the call can still succeed.
fn final_fault(rng: &mut fastrand::Rng) -> (Fault, bool) {
    match rng.u8(0..3) {
        0 => (Fault::delay(Duration::from_millis(rng.u64(10..100))), true),
        1 => (Fault::malformed_body(), false),
        _ => (Fault::delay(TIMEOUT + Duration::from_millis(200)), false),
    }
}

/// Faults for one call: retryable ones, then perhaps one that ends the call; and whether
/// the call could succeed. Every fault is consumed by the call, so none is left behind.
fn faults_for_one_call(rng: &mut fastrand::Rng) -> (Vec<Fault>, bool) {
    let retryable = rng.usize(0..=(MAX_RETRIES as usize + 1));
    let mut faults: Vec<Fault> = (0..retryable).map(|_| retryable_fault(rng)).collect();
    let mut can_succeed = retryable <= MAX_RETRIES as usize;
    if can_succeed && rng.bool() {
        let (last, succeeds) = final_fault(rng);
        faults.push(last);
        can_succeed = succeeds;
    }
    (faults, can_succeed)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let calls = env_number("SOAK_CALLS", 3000) as usize;
    let seed = env_number("SOAK_SEED", 42);
    let mock = Arc::new(MockServer::start().await?);
    let client = Client::builder()
        .base_url(mock.url())
        .api_key(mock.api_key())
        .timeout(TIMEOUT)
        .max_retries(MAX_RETRIES)
        .initial_backoff(Duration::from_millis(5))
        .build()?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let rss_start = rss_kib();
    // The mock keeps every request it receives; forget them as we go so that memory
    // measures the client, not the log.
    let janitor = {
        let mock = mock.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                mock.clear_requests();
            }
        })
    };
    let mut rss_middle = 0;
    let mut workers = Vec::new();
    let workers_count = worker_count();
    for worker in 0..workers_count {
        let (client, mock, tally) = (client.clone(), mock.clone(), tally.clone());
        let share = calls / workers_count;
        workers.push(tokio::spawn(async move {
            let mut rng = fastrand::Rng::with_seed(seed ^ worker as u64);
            let mut owned: Vec<String> = Vec::new();
            for call in 0..share {
                let subs = client.webhook_subscriptions();
                let op = if owned.is_empty() { 0 } else { rng.u8(0..5) };
                // Faults aimed at this worker's own uuid path can only be taken by this call.
                let target = owned.last().cloned();
                let mut expect_success = true;
                if op != 0 && op != 4 {
                    let path = format!(
                        "{WEBHOOK_SUBSCRIPTIONS_PATH}/{}",
                        target.as_deref().unwrap_or("")
                    );
                    let (faults, can_succeed) = faults_for_one_call(&mut rng);
                    expect_success = can_succeed;
                    mock.script(faults.into_iter().map(|f| f.on_path(&path)).collect());
                } else if op == 0 {
                    // Creates share the POST faults: any may take any; none may duplicate.
                    let (faults, _) = faults_for_one_call(&mut rng);
                    mock.script(faults.into_iter().map(|f| f.on_method("POST")).collect());
                }
                let began = Instant::now();
                let result: Result<(), Error> = match op {
                    0 => {
                        let name = format!("soak-{worker}-{call}");
                        match subs
                            .create(CreateParams::new(
                                name,
                                "contact_created",
                                "https://example.com/soak",
                            ))
                            .await
                        {
                            Ok(created) => {
                                tally
                                    .lock()
                                    .unwrap()
                                    .acknowledged
                                    .push(created.uuid.clone());
                                owned.push(created.uuid);
                                Ok(())
                            }
                            Err(err) => Err(err),
                        }
                    }
                    1 => subs.get(target.as_deref().unwrap()).await.map(|_| ()),
                    2 => subs
                        .update(
                            target.as_deref().unwrap(),
                            UpdateParams {
                                name: Some(format!("renamed-{call}")),
                                ..Default::default()
                            },
                        )
                        .await
                        .map(|_| ()),
                    3 => {
                        let uuid = owned.pop().unwrap();
                        // Gone or maybe gone: a delete whose outcome is unknown may have acted.
                        tally.lock().unwrap().deleted.push(uuid.clone());
                        subs.delete(&uuid).await
                    }
                    _ => subs.list(Default::default()).await.map(|_| ()),
                };
                let latency = began.elapsed();
                let mut tally = tally.lock().unwrap();
                tally.max_latency = tally.max_latency.max(latency);
                if let Err(err) = &result {
                    let text = format!("{err} {err:?}");
                    if text.contains(mock.api_key()) {
                        tally.secrets_in_errors += 1;
                    }
                    if expect_success && op != 0 && op != 4 {
                        tally.should_have_succeeded_but_failed += 1;
                        eprintln!("op {op} should have succeeded: {err}");
                    }
                }
                *tally.outcomes.entry(class_of(&result)).or_default() += 1;
            }
        }));
    }
    for (index, worker) in workers.into_iter().enumerate() {
        worker.await?;
        if index == workers_count / 3 {
            rss_middle = rss_kib();
        }
    }
    janitor.abort();
    let elapsed = started.elapsed();
    let rss_end = rss_kib();

    let tally = tally.lock().unwrap();
    let stored = mock.subscriptions();
    let mut names: HashMap<String, usize> = HashMap::new();
    for subscription in &stored {
        let name = subscription["name"].as_str().unwrap_or_default();
        if name.starts_with("soak-") {
            *names.entry(name.to_owned()).or_default() += 1;
        }
    }
    let duplicates: usize = names.values().filter(|&&n| n > 1).count();
    let stored_uuids: Vec<&str> = stored.iter().filter_map(|s| s["uuid"].as_str()).collect();
    let lost = tally
        .acknowledged
        .iter()
        .filter(|uuid| !tally.deleted.contains(uuid) && !stored_uuids.contains(&uuid.as_str()))
        .count();
    let total: usize = tally.outcomes.values().sum();
    let untyped: usize = tally
        .outcomes
        .keys()
        .filter(|k| k.starts_with("other:"))
        .map(|k| tally.outcomes[k])
        .sum();
    let over_deadline = tally.max_latency > TIMEOUT + Duration::from_millis(100);

    println!("| soak (Rust) | value |");
    println!("|---|---|");
    println!(
        "| calls | {total} in {:.1} s, seed {seed} |",
        elapsed.as_secs_f64()
    );
    for (class, count) in &tally.outcomes {
        println!("| outcome {class} | {count} |");
    }
    println!(
        "| max latency vs timeout | {} ms vs {} ms |",
        tally.max_latency.as_millis(),
        TIMEOUT.as_millis()
    );
    println!(
        "| creates acknowledged / stored | {} / {} |",
        tally.acknowledged.len(),
        names.len()
    );
    println!("| duplicates | {duplicates} |");
    println!("| acknowledged but lost | {lost} |");
    println!(
        "| GET/PUT/DELETE that could succeed but failed | {} |",
        tally.should_have_succeeded_but_failed
    );
    println!("| untyped failures | {untyped} |");
    println!("| key in an error message | {} |", tally.secrets_in_errors);
    println!("| RSS start / a third in / end | {rss_start} / {rss_middle} / {rss_end} KiB |");
    let failed = duplicates > 0
        || lost > 0
        || untyped > 0
        || over_deadline
        || tally.should_have_succeeded_but_failed > 0
        || tally.secrets_in_errors > 0;
    if failed {
        return Err("the soak found a broken invariant (see the table)".into());
    }
    Ok(())
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
