//! The HTTP surface: pages, server functions, static files, health, and the
//! language switch.

use std::path::PathBuf;
use std::sync::Arc;

use app::i18n::Locale;
use app::server::AppState;
use app::server::kernel::memo::ReadCache;
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
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::server::sessions::{DbSessionStore, USER_KEY};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::cookie::time;

const LANG_COOKIE: &str = "lang";

/// Builds the whole router for a state.
pub fn router(state: AppState) -> Router {
    // Metrics recorded before the recorder exists are lost.
    crate::metrics::handle();
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
        // Leptos mounts every server function here too; their answers stay
        // uncompressed, so that one mapping (`server_fn_error_status`) can
        // read the error and set its status whatever the client accepts.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/json")),
        ))
        .layer(middleware::from_fn_with_state(
            crate::cache::PageCache::with_seconds(
                state.settings.page_cache_seconds,
                state.reads.clone(),
            ),
            crate::cache::serve,
        ))
        .layer(middleware::from_fn(remembered_language))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            moved_category,
        ));

    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(app::server::sessions::COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.https())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(30)));

    Router::new()
        .route("/healthz", get(healthz))
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemaps/{name}", get(sitemap))
        .route("/dashboard/catalogue-template.csv", get(catalogue_template))
        .route(
            "/en/dashboard/catalogue-template.csv",
            get(catalogue_template),
        )
        .route("/dashboard/e/{slug}/catalogue.csv", get(export_csv))
        .route("/en/dashboard/e/{slug}/catalogue.csv", get(export_csv))
        .route("/account/data.json", get(export_data))
        .route("/en/account/data.json", get(export_data))
        .route("/admin/figures.csv", get(country_figures_csv))
        .route("/en/admin/figures.csv", get(country_figures_csv))
        .route("/curator/{centre}/figures.csv", get(figures_csv))
        .route("/en/curator/{centre}/figures.csv", get(figures_csv))
        .route("/media/{*path}", get(crate::media::serve))
        // Liveness without I/O: for load balancers, and the benchmarks' baseline.
        .route("/healthz/live", get(|| async { "ok" }))
        .route("/lang/{code}", get(switch_language))
        .route("/api/v1/search", get(crate::api::search_products))
        .route("/fn/{*name}", get(server_fns.clone()).post(server_fns))
        .nest("/pkg", pkg)
        .route("/metrics", get(crate::metrics::serve))
        .merge(pages)
        .route_layer(middleware::from_fn(crate::metrics::template))
        .fallback_service(public)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            server_fn_error_status,
        ))
        .layer(middleware::from_fn_with_state(
            state.reads.clone(),
            fresh_after_writes,
        ))
        .layer(sessions)
        // Cross-site forgery: a state-changing request (server functions
        // included) must come from this site, by Sec-Fetch-Site or Origin.
        .layer(CsrfLayer::new())
        // Bodies are limited (and must keep arriving) before anything reads
        // them; every request has a deadline.
        .layer(middleware::from_fn(crate::hardening::body_limits))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            crate::hardening::REQUEST_MAX,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::new(crate::hardening::Headers::new(
                &app::inline_script_hashes(&state.leptos_options),
                state.settings.https(),
            )),
            crate::hardening::security_headers,
        ))
        .layer(middleware::from_fn(without_trailing_slash))
        // Every request has an id (a new one, or the one the proxy in front
        // gave it): each log line of the request carries it, with the
        // method and path, and the answer's X-Request-Id says it.
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(middleware::from_fn(plain_request_id))
        .with_state(state)
}

/// An `X-Request-Id` that came with the request is kept only when it looks
/// like one (up to 64 letters, digits, `-`, `_`, `.`): a client cannot
/// write what it likes into every log line; otherwise a new one is made.
async fn plain_request_id(mut req: Request<Body>, next: Next) -> Response {
    let plain = req.headers().get("x-request-id").map(|v| {
        let b = v.as_bytes();
        !b.is_empty()
            && b.len() <= 64
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c))
    });
    if plain == Some(false) {
        req.headers_mut().remove("x-request-id");
    }
    next.run(req).await
}

