//! The one error type that crosses the server-function boundary.
//!
//! Variants are what a user (or an API client) can act on; everything else
//! collapses into [`AppError::Internal`], which is logged with its detail on
//! the server and shown to the client without it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A refusal of one field of a form, as a message key the page translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    /// The code in the reader's language, filled in at the server-function
    /// boundary so that a page (with or without JavaScript) shows it as is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 404: the thing does not exist or is not visible to the caller.
    #[error("not found")]
    NotFound,
    /// 401: the action needs a signed-in user.
    #[error("sign-in required")]
    Unauthorized,
    /// 403: the caller is signed in but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 422: input refused, field by field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// 409: the change conflicts with the current state (e.g. a duplicate ЕИК).
    #[error("conflict: {0}")]
    Conflict(String),
    /// 429: too many attempts.
    #[error("too many requests")]
    RateLimited,
    /// 503: a dependency (search engine, database) is not answering.
    #[error("service unavailable")]
    Unavailable,
    /// 500: anything else. The detail is in the server log, never here.
    #[error("internal error")]
    Internal,
    /// The call itself failed (network, encoding) before reaching a service.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// Fills in the messages of field refusals in the reader's language; done
    /// once, where a server function answers a form.
    pub fn localized(self, locale: crate::i18n::Locale) -> Self {
        match self {
            AppError::Invalid(fields) => AppError::Invalid(
                fields
                    .into_iter()
                    .map(|mut f| {
                        f.message = crate::i18n::field_message(locale, &f.code).to_string();
                        f
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    /// The message to show for this error, in the reader's language.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        match self {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| {
                    if f.message.is_empty() {
                        crate::i18n::field_message(locale, &f.code).to_string()
                    } else {
                        f.message.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            other => crate::i18n::status_message(locale, other.status()).to_string(),
        }
    }

    pub fn invalid(field: &str, code: &str) -> Self {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            code: code.into(),
            message: String::new(),
        }])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
