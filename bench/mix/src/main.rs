//! leap-mix: many distinct signed-in people against `leap serve`.
//!
//! Each request goes as one of the people in the credentials file (a
//! different one each time, in a fixed pseudo-random order), to one of the
//! routes of the mix, chosen by weight. Requests are sent at a fixed rate
//! whatever the server does (an open loop), and each one's latency is
//! counted from when it was due, not from when it could be sent, so a
//! server that falls behind shows it (no coordinated omission).
//!
//! Usage:
//!   leap-mix --url URL --people FILE --mix SPEC --rate R [--seconds S]
//!   leap-mix --url URL --people FILE --mix SPEC --find-max [--p99-ms 10] [--seconds S]
//!            [--warm-up S]
//!
//! FILE: one line per person, `TOKEN<TAB>COOKIE` (a personal API token and
//! a signed-in session's cookie, `leap=...`).
//! SPEC: `WEIGHT:METHOD:PATH,...`; a path under /api/ is sent with the
//! token, any other with the cookie; POST /api/v1/journal and POST
//! /api/v1/plan/items get a body of their own.
//!
//! Prints one Markdown row per rate: requests, 2xx/3xx, other statuses,
//! p50, p90, p99 and max in milliseconds; with --find-max, the highest rate
//! whose p99 stays under the limit with no error (a rate that fails is
//! tried a second time before it counts as failed). --warm-up S first sends
//! the mix at the starting rate for S seconds, not counted: a cold server
//! (no page cached, the database's pages not yet read) otherwise fails the
//! first rate tried and the search settles low.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

type Http = Client<HttpConnector, Full<Bytes>>;

#[derive(Clone)]
struct Route {
    weight: u32,
    method: hyper::Method,
    path: String,
}

struct Person {
    token: String,
    cookie: String,
}

struct Setup {
    url: String,
    people: Vec<Person>,
    routes: Vec<Route>,
    total_weight: u32,
}

/// What one run measured.
struct Run {
    rate: u32,
    sent: usize,
    ok: usize,
    other: BTreeMap<String, usize>,
    /// Milliseconds, sorted.
    latencies: Vec<f64>,
}

impl Run {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[i.min(self.latencies.len() - 1)]
    }

    fn row(&self) -> String {
        let other = if self.other.is_empty() {
            "none".to_owned()
        } else {
            self.other
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "| {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            self.rate,
            self.sent,
            self.ok,
            other,
            self.percentile(0.5),
            self.percentile(0.9),
            self.percentile(0.99),
            self.latencies.last().copied().unwrap_or(0.0)
        )
    }
}

/// A fixed pseudo-random sequence (xorshift), so that runs are alike.
struct Order(u64);

