//! `GET /media/<path>`: uploaded images, from whichever store holds them
//! (the same answer from the media folder and from an S3 bucket).

use app::server::AppState;
use app::server::kernel::media::Read;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A file's names are fresh keys, so a name never gets other bytes: it may
/// be cached for good.
const FOREVER: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

/// The folders the site's images live in; nothing else of a store (which
/// an operator may share with other things) is served.
const SERVED: [&str; 3] = ["products/", "enterprises/", "networks/"];

/// The type of an image by its name (every upload is re-encoded to JPEG),
/// or `None` for a name that is no image, which is not served.
fn content_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("jpg" | "jpeg") => Some("image/jpeg"),
        Some("png") => Some("image/png"),
        Some("webp") => Some("image/webp"),
        _ => None,
    }
}

pub async fn serve(
    State(state): State<AppState>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(kind) = content_type(&path).filter(|_| SERVED.iter().any(|f| path.starts_with(f)))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    match state.media.read(&path, if_none_match).await {
        Ok(Read::Found { body, size, etag }) => {
            let mut resp = Body::from_stream(body).into_response();
            let h = resp.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
            h.insert(header::CACHE_CONTROL, FOREVER);
            if let Some(tag) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
                h.insert(header::ETAG, tag);
            }
            resp
        }
        Ok(Read::NotModified { etag }) => {
            let mut resp = StatusCode::NOT_MODIFIED.into_response();
            let h = resp.headers_mut();
            h.insert(header::CACHE_CONTROL, FOREVER);
            if let Some(tag) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
                h.insert(header::ETAG, tag);
            }
            resp
        }
        Ok(Read::Missing) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "serving a media file");
            if state.media.is_remote() {
                StatusCode::BAD_GATEWAY.into_response()
            } else {
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}
