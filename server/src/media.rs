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

/// The type the store's files have by their name (every upload is
/// re-encoded to JPEG; the rest is for files put there by hand).
fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("gif") => "image/gif",
        _ => "application/octet-stream",
    }
}

pub async fn serve(
    State(state): State<AppState>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    match state.media.read(&path, if_none_match).await {
        Ok(Read::Found { body, size, etag }) => {
            let mut resp = Body::from_stream(body).into_response();
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&path)),
            );
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
            h.insert(header::CACHE_CONTROL, FOREVER);
            if let Some(tag) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
                h.insert(header::ETAG, tag);
            }
            resp
        }
        Ok(Read::NotModified) => {
            let mut resp = StatusCode::NOT_MODIFIED.into_response();
            resp.headers_mut().insert(header::CACHE_CONTROL, FOREVER);
            resp
        }
        Ok(Read::Missing) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "serving a media file");
            StatusCode::BAD_GATEWAY.into_response()
        }
    }
}
