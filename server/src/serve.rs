//! Accepting connections with limits a hostile client cannot wear out.
//!
//! `axum::serve` gives hyper no timer, so a connection that sends half a
//! request (or nothing) stays open for good, and enough of them use up the
//! process's file descriptors (an outside probe kept 20,000 open and the
//! server stopped answering `/healthz/live`). Here every connection has:
//! - a deadline for its request headers (also while it idles between
//!   requests), after which hyper closes it;
//! - a deadline between the parts of a request body, and one for the whole
//!   request ([`crate::hardening`]);
//! - a place among at most `max_connections`: beyond that, new connections
//!   wait in the kernel's queue until one closes.
//!
//! On shutdown (SIGTERM or Ctrl-C) the listener closes, requests in flight
//! finish (up to `drain`), and only then does `serve` return.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long and how many.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request's headers must arrive within this (and an idle kept-alive
    /// connection is closed after it).
    pub header_read: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// How long shutting down waits for requests in flight.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            max_connections: 1024,
            drain: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish.
///
/// Every connection gets TCP_NODELAY: an answer written in several pieces
/// (the streamed 404 page) otherwise waits for the client's delayed
/// acknowledgement, 40 ms a time on a kept-alive connection.
///
/// # Errors
/// None so far: a failed accept (out of descriptors, say) is logged and
/// retried after a pause.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed; retrying shortly");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY");
        }
        // The app for this connection, with the client's address where
        // axum's `ConnectInfo` extractor finds it.
        let app = app.clone();
        let service = hyper_util::service::TowerToHyperService::new(tower::service_fn(
            move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(addr));
                app.clone().oneshot(req.map(Body::new))
            },
        ));
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("every request in flight has finished"),
        () = tokio::time::sleep(limits.drain) => {
            tracing::warn!(after = ?limits.drain, "stopped waiting for requests in flight");
        }
    }
    Ok(())
}

/// Resolves on SIGTERM (what service managers send) or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: no new connections, finishing requests in flight");
}
