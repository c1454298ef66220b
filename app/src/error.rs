//! The one error type that crosses the server-function boundary.
//!
//! Variants are what a user (or an API client) can act on; everything else
//! collapses into [`AppError::Internal`], which is logged with its detail on
//! the server and shown to the client without it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

crate::domain::code::domain_enum! {
    /// Why one field (or a line, or the whole form) was refused: the code
    /// the JSON carries, and through [`crate::i18n::Tr::problem`] the
    /// message readers see.
    Problem {
        Required = "required",
        TooShort = "too_short",
        TooLong = "too_long",
        ControlChars = "control_chars",
        Negative = "negative",
        TooSmall = "too_small",
        TooLarge = "too_large",
        NotANumber = "not_a_number",
        TooManyDecimals = "too_many_decimals",
        NotAllowed = "not_allowed",
        EmailInvalid = "email_invalid",
        TagInvalid = "tag_invalid",
        TooManyTags = "too_many_tags",
        EikLength = "eik_length",
        EikChecksum = "eik_checksum",
        EikTaken = "eik_taken",
        PhoneInvalid = "phone_invalid",
        UrlInvalid = "url_invalid",
        MoreThanTotal = "more_than_total",
        DateInvalid = "date_invalid",
        DatePast = "date_past",
        DateFuture = "date_future",
        EndsBeforeStart = "ends_before_start",
        EnterpriseUnknown = "enterprise_unknown",
        ChooseOne = "choose_one",
        NotAMember = "not_a_member",
        LinesMismatch = "lines_mismatch",
        NoLines = "no_lines",
        PasswordShort = "password_short",
        PasswordIsEmail = "password_is_email",
        PasswordWrong = "password_wrong",
        SignInFailed = "sign_in_failed",
        EmailUnconfirmed = "email_unconfirmed",
        LinkInvalid = "link_invalid",
        TransferAccountUnknown = "transfer_account_unknown",
        LockedWhileSuspended = "locked_while_suspended",
        CategoryUnknown = "category_unknown",
        DistrictUnknown = "district_unknown",
        InvitationExists = "invitation_exists",
        ImageEmpty = "image_empty",
        ImageTooLarge = "image_too_large",
        ImageNotImage = "image_not_image",
        ImageUnsupported = "image_unsupported",
        ImageTooManyPixels = "image_too_many_pixels",
        ImageCorrupt = "image_corrupt",
        TooManyImages = "too_many_images",
        UnknownColumn = "unknown_column",
        MissingColumn = "missing_column",
        DuplicateColumn = "duplicate_column",
        Empty = "empty",
        FieldCount = "field_count",
        NotUtf8 = "not_utf8",
        TooManyLines = "too_many_lines",
        DuplicateSlug = "duplicate_slug",
        SlugUnknown = "slug_unknown",
        FileMissing = "file_missing",
        QuantityPositive = "quantity_positive",
        BelowMinOrder = "below_min_order",
        OutOfStock = "out_of_stock",
        OverStock = "over_stock",
        BasketFull = "basket_full",
        BasketEmpty = "basket_empty",
        FormExpired = "form_expired",
        NotOrderable = "not_orderable",
        UnknownSort = "unknown_sort",
        PageOutOfRange = "page_out_of_range",
        PerPageOutOfRange = "per_page_out_of_range",
        NotAPositiveNumber = "not_a_positive_number",
        UnknownLanguage = "unknown_language",
        AccountUnknown = "account_unknown",
        TermsNotAccepted = "terms_not_accepted",
        EmailUnchanged = "email_unchanged",
        SlugInvalid = "slug_invalid",
        SlugTaken = "slug_taken",
        CategoryHasChildren = "category_has_children",
        CategoryDepth = "category_depth",
        CategorySelf = "category_self",
        ProductNotInRegion = "product_not_in_region",
        AlreadyFeatured = "already_featured",
    }
}

