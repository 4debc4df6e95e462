//! The server's connections: accepted up to a bound, closed when idle, and
//! finished on shutdown.
//!
//! A server pushed past what it can serve used to accept every connection
//! that came, and each waiting one held its buffers: hundreds of MB under
//! the load scripts' deliberate overload (BENCHMARKS.md). At the bound leap
//! stops accepting, so further clients wait in the kernel's listen backlog,
//! holding none of leap's memory. So that idle keep-alive connections
//! (browsers keep several open) cannot hold every place, a connection that
//! sends no request for the keep-alive time is closed, and when every place
//! is taken and someone waits, those idle for half a second close.

use std::future::Future;
use std::io;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify, Semaphore};
use tower::ServiceExt as _;

use crate::metrics::Metrics;

/// A connection idle at least this long gives its place to a client
/// waiting for one. Any sooner, and a client sending its next request on a
/// connection just answered would find it closing under the request.
const IDLE_ENOUGH: Duration = Duration::from_millis(500);

/// Whether a connection has a request under way, and since when it has
/// had none (milliseconds from the server's start).
struct Activity {
    under_way: AtomicUsize,
    idle_since: AtomicU64,
}

impl Activity {
    fn new(start: Instant) -> Self {
        Self {
            under_way: AtomicUsize::new(0),
            idle_since: AtomicU64::new(millis_since(start)),
        }
    }

    fn idle_enough(&self, start: Instant) -> bool {
        self.under_way.load(Ordering::Acquire) == 0
            && millis_since(start).saturating_sub(self.idle_since.load(Ordering::Acquire))
                >= IDLE_ENOUGH.as_millis() as u64
    }
}

fn millis_since(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// A request under way on a connection, until it is answered or dropped.
struct UnderWay {
    activity: Arc<Activity>,
    start: Instant,
}

impl UnderWay {
    fn begin(activity: Arc<Activity>, start: Instant) -> Self {
        activity.under_way.fetch_add(1, Ordering::AcqRel);
        Self { activity, start }
    }
}

impl Drop for UnderWay {
    fn drop(&mut self) {
        self.activity
            .idle_since
            .store(millis_since(self.start), Ordering::Release);
        self.activity.under_way.fetch_sub(1, Ordering::AcqRel);
    }
}

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
    let places_in_all = limits.max_connections.max(1);
    let places = Arc::new(Semaphore::new(places_in_all));
    metrics.connections_allowed(limits.max_connections);
    let mut http = hyper::server::conn::http1::Builder::new();
    // hyper's header read timeout runs from the end of one answer to the
    // head of the next request, so it is the keep-alive time as well.
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.keep_alive);
    // Asks the open connections idle long enough to close: told every
    // IDLE_ENOUGH while someone waits for a place.
    let make_room = Arc::new(Notify::new());
    // Tells every connection to close once it has no request under way.
    let (stop, stopping) = watch::channel(false);
    let start = Instant::now();
    let mut shutdown = std::pin::pin!(shutdown);
    'accepting: loop {
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
        // At most this one connection waits for a place, holding no more
        // than its socket; the clients after it wait in the kernel's
        // listen queue.
        let place = match places.clone().try_acquire_owned() {
            Ok(place) => place,
            // Every place is taken: the connections idle long enough give
            // theirs up (a browser opens a new one when it needs it), and
            // are asked again while the client waits.
            Err(_) => loop {
                make_room.notify_waiters();
                tokio::select! {
                    place = places.clone().acquire_owned() => break place.map_err(io::Error::other)?,
                    () = tokio::time::sleep(IDLE_ENOUGH) => {}
                    () = &mut shutdown => break 'accepting,
                }
            },
        };
        // An answer goes out as soon as it is written.
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new(start));
        let counted = activity.clone();
        let service = app
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(addr));
                request
            })
            .map_future(move |answer| {
                let under_way = UnderWay::begin(counted.clone(), start);
                async move {
                    let answered = answer.await;
                    drop(under_way);
                    answered
                }
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let metrics = metrics.clone();
        let make_room = make_room.clone();
        let mut stopping = stopping.clone();
        metrics.connection_opened();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            let mut closing = false;
            let ended = loop {
                tokio::select! {
                    ended = connection.as_mut() => break ended,
                    () = make_room.notified(), if !closing => {
                        if activity.idle_enough(start) {
                            closing = true;
                            connection.as_mut().graceful_shutdown();
                        }
                    }
                    // A watch, not a notice: a shutdown told while this
                    // task was busy is still seen.
                    _ = stopping.changed(), if !closing => {
                        closing = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            };
            if let Err(e) = ended {
                tracing::debug!(%addr, error = %e, "connection ended");
            }
            metrics.connection_closed();
            drop(place);
        });
    }
    drop(listener);
    // Every connection closes once its request is answered; each holds a
    // place until it has, so having them all back means all are done.
    let _ = stop.send(true);
    let _ = places
        .acquire_many(u32::try_from(places_in_all).unwrap_or(u32::MAX))
        .await;
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
