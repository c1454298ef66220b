//! What every answer and every request body gets, whatever the route:
//! security headers, body limits and deadlines.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A request body's largest size: a multipart form (an image, a CSV) and
/// anything else (urlencoded forms, JSON).
pub const MULTIPART_MAX: usize = 21 * 1024 * 1024;
pub const FORM_MAX: usize = 256 * 1024;

/// The longest wait between two parts of a request body.
pub const BODY_IDLE: Duration = Duration::from_secs(15);
/// The longest a request may take from its headers to its answer (a 10 MB
/// photo over a slow line included).
pub const REQUEST_MAX: Duration = Duration::from_secs(120);

/// The security headers, made once per process.
#[derive(Clone)]
pub struct Headers {
    csp: HeaderValue,
    /// The policy as text, for pages that add their scripts' nonce.
    csp_text: String,
    hsts: Option<HeaderValue>,
}

impl Headers {
    /// `script_hashes` are the `sha256-…` sources of the inline scripts
    /// the pages carry (the islands' loader); `https` adds HSTS.
    pub fn new(script_hashes: &[String], https: bool) -> Headers {
        let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
        // Scripts only from this site and the known inline loader; wasm
        // compiled from our own files ('wasm-unsafe-eval'); no inline
        // styles, no plugins, no framing, forms post only here.
        let csp = format!(
            "default-src 'self'; script-src 'self'{hashes} 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        Headers {
            csp: HeaderValue::from_str(&csp).unwrap_or_else(|_| {
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'")
            }),
            csp_text: csp,
            hsts: https.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }
}

/// Adds the security headers an answer does not set itself. A page that
/// carries inline scripts with a nonce (Leptos's bootstrap) says so in
/// [`app::SCRIPT_NONCE_HEADER`]; its policy allows that nonce.
pub async fn security_headers(State(h): State<Arc<Headers>>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    let csp = headers
        .remove(app::SCRIPT_NONCE_HEADER)
        .and_then(|n| n.to_str().ok().map(str::to_string))
        .filter(|n| {
            n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=-_".contains(c))
        })
        .and_then(|nonce| {
            HeaderValue::from_str(&h.csp_text.replacen(
                "script-src 'self'",
                &format!("script-src 'self' 'nonce-{nonce}'"),
                1,
            ))
            .ok()
        })
        .unwrap_or_else(|| h.csp.clone());
    let mut set = |name: header::HeaderName, value: HeaderValue| {
        headers.entry(name).or_insert(value);
    };
    set(header::CONTENT_SECURITY_POLICY, csp);
    set(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    set(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    set(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    set(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if let Some(hsts) = &h.hsts {
        set(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    resp
}

/// Limits a request body before anything reads it: a declared length over
/// the limit is refused at once (413), and a body that turns out longer
/// than it said (or than the limit, when it said nothing) is cut off and
/// answered 413 too. Multipart forms (uploads) may be larger than the rest.
/// A body that stops arriving for [`BODY_IDLE`] fails, so a client that
/// trickles a body (or sends half of one) does not hold a request open.
pub async fn body_limits(req: Request, next: Next) -> Response {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("multipart/form-data"));
    let limit = if multipart { MULTIPART_MAX } else { FORM_MAX };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large();
    }
    let exceeded = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = exceeded.clone();
    let req = req.map(move |body| {
        Body::new(Capped {
            inner: body,
            left: limit,
            exceeded: flag,
            idle: Box::pin(tokio::time::sleep(BODY_IDLE)),
        })
    });
    let resp = next.run(req).await;
    if exceeded.load(std::sync::atomic::Ordering::Acquire) {
        return too_large();
    }
    resp
}

fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONNECTION, "close")],
        "request body too large",
    )
        .into_response()
}

/// A body that fails once it has given `left` bytes (and says so), or when
/// nothing arrives for [`BODY_IDLE`].
struct Capped {
    inner: Body,
    left: usize,
    exceeded: Arc<std::sync::atomic::AtomicBool>,
    idle: std::pin::Pin<Box<tokio::time::Sleep>>,
}

impl http_body::Body for Capped {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        use std::future::Future;
        use std::task::Poll;
        let this = &mut *self;
        let polled = std::pin::Pin::new(&mut this.inner).poll_frame(cx);
        if polled.is_pending() {
            if this.idle.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Some(Err(axum::Error::new("request body stalled"))));
            }
            return Poll::Pending;
        }
        this.idle
            .as_mut()
            .reset(tokio::time::Instant::now() + BODY_IDLE);
        match polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    if data.len() > this.left {
                        this.exceeded
                            .store(true, std::sync::atomic::Ordering::Release);
                        return Poll::Ready(Some(Err(axum::Error::new("request body too large"))));
                    }
                    this.left -= data.len();
                }
                Poll::Ready(Some(Ok(frame)))
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_only_over_https_and_the_loader_hash_in_the_policy() {
        let plain = Headers::new(&["sha256-abc=".into()], false);
        assert!(plain.hsts.is_none());
        let csp = plain.csp.to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'sha256-abc=' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(Headers::new(&[], true).hsts.is_some());
    }
}
