//! Slowing down password guessing without locking out the owner.
//!
//! Failed sign-ins are counted in the database, so every app server sees
//! the same counts and N servers do not give N times the allowance:
//! - per account and client address (the pair): five failures are free;
//!   after that each attempt from that address at that account waits 30 s,
//!   then 1, 2, 4, 8 and at most 15 minutes. Other addresses (the owner at
//!   home) are not slowed by it. A day without failures clears the pair;
//!   a successful sign-in clears it at once.
//! - per account: at most [`ACCOUNT_CEILING`] failures an hour from all
//!   addresses together. Beyond that only browsers the owner has signed in
//!   from before (a known-device cookie, see [`crate::server::accounts::devices`])
//!   may try, so a botnet spreading its guesses gets no further and the
//!   owner still gets in. A known device also counts its failures apart
//!   from its address (a guesser behind the same NAT does not slow it).
//!
//! There is no lock per client address alone: behind a shared proxy or a
//! carrier's NAT one address is many people (`TRUSTED_PROXIES` lets the real
//! client address through from a proxy the operator runs).

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::error::{AppError, AppResult};
use crate::server::entities::sign_in_failure;

/// Failures from one address at one account before attempts are slowed.
pub const PAIR_FREE: i32 = 5;
/// The longest wait between attempts of one pair.
pub const PAIR_MAX_WAIT: Duration = Duration::minutes(15);
/// Failures an hour at one account, from every address, before only known
/// devices may try.
pub const ACCOUNT_CEILING: i32 = 50;

/// One sign-in attempt as the throttle sees it.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The address typed, lowercased.
    pub email: String,
    /// The client's address, where known.
    pub client: Option<IpAddr>,
    /// The hash of the browser's known-device cookie, when it is one of
    /// this account's: such a browser has a count of its own, so neither a
    /// guesser behind the same address nor the account's ceiling slows it.
    pub known_device: Option<String>,
}

impl Attempt {
    fn account_key(&self) -> String {
        format!("a:{}", self.email)
    }

    fn pair_key(&self) -> String {
        match &self.known_device {
            Some(device) => format!("p:{}|device:{device}", self.email),
            None => {
                let client = self
                    .client
                    .map_or_else(|| "unknown".to_string(), |c| c.to_string());
                format!("p:{}|{client}", self.email)
            }
        }
    }
}

/// The wait a pair owes after `failures` failures.
pub fn pair_wait(failures: i32) -> Duration {
    if failures < PAIR_FREE {
        return Duration::zero();
    }
    let doublings = u32::try_from(failures - PAIR_FREE).unwrap_or(0).min(10);
    (Duration::seconds(30) * 2i32.pow(doublings)).min(PAIR_MAX_WAIT)
}

/// Whether this attempt may go ahead now.
///
/// # Errors
/// [`AppError::RateLimited`] with nothing else said; the database's.
pub async fn check(db: &DatabaseConnection, attempt: &Attempt) -> AppResult<()> {
    check_at(db, attempt, Utc::now()).await
}

async fn check_at(db: &DatabaseConnection, attempt: &Attempt, now: DateTime<Utc>) -> AppResult<()> {
    let rows = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Key.is_in([attempt.pair_key(), attempt.account_key()]))
        .all(db)
        .await?;
    for row in rows {
        if row.key.starts_with("p:") {
            let fresh = row.last_failed_at > now - Duration::days(1);
            if fresh && now < row.last_failed_at + pair_wait(row.failures) {
                return Err(AppError::RateLimited);
            }
        } else {
            let in_window = row.first_failed_at > now - Duration::hours(1);
            if in_window && row.failures >= ACCOUNT_CEILING && attempt.known_device.is_none() {
                return Err(AppError::RateLimited);
            }
        }
    }
    Ok(())
}

/// Counts a failed attempt, for the pair and for the account. The counts
/// go up in the database itself (one statement each), so attempts racing
/// on several servers are all counted.
///
/// # Errors
/// The database's.
pub async fn failed(db: &impl ConnectionTrait, attempt: &Attempt) -> AppResult<()> {
    let now = Utc::now();
    // The pair starts over after a quiet day, the account after an hour.
    let (pair_window, account_window) = (
        sign_in_failure::Column::LastFailedAt,
        sign_in_failure::Column::FirstFailedAt,
    );
    bump(
        db,
        &attempt.pair_key(),
        now,
        pair_window,
        now - Duration::days(1),
    )
    .await?;
    bump(
        db,
        &attempt.account_key(),
        now,
        account_window,
        now - Duration::hours(1),
    )
    .await?;
    Ok(())
}

async fn bump(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
    window: sign_in_failure::Column,
    window_start: DateTime<Utc>,
) -> AppResult<()> {
    use sea_orm::sea_query::ExprTrait;
    use sign_in_failure::{Column, Entity};
    // On conflict these name the stored row: the count starts over when its
    // window has passed, and goes up by one otherwise.
    let expired = || Expr::col((Entity, window)).lt(window_start);
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        key: Set(key.to_string()),
        failures: Set(1),
        first_failed_at: Set(now),
        last_failed_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(Column::Key)
            .value(
                Column::Failures,
                Expr::case(expired(), 1).finally(Expr::col((Entity, Column::Failures)).add(1)),
            )
            .value(
                Column::FirstFailedAt,
                Expr::case(expired(), now).finally(Expr::col((Entity, Column::FirstFailedAt))),
            )
            .value(Column::LastFailedAt, Expr::value(now))
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A successful sign-in clears its pair (the account's count stays: the
/// owner getting in does not give a guesser elsewhere a fresh hour).
///
/// # Errors
/// The database's.
pub async fn succeeded(db: &impl ConnectionTrait, attempt: &Attempt) -> AppResult<()> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Key.eq(attempt.pair_key()))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every failure counted against an account (its owner just proved
/// they read its mail and set a new password).
///
/// # Errors
/// The database's.
pub async fn forgive(db: &impl ConnectionTrait, email: &str) -> AppResult<()> {
    let account = Attempt {
        email: email.to_string(),
        client: None,
        known_device: None,
    };
    let pairs = format!("p:{email}|");
    // LIKE reads `_` and `%` in an address as wildcards: the keys are
    // compared here, so no other account's count is forgiven with this one.
    let mut keys: Vec<String> = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Key.starts_with(&pairs))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.key)
        .filter(|key| key.starts_with(&pairs))
        .collect();
    keys.push(account.account_key());
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Key.is_in(keys))
        .exec(db)
        .await?;
    Ok(())
}

/// Drops counts that no longer slow anyone (housekeeping).
///
/// # Errors
/// The database's.
pub async fn purge(db: &DatabaseConnection) -> AppResult<u64> {
    Ok(sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::LastFailedAt.lt(Utc::now() - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_and_stops_at_fifteen_minutes() {
        assert_eq!(pair_wait(0), Duration::zero());
        assert_eq!(pair_wait(PAIR_FREE - 1), Duration::zero());
        assert_eq!(pair_wait(PAIR_FREE), Duration::seconds(30));
        assert_eq!(pair_wait(PAIR_FREE + 1), Duration::seconds(60));
        assert_eq!(pair_wait(PAIR_FREE + 3), Duration::minutes(4));
        assert_eq!(pair_wait(PAIR_FREE + 5), PAIR_MAX_WAIT);
        assert_eq!(pair_wait(1_000), PAIR_MAX_WAIT);
    }
}