/// Why a change does not fit the current state of things. Each is one
/// sentence in the reader's language ([`crate::i18n::Tr::conflict`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conflict {
    /// The request had moved on (to `status`) before this action reached it.
    RequestStatus {
        status: crate::domain::orders::OrderStatus,
    },
    /// A question is answered, never accepted, changed or confirmed.
    NotForQuestions,
    /// Someone made or changed the same thing at the same moment.
    AtTheSameTime,
    /// Fewer left than the request asks for.
    Stock {
        product: String,
        left: i32,
    },
    /// An enterprise keeps at least one owner.
    LastOwner,
    /// The person is the last owner of this enterprise: they make another
    /// member an owner before deleting their account.
    HandOverFirst {
        enterprise: String,
    },
    /// The platform keeps at least one admin.
    LastAdmin,
    /// The person holds this role already.
    RoleHeld,
    /// An admin cannot disable their own account.
    OwnAccount,
    /// Disabling a disabled account, or enabling one that is not.
    AccountState,
    /// The form was already sent (its one-time key is spent elsewhere).
    FormUsed,
    /// Hidden by a curator or archived: its owner cannot publish it.
    ProductLocked,
    /// The enterprise is not waiting for a decision.
    NotWaiting,
    /// Verification can be asked for again only after a refusal or a lapse.
    NotResubmittable,
    /// Suspending a suspended enterprise, or restoring one that runs.
    SuspensionUnchanged,
    /// The product is not in the state this action needs (already hidden,
    /// already shown, archived).
    ProductState,
    AlreadyMember,
    NotApplied,
    NotInvited,
    EventOver,
    /// The event was called off.
    EventCancelled,
    AlreadyConfirmed,
    AlreadySignedUp,
    EmailConfirmed,
}

/// A refusal of one field of a form, as a message key the page translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: Problem,
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
    /// 409: the change does not fit the current state; `message` is its
    /// sentence in the reader's language, filled in at the boundary
    /// ([`AppError::localized`]) so that the browser needs no translations.
    #[error("conflict: {conflict:?}")]
    Conflict {
        conflict: Conflict,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        message: String,
    },
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
            AppError::Conflict { .. } => 409,
            AppError::RateLimited => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// Fills in the messages of refusals in the reader's language, where a
    /// server function answers a form. A message already there stays: the
    /// function knew the form's language (or wrote a message of its own,
    /// like a CSV line's) before the last resort of the page's language.
    pub fn localized(self, locale: crate::i18n::Locale) -> Self {
        match self {
            AppError::Invalid(fields) => AppError::Invalid(
                fields
                    .into_iter()
                    .map(|mut f| {
                        if f.message.is_empty() {
                            f.message = locale.tr().problem(f.code).to_string();
                        }
                        f
                    })
                    .collect(),
            ),
            AppError::Conflict { conflict, message } if message.is_empty() => AppError::Conflict {
                message: locale.tr().conflict(&conflict),
                conflict,
            },
            other => other,
        }
    }

    /// A conflict, its message filled in later.
    pub fn conflict(conflict: Conflict) -> Self {
        AppError::Conflict {
            conflict,
            message: String::new(),
        }
    }

    /// The message to show for this error, in the reader's language.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        match self {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| {
                    if f.message.is_empty() {
                        locale.tr().problem(f.code).to_string()
                    } else {
                        f.message.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            AppError::Conflict { message, .. } if !message.is_empty() => message.clone(),
            AppError::Conflict { conflict, .. } => locale.tr().conflict(conflict),
            other => other.status_message(locale).to_string(),
        }
    }

    /// The message for an error that is not about one field.
    pub fn status_message(&self, locale: crate::i18n::Locale) -> &'static str {
        status_message(locale, self.status())
    }

    pub fn invalid(field: &str, code: Problem) -> Self {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            code,
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

/// The message for an answer of `status` that is not about one field.
pub fn status_message(locale: crate::i18n::Locale, status: u16) -> &'static str {
    let t = locale.tr();
    match status {
        401 => t.status_401(),
        403 => t.status_403(),
        404 => t.status_404(),
        409 => t.status_409(),
        429 => t.status_429(),
        503 => t.status_503(),
        _ => t.status_other(),
    }
}

/// The one mapping from an error to an answer, for server functions (whose
/// status is set from the same [`AppError::status`]), plain routes and the
/// API: the status, and the error as server functions encode it.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        (self.http_status(), axum::Json(&self)).into_response()
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    pub fn http_status(&self) -> axum::http::StatusCode {
        axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
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