/// The span of one request. The path only: a query may hold a token. At
/// the error level, so that it is kept whatever `RUST_LOG` lets through: a
/// warning inside a request logged at `RUST_LOG=warn` still names it.
fn request_span(req: &Request<Body>) -> tracing::Span {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::error_span!("request", id, method = %req.method(), path = req.uri().path())
}

/// `/search?category=<a former address>` (a category renamed or retired
/// by an admin): a permanent redirect to the category's present address,
/// the rest of the query kept, so old links and bookmarks keep working.
async fn moved_category(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let searching = matches!(req.uri().path(), "/search" | "/en/search")
        && matches!(*req.method(), Method::GET | Method::HEAD);
    if let (true, Some(query)) = (searching, req.uri().query())
        && query.contains("category=")
        && let Ok(reference) = state.reference().await
    {
        let mut moved = false;
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| match reference.moved_category(&v) {
                Some(live) if k == "category" => {
                    moved = true;
                    (k.into_owned(), live.to_string())
                }
                _ => (k.into_owned(), v.into_owned()),
            })
            .collect();
        let location = format!(
            "{}?{}",
            req.uri().path(),
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish()
        );
        if moved && let Ok(v) = HeaderValue::from_str(&location) {
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response();
        }
    }
    next.run(req).await
}

/// `/en/` and `/centres/` are the pages without the slash: a permanent
/// redirect (308) there, with the query, instead of a 404.
async fn without_trailing_slash(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') && matches!(*req.method(), Method::GET | Method::HEAD)
    {
        let trimmed = path.trim_end_matches('/');
        // `//evil.example/` must not become a link to another site.
        let trimmed = format!("/{}", trimmed.trim_start_matches('/'));
        let location = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed,
        };
        if let Ok(v) = HeaderValue::from_str(&location) {
            return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, v)]).into_response();
        }
    }
    next.run(req).await
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

/// `GET /dashboard/e/{slug}/catalogue.csv`: the enterprise's catalogue for
/// its members, as a download.
async fn export_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(slug): Path<String>,
) -> Response {
    use app::server::workspace::products;
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
        Err(e) => e.into_response(),
    }
}

/// `GET /dashboard/catalogue-template.csv`: the header of a catalogue
/// file, for anyone to fill in (it holds nothing but column names).
async fn catalogue_template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"catalogue-template.csv\"",
            ),
        ],
        app::server::workspace::csv::template(),
    )
        .into_response()
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
    use app::server::curation::figures;
    let Some(caller) = session_caller(&state, &session).await else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    let locale = Locale::from_path(req.uri().path());
    match figures::figures(&state.db, &caller, locale, &centre).await {
        Ok(f) => csv_download(
            &format!("{centre}-figures.csv"),
            figures::figures_csv(&f, locale),
        ),
        Err(e) => e.into_response(),
    }
}

/// `GET /account/data.json`: everything the platform holds about the
/// signed-in person, as a download.
async fn export_data(State(state): State<AppState>, session: tower_sessions::Session) -> Response {
    let Some(caller) = session_caller(&state, &session).await else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    match app::server::accounts::privacy::export(&state.db, caller.user_id).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"socialen-pazar.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `/robots.txt`: see [`app::server::catalogue::sitemap::robots`].
async fn robots(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        app::server::catalogue::sitemap::robots(&state.settings.public_url),
    )
        .into_response()
}

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// `/sitemap.xml`: the index of the sitemaps.
async fn sitemap_index(State(state): State<AppState>) -> Response {
    use app::server::catalogue::sitemap;
    match sitemap::product_chunks(&state.db).await {
        Ok(chunks) => xml(sitemap::index(&state.settings.public_url, chunks)),
        Err(e) => e.into_response(),
    }
}

