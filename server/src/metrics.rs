//! Prometheus metrics at `/metrics`, through the `metrics` facade and its
//! Prometheus exporter (without the exporter's own listener: the app
//! serves the page itself, to this host or to a bearer of `METRICS_TOKEN`).
//!
//! - `http_requests_total{route,method,status}` and
//!   `http_request_duration_seconds{route,method}` (a histogram): `route` is
//!   the route's template (`/p/{slug}`), never the address itself, so that
//!   the series stay few; files and unknown addresses are `other`.
//! - `search_engine_errors_total{op}`: the engine failed a search (the
//!   database answered instead) or an index update (the outbox retries).
//! - At each scrape: `outbox_pending`, `outbox_oldest_pending_seconds`,
//!   `read_cache_hits_total`, `read_cache_misses_total`,
//!   `db_pool_connections`, `db_pool_idle_connections`.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use app::server::AppState;
use app::server::search::{EngineQuery, EngineResults, SearchDoc, SearchEngine, SearchError};

/// The process's recorder, installed on first use (the tests run several
/// servers in one process; they share it).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
                ],
            )
            .expect("valid buckets")
            .install_recorder()
            .expect("the only metrics recorder of the process")
    })
}

/// The template of the route that answered, handed from the routing layer
/// to [`track`] in the answer's extensions.
#[derive(Clone)]
struct RouteTemplate(String);

/// Inside the router (`route_layer`): notes which route answered.
pub async fn template(matched: Option<MatchedPath>, req: Request<Body>, next: Next) -> Response {
    let route = matched.map(|m| m.as_str().to_string());
    let mut response = next.run(req).await;
    if let Some(route) = route {
        response.extensions_mut().insert(RouteTemplate(route));
    }
    response
}

/// Around everything: counts the request and times it.
pub async fn track(req: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let response = next.run(req).await;
    let route = response
        .extensions()
        .get::<RouteTemplate>()
        .map_or_else(|| "other".to_string(), |r| r.0.clone());
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "http_requests_total",
        "route" => route.clone(),
        "method" => method.clone(),
        "status" => status
    )
    .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route, "method" => method)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: to a request straight from this host (no proxy named a
/// client in between), or bearing `METRICS_TOKEN`; 404 to anyone else, as
/// if there were no such page.
pub async fn serve(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let forwarded = headers.contains_key("x-forwarded-for") || headers.contains_key("forwarded");
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let token_ok = match (&state.settings.metrics_token, bearer) {
        (Some(want), Some(got)) => constant_time_eq(want.as_bytes(), got.as_bytes()),
        _ => false,
    };
    if !(token_ok || (peer.ip().is_loopback() && !forwarded)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    scrape(&state).await;
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The figures read at each scrape.
async fn scrape(state: &AppState) {
    let db = &state.db;
    let backend = db.get_database_backend();
    let sql = "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE delivered_at IS NULL";
    match db
        .query_one_raw(Statement::from_string(backend, sql.to_string()))
        .await
    {
        Ok(Some(row)) => {
            let pending: i64 = row.try_get_by_index(0).unwrap_or(0);
            let oldest: Option<chrono::DateTime<chrono::Utc>> =
                row.try_get_by_index(1).ok().flatten();
            metrics::gauge!("outbox_pending").set(pending as f64);
            let lag = oldest.map_or(0.0, |t| {
                (chrono::Utc::now() - t).num_milliseconds().max(0) as f64 / 1000.0
            });
            metrics::gauge!("outbox_oldest_pending_seconds").set(lag);
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "reading the outbox for metrics"),
    }
    let (hits, misses) = state.reads.hits_and_misses();
    metrics::counter!("read_cache_hits_total").absolute(hits);
    metrics::counter!("read_cache_misses_total").absolute(misses);
    let (size, idle) = match backend {
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    metrics::gauge!("db_pool_connections").set(f64::from(size));
    metrics::gauge!("db_pool_idle_connections").set(idle as f64);
}

/// The engine the pages search, counting its failures.
pub struct CountingEngine(pub Arc<dyn SearchEngine>);

fn counted<T>(op: &'static str, r: Result<T, SearchError>) -> Result<T, SearchError> {
    if r.is_err() {
        metrics::counter!("search_engine_errors_total", "op" => op).increment(1);
    }
    r
}

#[async_trait::async_trait]
impl SearchEngine for CountingEngine {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    async fn health(&self) -> Result<(), SearchError> {
        self.0.health().await
    }
    async fn apply(&self, upserts: Vec<SearchDoc>, deletes: Vec<i32>) -> Result<(), SearchError> {
        counted("apply", self.0.apply(upserts, deletes).await)
    }
    async fn search(&self, query: &EngineQuery) -> Result<EngineResults, SearchError> {
        counted("search", self.0.search(query).await)
    }
    async fn rebuild(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        counted("rebuild", self.0.rebuild(docs).await)
    }
    async fn count(&self) -> Result<u64, SearchError> {
        self.0.count().await
    }
}
