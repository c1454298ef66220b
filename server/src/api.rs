//! The read-only JSON API under `/api/v1`.

use std::collections::HashMap;

use app::error::AppError;
use app::error::Problem;
use app::i18n::Locale;
use app::models::SearchParams;
use app::server::AppState;
use app::server::search::query;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use serde_json::{Value, json};

fn error(status: StatusCode, message: &str, fields: Value) -> Response {
    (status, Json(json!({ "error": message, "fields": fields }))).into_response()
}

/// Parameters the API cannot read answer 400 in the shape README gives;
/// anything else answers as every error does ([`AppError`]'s response).
fn app_error(e: AppError) -> Response {
    match e {
        AppError::Invalid(fields) => error(
            StatusCode::BAD_REQUEST,
            "invalid search parameters",
            serde_json::to_value(fields).unwrap_or(Value::Null),
        ),
        other => other.into_response(),
    }
}

/// Parses the query string strictly: a number that is not one is a 400.
fn params(q: &HashMap<String, String>) -> Result<(SearchParams, Locale), AppError> {
    let (params, bad_numbers) = SearchParams::from_lookup(|k| q.get(k).cloned());
    if let Some(field) = bad_numbers.first() {
        return Err(AppError::invalid(field, Problem::NotAPositiveNumber));
    }
    let locale = match q.get("lang").map(String::as_str) {
        None | Some("") | Some("bg") => Locale::Bg,
        Some("en") => Locale::En,
        Some(_) => return Err(AppError::invalid("lang", Problem::UnknownLanguage)),
    };
    Ok((params, locale))
}

/// `GET /api/v1/search`: the search page's results as JSON (see the README).
pub async fn search_products(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (params, locale) = match params(&q) {
        Ok(p) => p,
        Err(e) => return app_error(e),
    };
    let params = match query::validate(params) {
        Ok(p) => p,
        Err(e) => return app_error(e),
    };
    let reference = match state.reference().await {
        Ok(r) => r,
        Err(e) => return app_error(e),
    };
    let page =
        match query::search(&state.db, state.search.as_ref(), &reference, locale, params).await {
            Ok(p) => p,
            Err(e) => return app_error(e),
        };
    let hits: Vec<Value> = page
        .hits
        .iter()
        .map(|h| {
            let p = &h.product;
            json!({
                "id": p.id,
                "slug": p.slug,
                "title": p.title,
                "price_cents": p.price_cents,
                "currency": "EUR",
                "unit": p.unit,
                "availability": p.availability,
                "category": p.category,
                "url": locale.href(&format!("/p/{}", p.slug)),
                "enterprise": { "slug": p.enterprise_slug, "name": p.enterprise_name, "verified": p.verified },
            })
        })
        .collect();
    let enterprises: Vec<Value> = page
        .enterprises
        .iter()
        .map(|e| {
            json!({
                "slug": e.slug,
                "name": e.name,
                "url": locale.href(&format!("/e/{}", e.slug)),
                "settlement": e.settlement,
                "district": e.district,
                "verified": e.verified,
            })
        })
        .collect();
    let facets: serde_json::Map<String, Value> = page
        .facets
        .iter()
        .map(|g| {
            let values: serde_json::Map<String, Value> = g
                .values
                .iter()
                .map(|v| (v.value.clone(), json!(v.count)))
                .collect();
            (g.facet.clone(), Value::Object(values))
        })
        .collect();
    Json(json!({
        "total": page.total,
        "page": page.params.page,
        "per_page": page.params.per_page,
        "pages": page.pages,
        "degraded": page.degraded,
        "hits": hits,
        "enterprises": enterprises,
        "facets": facets,
    }))
    .into_response()
}
