//! A micro-cache of rendered pages for readers who are not signed in.
//!
//! A catalogue page costs several queries and a render; the same page for
//! every anonymous reader within a couple of seconds is the same bytes. So
//! anonymous GETs of pages are kept for `PAGE_CACHE_SECONDS` (default 2),
//! per address and per content encoding. Signed-in readers (a session
//! cookie) always get a fresh render, so an enterprise sees its own change
//! at once. A page is stamped with the catalogue generation it was
//! rendered in (see `app::server::kernel::memo`) and is not served once a write has
//! moved the generation on, so a hidden product is gone at once here too;
//! the seconds only bound what this process cannot see (another server's
//! writes). Only 200 answers without cookies are kept, and the whole cache
//! is bounded in bytes.

use std::sync::Arc;
use std::time::Duration;

use app::server::kernel::memo::ReadCache;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use moka::sync::Cache;

/// Pages larger than this are not kept (none of ours come near it).
const MAX_PAGE: usize = 8 * 1024 * 1024;

#[derive(Clone)]
pub struct PageCache {
    pages: Option<Cache<String, Page>>,
    generation: Arc<ReadCache>,
}

#[derive(Clone)]
struct Page {
    generation: u64,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl PageCache {
    /// A cache keeping pages for `seconds` (0 turns it off), at most
    /// `max_bytes` in all.
    pub fn new(seconds: u64, max_bytes: u64, generation: Arc<ReadCache>) -> PageCache {
        let pages = (seconds > 0).then(|| {
            Cache::builder()
                .time_to_live(Duration::from_secs(seconds))
                .max_capacity(max_bytes)
                .weigher(|k: &String, p: &Page| {
                    u32::try_from(k.len() + p.body.len() + 512).unwrap_or(u32::MAX)
                })
                .build()
        });
        PageCache { pages, generation }
    }

    /// Pages kept for `seconds` (`PAGE_CACHE_SECONDS`), 64 MB at most.
    pub fn with_seconds(seconds: u64, generation: Arc<ReadCache>) -> PageCache {
        PageCache::new(seconds, 64 * 1024 * 1024, generation)
    }
}

/// The encoding a reader accepts, read token by token (`xbr` is not `br`,
/// `br;q=0` refuses it). The key is only a guess of what the compression
/// layer will choose: a page is kept only when the answer's own
/// `Content-Encoding` agrees with it (see [`serve`]).
fn encoding(headers: &HeaderMap) -> &'static str {
    let accepted = |name: &str| {
        headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|token| {
                let mut parts = token.split(';');
                let coding = parts.next().unwrap_or("").trim();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                coding.eq_ignore_ascii_case(name) && q > 0.0
            })
    };
    if accepted("br") {
        "br"
    } else if accepted("gzip") {
        "gzip"
    } else {
        "identity"
    }
}

/// The encoding an answer was sent in.
fn encoding_of(resp_headers: &HeaderMap) -> &str {
    resp_headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
}

pub async fn serve(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(pages) = cache.pages.as_ref() else {
        return next.run(req).await;
    };
    if req.method() != Method::GET || app::server::sessions::has_session(req.extensions()) {
        return next.run(req).await;
    }
    let encoding = encoding(req.headers());
    let key = format!("{encoding}|{}", req.uri());
    // Read before rendering: a write during the render makes it stale.
    let generation = cache.generation.generation();
    if let Some(hit) = pages.get(&key).filter(|p| p.generation == generation) {
        let mut resp = (hit.status, hit.body.clone()).into_response();
        *resp.headers_mut() = hit.headers.clone();
        resp.headers_mut()
            .insert("x-page-cache", HeaderValue::from_static("hit"));
        return resp;
    }
    let resp = next.run(req).await;
    let no_store = resp
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    if resp.status() != StatusCode::OK
        || resp.headers().contains_key(header::SET_COOKIE)
        || no_store
        || encoding_of(resp.headers()) != encoding
    {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response();
    };
    pages.insert(
        key,
        Page {
            generation,
            status: parts.status,
            headers: parts.headers.clone(),
            body: bytes.clone(),
        },
    );
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn encodings_are_read_token_by_token() {
        assert_eq!(encoding(&accept("gzip, deflate, br, zstd")), "br");
        assert_eq!(encoding(&accept("gzip, xbr")), "gzip");
        assert_eq!(encoding(&accept("br;q=0, gzip")), "gzip");
        assert_eq!(encoding(&accept("BR;q=0.5")), "br");
        assert_eq!(encoding(&accept("identity")), "identity");
        assert_eq!(encoding(&HeaderMap::new()), "identity");
    }
}