impl Order {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

fn body_for(method: &hyper::Method, path: &str, n: usize) -> Option<String> {
    if method != hyper::Method::POST {
        return None;
    }
    match path {
        "/api/v1/journal" => Some(format!(
            r#"{{"text": "Ran the weekly operations review and delegated two actions ({n})"}}"#
        )),
        "/api/v1/plan/items" => Some(format!(
            r#"{{"text": "Shadow the budget review with finance ({n})", "competencies": ["budgeting-funding"]}}"#
        )),
        _ => Some("{}".to_owned()),
    }
}

async fn one(http: &Http, setup: &Setup, route: &Route, person: &Person, n: usize) -> String {
    let uri = format!("{}{}", setup.url, route.path);
    let mut req = hyper::Request::builder()
        .method(route.method.clone())
        .uri(uri);
    if route.path.starts_with("/api/") {
        req = req.header("authorization", format!("Bearer {}", person.token));
    } else {
        req = req.header("cookie", &person.cookie);
    }
    let body = body_for(&route.method, &route.path, n);
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let Ok(req) = req.body(Full::new(Bytes::from(body.unwrap_or_default()))) else {
        return "bad request".to_owned();
    };
    match tokio::time::timeout(Duration::from_secs(30), http.request(req)).await {
        Err(_) => "timeout".to_owned(),
        Ok(Err(e)) => format!("error: {e}"),
        Ok(Ok(r)) => {
            let status = r.status();
            // Read the whole answer: the time counts until it is in.
            let _ = r.into_body().collect().await;
            status.as_u16().to_string()
        }
    }
}

async fn run(http: &Http, setup: &Arc<Setup>, rate: u32, seconds: u32) -> Run {
    let total = (rate as usize) * (seconds as usize);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, f64)>();
    let start = Instant::now() + Duration::from_millis(50);
    let mut order = Order(0x9e37_79b9_7f4a_7c15);
    for i in 0..total {
        let due = start + Duration::from_secs_f64(i as f64 / f64::from(rate));
        let pick = (order.next() % u64::from(setup.total_weight)) as u32;
        let mut acc = 0;
        let route = setup
            .routes
            .iter()
            .find(|r| {
                acc += r.weight;
                pick < acc
            })
            .unwrap_or(&setup.routes[0])
            .clone();
        let person = (order.next() % setup.people.len() as u64) as usize;
        tokio::time::sleep_until(due.into()).await;
        let (http, setup, tx) = (http.clone(), setup.clone(), tx.clone());
        tokio::spawn(async move {
            let status = one(&http, &setup, &route, &setup.people[person], i).await;
            let ms = due.elapsed().as_secs_f64() * 1000.0;
            let _ = tx.send((status, ms));
        });
    }
    drop(tx);
    let mut out = Run {
        rate,
        sent: total,
        ok: 0,
        other: BTreeMap::new(),
        latencies: Vec::with_capacity(total),
    };
    while let Some((status, ms)) = rx.recv().await {
        if status.starts_with('2') || status.starts_with('3') {
            out.ok += 1;
        } else {
            *out.other.entry(status).or_default() += 1;
        }
        out.latencies.push(ms);
    }
    out.latencies.sort_by(f64::total_cmp);
    out
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn fail(message: &str) -> ! {
    eprintln!("leap-mix: {message}");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = arg(&args, "--url").unwrap_or_else(|| fail("--url is needed"));
    let file = arg(&args, "--people").unwrap_or_else(|| fail("--people FILE is needed"));
    let spec = arg(&args, "--mix").unwrap_or_else(|| fail("--mix SPEC is needed"));
    let seconds: u32 = arg(&args, "--seconds")
        .map(|s| {
            s.parse()
                .unwrap_or_else(|_| fail("--seconds: a whole number"))
        })
        .unwrap_or(10);
    let people: Vec<Person> = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| fail(&format!("{file}: {e}")))
        .lines()
        .filter_map(|l| {
            let (token, cookie) = l.split_once('\t')?;
            Some(Person {
                token: token.to_owned(),
                cookie: cookie.to_owned(),
            })
        })
        .collect();
    if people.is_empty() {
        fail("no people in the file (TOKEN<TAB>COOKIE per line)");
    }
    let routes: Vec<Route> = spec
        .split(',')
        .map(|part| {
            let mut it = part.splitn(3, ':');
            let (Some(w), Some(m), Some(p)) = (it.next(), it.next(), it.next()) else {
                fail(&format!("--mix: '{part}' is not WEIGHT:METHOD:PATH"))
            };
            Route {
                weight: w
                    .parse()
                    .unwrap_or_else(|_| fail(&format!("--mix: weight '{w}'"))),
                method: m
                    .parse()
                    .unwrap_or_else(|_| fail(&format!("--mix: method '{m}'"))),
                path: p.to_owned(),
            }
        })
        .collect();
    let total_weight = routes.iter().map(|r| r.weight).sum();
    if total_weight == 0 {
        fail("--mix: the weights add up to nothing");
    }
    let setup = Arc::new(Setup {
        url: url.trim_end_matches('/').to_owned(),
        people,
        routes,
        total_weight,
    });
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(256)
        .build_http();

    println!("| rate (req/s) | requests | 2xx/3xx | other | p50 ms | p90 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|---|---|");
    if args.iter().any(|a| a == "--find-max") {
        let limit: f64 = arg(&args, "--p99-ms")
            .map(|s| s.parse().unwrap_or_else(|_| fail("--p99-ms: a number")))
            .unwrap_or(10.0);
        let mut good: Option<u32> = None;
        let mut bad: Option<u32> = None;
        let mut rate: u32 = arg(&args, "--start")
            .map(|s| {
                s.parse()
                    .unwrap_or_else(|_| fail("--start: a whole number"))
            })
            .unwrap_or(100);
        if let Some(warm) = arg(&args, "--warm-up") {
            let warm: u32 = warm
                .parse()
                .unwrap_or_else(|_| fail("--warm-up: a whole number of seconds"));
            let r = run(&http, &setup, rate, warm).await;
            println!("{} (warm-up, not counted)", r.row());
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        let mut retried = false;
        for _ in 0..20 {
            let r = run(&http, &setup, rate, seconds).await;
            let fine = r.other.is_empty() && r.percentile(0.99) <= limit;
            // A rate that fails is tried once more before it counts: one
            // stall (a checkpoint, PostgreSQL's autovacuum) would otherwise
            // set the upper bound and the search could never rise above it.
            if !fine && !retried {
                retried = true;
                println!("{} (failed: tried again)", r.row());
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            println!("{}", r.row());
            retried = false;
            if fine {
                good = Some(rate);
            } else {
                bad = Some(rate);
            }
            rate = match (good, bad) {
                (Some(g), None) => g + g / 2 + 1,
                (None, Some(b)) => (b / 2).max(1),
                (Some(g), Some(b)) if b > g + g / 20 + 1 => (g + b) / 2,
                _ => break,
            };
            // Let the server settle between runs.
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        match good {
            Some(g) => println!("\nHighest rate with p99 ≤ {limit} ms and no error: {g} req/s"),
            None => println!("\nNo rate tried kept p99 ≤ {limit} ms with no error"),
        }
    } else {
        let rate: u32 = arg(&args, "--rate")
            .map(|s| s.parse().unwrap_or_else(|_| fail("--rate: a whole number")))
            .unwrap_or_else(|| fail("--rate R or --find-max is needed"));
        let r = run(&http, &setup, rate, seconds).await;
        println!("{}", r.row());
    }
}