/// `/sitemaps/pages.xml` and `/sitemaps/products-<n>.xml`.
async fn sitemap(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    use app::server::catalogue::sitemap;
    let base = &state.settings.public_url;
    let entries = match name.as_str() {
        "pages.xml" => sitemap::pages(&state.db).await,
        _ => match name
            .strip_prefix("products-")
            .and_then(|n| n.strip_suffix(".xml"))
            .and_then(|n| n.parse::<u64>().ok())
            .filter(|n| *n >= 1)
        {
            // Past the last chunk there are no products; the first chunk of
            // an empty catalogue is there, and empty.
            Some(n) => match sitemap::products(&state.db, n).await {
                Ok(p) if p.is_empty() && n > 1 => return StatusCode::NOT_FOUND.into_response(),
                other => other,
            },
            None => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    match entries {
        Ok(entries) => xml(sitemap::urlset(base, &entries)),
        Err(e) => e.into_response(),
    }
}

/// `GET /admin/figures.csv`: the whole platform's figures, for admins.
async fn country_figures_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    req: Request<Body>,
) -> Response {
    use app::server::curation::figures;
    let Some(caller) = session_caller(&state, &session).await else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    let locale = Locale::from_path(req.uri().path());
    match figures::country_figures(&state.db, &caller, locale).await {
        Ok(f) => csv_download("platform-figures.csv", figures::figures_csv(&f, locale)),
        Err(e) => e.into_response(),
    }
}

fn csv_download(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// Kept public data and pages go stale after a committed write, and only
/// then: a request that may write (see [`may_write`]), made by a signed-in
/// reader (nothing that changes a public page is open to anyone else), that
/// did not fail. The generation moves on once the handler has finished (and
/// committed) and before the answer leaves, so the writer's next page
/// already shows the change; or when the handler was dropped mid-way,
/// perhaps after its commit. Refused calls, calls to functions that do not
/// exist and anonymous posts leave the caches alone, so nobody can empty
/// them by posting.
///
/// Every answer to a reader with a session is `Cache-Control: private,
/// no-store` (unless it says otherwise, as static files do): it may hold
/// their name, their basket or a buyer's contact.
async fn fresh_after_writes(
    State(reads): State<Arc<ReadCache>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let has_session = app::server::sessions::has_session(req.extensions());
    let mut stale_after = None;
    if has_session && may_write(req.method(), req.uri().path()) {
        let session = req.extensions().get::<tower_sessions::Session>().cloned();
        let signed_in = match session {
            Some(s) => s.get::<i32>(USER_KEY).await.ok().flatten().is_some(),
            None => false,
        };
        if signed_in {
            stale_after = Some(StaleAfter(Some(reads)));
        }
    }
    let mut resp = next.run(req).await;
    if let Some(guard) = stale_after.as_mut()
        && failed(&resp)
    {
        guard.0 = None;
    }
    drop(stale_after);
    if has_session && !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    resp
}

/// Whether an answer reports a failure: an error status, or a form post
/// sent back to its page with the error in the address.
fn failed(resp: &Response) -> bool {
    let status = resp.status();
    status.is_client_error()
        || status.is_server_error()
        || (status.is_redirection()
            && resp
                .headers()
                .get(header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .is_some_and(|l| l.contains("__err=")))
}

/// Moves the generation on when dropped (unless disarmed): after the
/// handler returned, and also when the client went away and the handler
/// was dropped mid-way, perhaps after its commit.
struct StaleAfter(Option<Arc<ReadCache>>);

impl Drop for StaleAfter {
    fn drop(&mut self) {
        if let Some(reads) = self.0.take() {
            reads.invalidate();
        }
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

/// What server functions answer, set right in one place:
/// - server_fn answers every error with 500; the error itself knows its
///   status (401, 403, 422, 429, ...), so it is set here;
/// - a body the function could not even read (malformed arguments) is a
///   400 with a plain message, not a 500 with the deserializer's words;
/// - a form post without JavaScript that failed is sent back to its page
///   with the error in the address; that error is signed here for this
///   reader, and the page shows only a signed one
///   ([`app::server::kernel::signing`]).
async fn server_fn_error_status(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with("/fn/") {
        return next.run(req).await;
    }
    let reader = app::server::sessions::cookie(req.headers(), app::server::sessions::COOKIE)
        .unwrap_or_default();
    let locale = page_locale(req.headers());
    let (req, typed) = typed_fields(req).await;
    let mut resp = next.run(req).await;
    if resp.status().is_redirection()
        && let Some(location) = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .filter(|l| l.contains("__err="))
    {
        let location = app::server::kernel::signing::keep_typed(location, &typed);
        let signed = app::server::kernel::signing::sign_location(
            &state.signer,
            &location,
            &reader,
            chrono::Utc::now().timestamp(),
        );
        match HeaderValue::from_str(&signed) {
            Ok(v) => {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            Err(_) => return bad_request(),
        }
        return resp;
    }
    if resp.status() != StatusCode::INTERNAL_SERVER_ERROR
        && resp.status() != StatusCode::BAD_REQUEST
    {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    match serde_json::from_slice::<app::error::AppError>(&bytes) {
        // The function never ran: its arguments could not be read.
        Ok(app::error::AppError::Transport(detail)) => {
            tracing::debug!(%detail, "malformed server-function request");
            bad_request()
        }
        Ok(error) => {
            parts.status = error.http_status();
            // Refusals carry their sentences in the reader's language (the
            // page the form is on), so the browser needs no translations.
            let localized = error.localized(locale);
            let body = serde_json::to_vec(&localized).unwrap_or(bytes.to_vec());
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(body))
        }
        // Not ours: server_fn's own answer (no such function, say).
        Err(_) if parts.status == StatusCode::BAD_REQUEST => bad_request(),
        Err(_) => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// What a plain form post (no JavaScript) typed, so that a refusal can
/// bring it back into the form: the fields of a url-encoded body of at
/// most [`TYPED_MAX`] bytes; the request goes on with the same body.
async fn typed_fields(req: Request<Body>) -> (Request<Body>, Vec<(String, String)>) {
    const TYPED_MAX: usize = 16 * 1024;
    let urlencoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let small = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|n| n <= TYPED_MAX);
    if req.method() != Method::POST || !urlencoded || !small {
        return (req, vec![]);
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, TYPED_MAX).await else {
        return (Request::from_parts(parts, Body::empty()), vec![]);
    };
    let typed = url::form_urlencoded::parse(&bytes).into_owned().collect();
    (Request::from_parts(parts, Body::from(bytes)), typed)
}

/// The language of the page a server function was called from: the path
/// of its (same-site) `Referer`, else the reader's chosen language.
fn page_locale(headers: &axum::http::HeaderMap) -> Locale {
    let from_page = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .map(|u| Locale::from_path(u.path()));
    from_page
        .or_else(|| {
            app::server::sessions::cookie(headers, LANG_COOKIE).and_then(|c| Locale::from_code(&c))
        })
        .unwrap_or_default()
}

/// A 400 for a request the server could not read, in a form the forms'
/// island understands, saying nothing of why.
fn bad_request() -> Response {
    let body = serde_json::to_string(&app::error::AppError::Transport("malformed request".into()))
        .unwrap_or_default();
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
/// The search engine's state is reported; while it is down the site still
/// answers (search degrades to the database), so the status is "degraded".
async fn healthz(State(state): State<AppState>) -> Response {
    let db_ok = app::server::catalogue::home::ping(&state.db).await;
    let search_ok = state.search.health().await.is_ok();
    let documents = if search_ok {
        state.search.count().await.ok()
    } else {
        None
    };
    let pending = app::server::search::index::pending(&state.db).await.ok();
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
/// back to the page in that language. Only paths of this site in the chosen
/// language are followed ([`app::links::same_site_path`]), so the switch
/// cannot send anyone elsewhere; a `next` that is not one is refused.
async fn switch_language(Path(code): Path<String>, Query(q): Query<SwitchQuery>) -> Response {
    let Some(locale) = Locale::from_code(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let next = match q.next.as_deref() {
        None => locale.href("/"),
        Some(n) => match app::links::same_site_path(n) {
            Some(path)
                if Locale::from_path(path.split(['?', '#']).next().unwrap_or("/")) == locale =>
            {
                path
            }
            Some(_) => locale.href("/"),
            None => {
                return (StatusCode::BAD_REQUEST, "next must be a page of this site")
                    .into_response();
            }
        },
    };
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
    app::server::sessions::cookie(req.headers(), LANG_COOKIE).and_then(|c| Locale::from_code(&c))
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
