//! The server's connections: accepted up to a bound, closed when idle, and
//! finished on shutdown.
//!
//! A server pushed past what it can serve used to accept every connection
//! that came, and each waiting one held its buffers: hundreds of MB under
//! the load scripts' deliberate overload (BENCHMARKS.md). At the bound leap
//! stops accepting, so further clients wait in the kernel's listen backlog,
//! holding none of leap's memory. So that idle keep-alive connections
//! (browsers keep several open) cannot hold every place, a connection that
//! sends no request for the keep-alive time is closed.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

use crate::metrics::Metrics;

/// How many connections, and how long an idle one is kept.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; further clients wait to be accepted.
    pub max_connections: usize,
    /// An open connection that sends no request for this long is closed
    /// (and one that takes this long to send a request's head).
    pub keep_alive: Duration,
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes,
/// then stops accepting, closes idle connections and finishes the requests
/// under way.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let places = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    metrics.connections_allowed(limits.max_connections);
    let mut http = hyper::server::conn::http1::Builder::new();
    // hyper's header read timeout runs from the end of one answer to the
    // head of the next request, so it is the keep-alive time as well.
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.keep_alive);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let place = tokio::select! {
            place = places.clone().acquire_owned() => place.map_err(io::Error::other)?,
            () = &mut shutdown => break,
        };
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    if refused(e, &mut shutdown).await {
                        break;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // An answer goes out as soon as it is written.
        let _ = stream.set_nodelay(true);
        let service = app
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(addr));
                request
            });
        let connection = graceful
            .watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        let metrics = metrics.clone();
        metrics.connection_opened();
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%addr, error = %e, "connection ended");
            }
            metrics.connection_closed();
            drop(place);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// After a failed accept: a client that gave up is nothing; anything else
/// (out of file descriptors, most likely) is logged, and accepting waits a
/// second, since trying again at once would fail again. True when
/// `shutdown` completed meanwhile.
async fn refused(e: io::Error, shutdown: &mut (impl Future<Output = ()> + Unpin)) -> bool {
    if matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    ) {
        return false;
    }
    tracing::error!(error = %e, "could not accept a connection");
    tokio::select! {
        () = tokio::time::sleep(Duration::from_secs(1)) => false,
        () = shutdown => true,
    }
}
