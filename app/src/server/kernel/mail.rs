//! Mail: what each mail says (in its reader's language), the queue of
//! account mails (`outgoing_mail`, written in the transaction of what they
//! announce), and which notices are still to be mailed. Sending itself is
//! the server's worker's (an SMTP relay, or the mail folder); this knows
//! nothing of it.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::error::AppResult;
use crate::i18n::Locale;
use crate::server::entities::{notice, outgoing_mail, user};

/// A mail's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub subject: String,
    pub body: String,
}

/// Account mails to one address in an hour, at most: nobody can use the
/// site to flood someone's inbox.
pub const MAX_PER_HOUR: u64 = 5;

/// Queues a mail; the worker sends it once the transaction commits.
///
/// # Errors
/// The database's.
pub async fn enqueue(db: &impl ConnectionTrait, to: &str, mail: Mail) -> AppResult<()> {
    outgoing_mail::ActiveModel {
        to_address: Set(to.to_string()),
        subject: Set(mail.subject),
        body: Set(mail.body),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Account mails queued for an address in the last hour.
///
/// # Errors
/// The database's.
pub async fn recent_to(db: &impl ConnectionTrait, to: &str) -> AppResult<u64> {
    Ok(outgoing_mail::Entity::find()
        .filter(outgoing_mail::Column::ToAddress.eq(to))
        .filter(outgoing_mail::Column::CreatedAt.gt(Utc::now() - Duration::hours(1)))
        .count(db)
        .await?)
}

/// How many times a mail is tried before it is given up.
pub const MAX_ATTEMPTS: i32 = 8;

/// Queued mails not sent yet, oldest first (made in the last three days).
///
/// # Errors
/// The database's.
pub async fn queued(db: &DatabaseConnection, limit: u64) -> AppResult<Vec<outgoing_mail::Model>> {
    Ok(outgoing_mail::Entity::find()
        .filter(outgoing_mail::Column::SentAt.is_null())
        .filter(outgoing_mail::Column::Attempts.lt(MAX_ATTEMPTS))
        .filter(outgoing_mail::Column::CreatedAt.gt(Utc::now() - Duration::days(3)))
        .order_by_asc(outgoing_mail::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Takes a queued mail for one attempt: false when another app server took
/// it meanwhile (then this one leaves it alone).
///
/// # Errors
/// The database's.
pub async fn claim(db: &DatabaseConnection, m: &outgoing_mail::Model) -> AppResult<bool> {
    Ok(outgoing_mail::Entity::update_many()
        .col_expr(outgoing_mail::Column::Attempts, Expr::value(m.attempts + 1))
        .filter(outgoing_mail::Column::Id.eq(m.id))
        .filter(outgoing_mail::Column::Attempts.eq(m.attempts))
        .filter(outgoing_mail::Column::SentAt.is_null())
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Marks a queued mail sent (the relay took it, or it is in the folder).
///
/// # Errors
/// The database's.
pub async fn sent(db: &DatabaseConnection, id: i32) -> AppResult<()> {
    outgoing_mail::Entity::update_many()
        .col_expr(outgoing_mail::Column::SentAt, Expr::value(Utc::now()))
        .filter(outgoing_mail::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

fn greeting(locale: Locale, name: &str) -> String {
    format!("{} {name},", locale.tr().mail_hello())
}

/// The link that confirms an address.
pub fn confirm_address(locale: Locale, name: &str, site: &str, token: &str) -> Mail {
    let link = format!(
        "{}{}?token={token}",
        site.trim_end_matches('/'),
        locale.href("/confirm")
    );
    let t = locale.tr();
    Mail {
        subject: format!(
            "{} — {}",
            locale.tr().account_confirm_e_mail_address(),
            t.site_name()
        ),
        body: format!(
            "{}\n\n{}\n\n{link}\n\n{}\n\n— {}\n",
            greeting(locale, name),
            locale.tr().mail_confirm_address_on_social(),
            locale.tr().mail_link_works_for_48(),
            t.site_name(),
        ),
    }
}

/// The link that sets a new password.
pub fn reset_password(locale: Locale, name: &str, site: &str, token: &str) -> Mail {
    let link = format!(
        "{}{}?token={token}",
        site.trim_end_matches('/'),
        locale.href("/reset")
    );
    let t = locale.tr();
    Mail {
        subject: format!("{} — {}", t.mail_new_password(), t.site_name()),
        body: format!(
            "{}\n\n{}\n\n{link}\n\n{}\n\n— {}\n",
            greeting(locale, name),
            t.mail_set_new_password_on(),
            t.mail_reset_link_works_for(),
            t.site_name(),
        ),
    }
}

/// The link that gives an account a new address (sent to that address).
pub fn confirm_new_address(locale: Locale, name: &str, site: &str, token: &str) -> Mail {
    let link = format!(
        "{}{}?token={token}",
        site.trim_end_matches('/'),
        locale.href("/new-address")
    );
    let t = locale.tr();
    Mail {
        subject: format!("{} — {}", t.mail_new_address(), t.site_name()),
        body: format!(
            "{}\n\n{}\n\n{link}\n\n{}\n\n— {}\n",
            greeting(locale, name),
            t.mail_confirm_new_address(),
            t.mail_new_address_link_works(),
            t.site_name(),
        ),
    }
}

/// Told to the old address once an account has a new one.
pub fn address_changed(locale: Locale, name: &str, site: &str, new: &str) -> Mail {
    let link = format!("{}{}", site.trim_end_matches('/'), locale.href("/contact"));
    let t = locale.tr();
    Mail {
        subject: format!("{} — {}", t.mail_address_changed(), t.site_name()),
        body: format!(
            "{}\n\n{}\n\n{new}\n\n{}\n\n{link}\n\n— {}\n",
            greeting(locale, name),
            t.mail_address_changed_to(),
            t.mail_if_not_you_reset(),
            t.site_name(),
        ),
    }
}

/// Told to the owner of an address someone tried to sign up with again.
pub fn already_registered(locale: Locale, name: &str, site: &str) -> Mail {
    let link = format!("{}{}", site.trim_end_matches('/'), locale.href("/signin"));
    let t = locale.tr();
    Mail {
        subject: format!(
            "{} — {}",
            locale.tr().mail_already_have_account(),
            t.site_name()
        ),
        body: format!(
            "{}\n\n{}\n\n{link}\n\n{}\n\n— {}\n",
            greeting(locale, name),
            locale.tr().mail_someone_tried_sign_up(),
            locale.tr().mail_if_it_was_not(),
            t.site_name(),
        ),
    }
}

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
        // Mail goes only to addresses their owners confirmed.
        .filter(user::Column::EmailConfirmedAt.is_not_null())
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
            let what = locale.tr().notice(n.kind);
            let path = match n.order_request_id {
                Some(id) => locale.href(&format!("/requests/{id}")),
                None => locale.href("/notices"),
            };
            let detail = n
                .detail
                .as_deref()
                .map(|d| {
                    format!(
                        ": {}{d}{}",
                        locale.tr().quote_open(),
                        locale.tr().quote_close()
                    )
                })
                .unwrap_or_default();
            let body = format!(
                "{},\n\n{what}{detail}.\n\n{base}{path}\n\n— {}\n",
                u.display_name,
                locale.tr().site_name(),
            );
            batch.mails.push(Outgoing {
                notice_id: n.id,
                to: u.email.clone(),
                subject: format!("{what} — {}", locale.tr().site_name()),
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
