//! The HTTP surface: pages, server functions, static files, health, and the
//! language switch.

use std::path::PathBuf;
use std::sync::Arc;

use app::i18n::Locale;
use app::server::AppState;
use app::server::memo::ReadCache;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::server::sessions::{DbSessionStore, USER_KEY};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::cookie::time;

const LANG_COOKIE: &str = "lang";

/// Builds the whole router for a state.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let site_root = PathBuf::from(state.leptos_options.site_root.as_ref());
    let pkg_dir = site_root.join(state.leptos_options.site_pkg_dir.as_ref());

    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let fn_state = state.clone();
    let server_fns = move |req: Request| {
        let state = fn_state.clone();
        async move { handle_server_fns_with_context(move || provide_context(state.clone()), req).await }
    };

    // Hashed file names change with their content, so they may be cached for good.
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    let not_found_state = state.clone();
    let render_404 = leptos_axum::render_app_to_stream_with_context(
        move || provide_context(not_found_state.clone()),
        {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        },
    );
    let public = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .not_found_service(tower::service_fn(move |req: Request| {
            let render = render_404.clone();
            async move { Ok::<_, std::convert::Infallible>(render(req).await) }
        }));

    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            crate::cache::PageCache::from_env(state.reads.clone()),
            crate::cache::serve,
        ))
        .layer(middleware::from_fn(remembered_language));

    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(app::server::sessions::COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(30)));
    let media = Router::new()
        .fallback_service(ServeDir::new(&state.media_dir))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    Router::new()
        .route("/healthz", get(healthz))
        .route("/dashboard/e/{slug}/catalogue.csv", get(export_csv))
        .route("/en/dashboard/e/{slug}/catalogue.csv", get(export_csv))
        .route("/curator/{centre}/figures.csv", get(figures_csv))
        .route("/en/curator/{centre}/figures.csv", get(figures_csv))
        .nest("/media", media)
        // Liveness without I/O: for load balancers, and the benchmarks' baseline.
        .route("/healthz/live", get(|| async { "ok" }))
        .route("/lang/{code}", get(switch_language))
        .route("/api/v1/search", get(crate::api::search_products))
        .route("/fn/{*name}", get(server_fns.clone()).post(server_fns))
        .nest("/pkg", pkg)
        .merge(pages)
        .fallback_service(public)
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn_with_state(
            state.reads.clone(),
            fresh_after_writes,
        ))
        .layer(sessions)
        // Cross-site forgery: a state-changing request (server functions
        // included) must come from this site, by Sec-Fetch-Site or Origin.
        .layer(CsrfLayer::new())
        .with_state(state)
}

/// The app's routes, walked once per process.
///
/// Walking them sets a process-wide flag in Leptos that parks every
/// resource first polled meanwhile, for good (leptos-rs/leptos#4773): a
/// page rendered by another server in the same process (the tests run
/// several) would never answer. Once, before the first router exists,
/// nothing can be rendering yet.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Serves the router until `shutdown` completes. Every connection gets
/// TCP_NODELAY: an answer written in several pieces (the streamed 404 page)
/// otherwise waits for the client's delayed acknowledgement, 40 ms a time
/// on a kept-alive connection (measured: 40 answers a second).
///
/// # Errors
/// The listener's.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Cookies are marked Secure when the site is served over HTTPS
/// (`PUBLIC_URL=https://…`); a local http run would otherwise lose them.
fn secure_cookies() -> bool {
    std::env::var("PUBLIC_URL").is_ok_and(|u| u.starts_with("https://"))
}

/// `GET /dashboard/e/{slug}/catalogue.csv`: the enterprise's catalogue for
/// its members, as a download.
async fn export_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(slug): Path<String>,
) -> Response {
    use app::server::services::products;
    let Some(caller) = session_caller(&state, &session).await else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    let enterprise = app::server::entities::enterprise::Entity::find()
        .filter(app::server::entities::enterprise::Column::Slug.eq(&slug))
        .one(&state.db)
        .await;
    let Ok(Some(enterprise)) = enterprise else {
        return (StatusCode::NOT_FOUND, "no such enterprise").into_response();
    };
    match products::export_csv(&state.db, &caller, enterprise.id).await {
        Ok((slug, bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{slug}.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            e.to_string(),
        )
            .into_response(),
    }
}

/// The signed-in user of a plain (non-Leptos) route.
async fn session_caller(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Option<app::server::auth::Caller> {
    let user_id: i32 = session.get(USER_KEY).await.ok().flatten()?;
    app::server::auth::load(&state.db, user_id)
        .await
        .ok()
        .flatten()
}

/// `GET /curator/{centre}/figures.csv`: the region's figures for its
/// curators and admins, as a download (headers in the page's language).
async fn figures_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(centre): Path<String>,
    req: Request<Body>,
) -> Response {
    use app::server::services::figures;
    let Some(caller) = session_caller(&state, &session).await else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    let locale = Locale::from_path(req.uri().path());
    match figures::figures(&state.db, &caller, locale, &centre).await {
        Ok(f) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{centre}-figures.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            figures::figures_csv(&f, locale),
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            e.to_string(),
        )
            .into_response(),
    }
}

