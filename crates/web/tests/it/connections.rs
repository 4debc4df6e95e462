//! The server's connections: a bound on how many are open, idle ones
//! closed after the keep-alive time or when someone waits for a place, and
//! a shutdown that closes idle ones and refuses new ones. Spoken to over raw TCP, so that nothing between
//! the test and the server opens or closes connections of its own.

use std::time::Duration;

use leap_web::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use crate::App;

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nhost: leap\r\n\r\n";

async fn connect(app: &App) -> TcpStream {
    TcpStream::connect(app.url.trim_start_matches("http://"))
        .await
        .expect("connect")
}

/// Reads until the head and the `Content-Length` body of one answer are in.
async fn answer(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = stream.read(&mut buffer).await.expect("read");
        assert!(
            n > 0,
            "closed before the answer: {:?}",
            String::from_utf8_lossy(&got)
        );
        got.extend_from_slice(&buffer[..n]);
        let text = String::from_utf8_lossy(&got).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().expect("a length"))
                })
                .expect("content-length");
            if body.len() >= length {
                return text;
            }
        }
    }
}

/// One request answered on `stream`, which stays open.
async fn healthz(stream: &mut TcpStream) -> String {
    stream.write_all(HEALTHZ).await.expect("write");
    answer(stream).await
}

/// True when the server closes `stream` within `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(
        timeout(within, stream.read(&mut byte)).await,
        Ok(Ok(0) | Err(_))
    )
}

#[tokio::test]
async fn a_connection_idle_past_the_keep_alive_time_is_closed() {
    let app = App::start_with(Config {
        keep_alive: Duration::from_secs(1),
        ..Config::default()
    })
    .await;
    // After an answer, and without ever sending a request.
    let mut used = connect(&app).await;
    assert!(healthz(&mut used).await.starts_with("HTTP/1.1 200"));
    let mut silent = connect(&app).await;
    assert!(closed_within(&mut used, Duration::from_secs(5)).await);
    assert!(closed_within(&mut silent, Duration::from_secs(5)).await);

    // Within the time, the connection is kept for the next request.
    let app = App::start().await;
    let mut kept = connect(&app).await;
    healthz(&mut kept).await;
    assert!(!closed_within(&mut kept, Duration::from_millis(1500)).await);
    assert!(healthz(&mut kept).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn at_the_bound_idle_connections_give_way_to_a_new_one() {
    let app = App::start_with(Config {
        max_connections: 2,
        ..Config::default()
    })
    .await;
    // Two connections, each answered and now idle (kept for 20 s).
    let mut first = connect(&app).await;
    let mut second = connect(&app).await;
    healthz(&mut first).await;
    healthz(&mut second).await;

    // A third is answered at once: the idle ones gave up their places.
    let mut third = connect(&app).await;
    third.write_all(HEALTHZ).await.expect("write");
    let answered = timeout(Duration::from_secs(5), answer(&mut third))
        .await
        .expect("answered well before the keep-alive time");
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
    assert!(closed_within(&mut first, Duration::from_secs(5)).await);
    assert!(closed_within(&mut second, Duration::from_secs(5)).await);
}

#[tokio::test]
async fn at_the_bound_a_new_connection_waits_for_a_request_under_way() {
    let app = App::start_with(Config {
        max_connections: 2,
        ..Config::default()
    })
    .await;
    // Two connections each half-way through sending a request.
    let (head, end) = HEALTHZ.split_at(HEALTHZ.len() - 2);
    let mut first = connect(&app).await;
    let mut second = connect(&app).await;
    first.write_all(head).await.expect("write");
    second.write_all(head).await.expect("write");
    tokio::time::sleep(Duration::from_millis(200)).await;

    // A third gets through to the kernel's backlog, but no answer.
    let mut third = connect(&app).await;
    third.write_all(HEALTHZ).await.expect("write");
    assert!(
        timeout(Duration::from_millis(700), answer(&mut third))
            .await
            .is_err(),
        "answered past the bound of two connections"
    );

    // The first request is finished and answered, and its connection
    // then closes: the third is accepted and answered.
    first.write_all(end).await.expect("write");
    assert!(answer(&mut first).await.starts_with("HTTP/1.1 200"));
    assert!(closed_within(&mut first, Duration::from_secs(5)).await);
    let answered = timeout(Duration::from_secs(5), answer(&mut third))
        .await
        .expect("answered once a place is free");
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
    second.write_all(end).await.expect("write");
    assert!(answer(&mut second).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn on_shutdown_idle_connections_close_and_new_ones_are_refused() {
    let mut app = App::start().await;
    let mut idle = connect(&app).await;
    healthz(&mut idle).await;
    app.shut_down();
    assert!(closed_within(&mut idle, Duration::from_secs(5)).await);
    let refused = async {
        loop {
            match TcpStream::connect(app.url.trim_start_matches("http://")).await {
                Err(_) => break,
                Ok(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    };
    timeout(Duration::from_secs(5), refused)
        .await
        .expect("no longer listening");
}
