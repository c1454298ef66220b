//! Notices by e-mail, where a mail server is configured: which notices are
//! still to be mailed, what each mail says (in its reader's language), and
//! marking them sent. Sending itself is the server's worker's (SMTP); this
//! knows nothing of it.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::AppResult;
use crate::i18n::{Locale, notice_text};
use crate::server::entities::{notice, user};

/// One mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub notice_id: i32,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The next notices to mail, and those of disabled accounts (to be marked
/// without sending, so they do not come back).
#[derive(Debug, Default)]
pub struct Batch {
    pub mails: Vec<Outgoing>,
    pub skipped: Vec<i32>,
}

/// Notices not yet mailed, oldest first, at most `limit`, made in the last
/// day (a server that was down for a week does not send a week of news).
/// `base_url` makes the links.
///
/// # Errors
/// The database's.
pub async fn pending(db: &DatabaseConnection, base_url: &str, limit: u64) -> AppResult<Batch> {
    let rows = notice::Entity::find()
        .filter(notice::Column::MailedAt.is_null())
        .filter(notice::Column::CreatedAt.gt(Utc::now() - Duration::days(1)))
        .order_by_asc(notice::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let users: std::collections::HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|n| n.user_id)))
        .filter(user::Column::DisabledAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let base = base_url.trim_end_matches('/');
    let mut batch = Batch::default();
    for n in rows {
        let Some(u) = users.get(&n.user_id) else {
            batch.skipped.push(n.id);
            continue;
        };
        {
            let locale = if u.locale == "en" {
                Locale::En
            } else {
                Locale::Bg
            };
            let what = notice_text(locale, &n.kind);
            let path = match n.order_request_id {
                Some(id) => locale.href(&format!("/requests/{id}")),
                None => locale.href("/notices"),
            };
            let detail = n
                .detail
                .as_deref()
                .map(|d| format!(": „{d}“"))
                .unwrap_or_default();
            let body = format!(
                "{},\n\n{what}{detail}.\n\n{base}{path}\n\n— {}\n",
                u.display_name,
                locale.t().site_name,
            );
            batch.mails.push(Outgoing {
                notice_id: n.id,
                to: u.email.clone(),
                subject: format!("{what} — {}", locale.t().site_name),
                body,
            });
        }
    }
    Ok(batch)
}

/// Marks notices mailed, so that no one gets one twice.
///
/// # Errors
/// The database's.
pub async fn mark_mailed(db: &DatabaseConnection, ids: &[i32]) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    notice::Entity::update_many()
        .col_expr(notice::Column::MailedAt, Expr::value(Utc::now()))
        .filter(notice::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}