/// Any request but a read may have written to the catalogue: once its
/// handler has finished (and committed), kept public data and pages are
/// stale. Moving the generation on before the answer leaves means the
/// writer's next page already shows the change.
async fn fresh_after_writes(
    State(reads): State<Arc<ReadCache>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let _stale_after = may_write(req.method(), req.uri().path()).then(|| StaleAfter(reads));
    next.run(req).await
}

/// Moves the generation on when dropped: after the handler returned, and
/// also when the client went away and the handler was dropped mid-way,
/// perhaps after its commit.
struct StaleAfter(Arc<ReadCache>);

impl Drop for StaleAfter {
    fn drop(&mut self) {
        self.0.invalidate();
    }
}

/// Whether a request may change what public pages show: anything but a
/// read, except the catalogue's own read-only server functions.
fn may_write(method: &Method, path: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let endpoint = path.strip_prefix("/fn/").unwrap_or_default();
    !app::functions::catalogue::READ_ONLY_ENDPOINTS.contains(&endpoint)
}

/// server_fn answers every error with 500; the error itself knows its
/// status (401, 403, 422, 429, ...), so it is set here, in one place, for
/// every server function.
async fn server_fn_error_status(req: Request<Body>, next: Next) -> Response {
    let is_fn = req.uri().path().starts_with("/fn/");
    let resp = next.run(req).await;
    if !is_fn || resp.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
/// The search engine's state is reported; while it is down the site still
/// answers (search degrades to the database), so the status is "degraded".
async fn healthz(State(state): State<AppState>) -> Response {
    let db_ok = app::server::services::catalogue::ping(&state.db).await;
    let search_ok = state.search.health().await.is_ok();
    let documents = if search_ok {
        state.search.count().await.ok()
    } else {
        None
    };
    let pending = app::server::services::search_index::pending(&state.db)
        .await
        .ok();
    let status = match (db_ok, search_ok) {
        (false, _) => "unavailable",
        (true, false) => "degraded",
        (true, true) => "ok",
    };
    let body = serde_json::json!({
        "status": status,
        "database": {
            "ok": db_ok,
            "backend": format!("{:?}", state.db.get_database_backend()).to_lowercase(),
        },
        "search": {
            "engine": state.search.name(),
            "ok": search_ok,
            "documents": documents,
            "pending_updates": pending,
        },
    });
    let code = if db_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, Json(body)).into_response()
}

#[derive(Deserialize)]
struct SwitchQuery {
    next: Option<String>,
}

/// `GET /lang/{bg|en}?next=/path`: remembers the choice in a cookie and goes
/// back to the page in that language. Only site-relative `next` values are
/// followed, so the switch cannot be used to redirect elsewhere.
async fn switch_language(Path(code): Path<String>, Query(q): Query<SwitchQuery>) -> Response {
    let Some(locale) = Locale::from_code(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let next = q
        .next
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .filter(|n| Locale::from_path(n.split('?').next().unwrap_or("/")) == locale)
        .unwrap_or_else(|| locale.href("/"));
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        locale.code()
    );
    let mut resp = Redirect::to(&next).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

fn cookie_locale(req: &Request) -> Option<Locale> {
    app::server::sessions::cookie(req.headers(), LANG_COOKIE).and_then(Locale::from_code)
}

/// A reader who chose English and opens a Bulgarian address of a page is sent
/// to the English one. Addresses under `/en` are never redirected, so a shared
/// English link opens in English for everyone.
async fn remembered_language(req: Request<Body>, next: Next) -> Response {
    if req.method() == Method::GET
        && Locale::from_path(req.uri().path()) == Locale::Bg
        && cookie_locale(&req) == Some(Locale::En)
    {
        let query = req
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let target = format!("{}{query}", Locale::En.href(req.uri().path()));
        return Redirect::to(&target).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_writes_make_kept_pages_stale() {
        assert!(!may_write(&Method::GET, "/p/med"));
        assert!(!may_write(&Method::HEAD, "/search"));
        // The search island asks as the buyer types: reads, though POSTs.
        assert!(!may_write(&Method::POST, "/fn/search"));
        assert!(!may_write(&Method::POST, "/fn/product"));
        assert!(may_write(&Method::POST, "/fn/hide_product"));
        assert!(may_write(&Method::POST, "/fn/save_product"));
        assert!(may_write(&Method::POST, "/fn/searchx"));
        assert!(may_write(&Method::POST, "/api/v1/whatever"));
        // Only the exact endpoint reads; a path through it is something else.
        assert!(may_write(&Method::POST, "/fn/search/../hide_product"));
        assert!(may_write(&Method::DELETE, "/p/med"));
    }
}
