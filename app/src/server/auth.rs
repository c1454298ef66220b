//! Who is calling: the signed-in user with their roles, read from the
//! session on every request. Server functions ask for a [`Caller`] and check
//! what it may do; nothing is trusted from the browser.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::error::{AppError, AppResult};
use crate::server::entities::{enterprise_member, user, user_role};
use crate::server::sessions::USER_KEY;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub admin: bool,
    /// Centres this user curates.
    pub curator_of: Vec<i32>,
    /// Enterprises this user belongs to, with the role ("owner" or "staff").
    pub memberships: Vec<(i32, String)>,
}

impl Caller {
    pub fn role_in(&self, enterprise_id: i32) -> Option<&str> {
        self.memberships
            .iter()
            .find(|(id, _)| *id == enterprise_id)
            .map(|(_, r)| r.as_str())
    }

    /// Members (owner or staff) keep an enterprise's catalogue; admins may act
    /// everywhere.
    ///
    /// # Errors
    /// [`AppError::Forbidden`].
    pub fn require_member(&self, enterprise_id: i32) -> AppResult<()> {
        if self.admin || self.role_in(enterprise_id).is_some() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Owners alone change who belongs to an enterprise.
    ///
    /// # Errors
    /// [`AppError::Forbidden`].
    pub fn require_owner(&self, enterprise_id: i32) -> AppResult<()> {
        if self.admin || self.role_in(enterprise_id) == Some("owner") {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Curators act for their own centre only; admins everywhere.
    ///
    /// # Errors
    /// [`AppError::Forbidden`].
    pub fn require_curator(&self, centre_id: i32) -> AppResult<()> {
        if self.admin || self.curator_of.contains(&centre_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// # Errors
    /// [`AppError::Forbidden`].
    pub fn require_admin(&self) -> AppResult<()> {
        if self.admin {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Loads a user's roles; `None` for an unknown or disabled account.
///
/// # Errors
/// The database's.
pub async fn load(db: &DatabaseConnection, user_id: i32) -> AppResult<Option<Caller>> {
    let Some(u) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if u.disabled_at.is_some() {
        return Ok(None);
    }
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let memberships = enterprise_member::Entity::find()
        .filter(enterprise_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.enterprise_id, m.role))
        .collect();
    Ok(Some(Caller {
        user_id,
        email: u.email,
        display_name: u.display_name,
        locale: u.locale,
        admin: roles.iter().any(|r| r.role == "admin"),
        curator_of: roles
            .iter()
            .filter(|r| r.role == "curator")
            .filter_map(|r| r.centre_id)
            .collect(),
        memberships,
    }))
}

/// The request's session (the session layer wraps every route).
///
/// # Errors
/// [`AppError::Internal`] if the layer is missing (a bug, logged).
pub async fn session() -> AppResult<Session> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session on the request");
        AppError::Internal
    })
}

/// The signed-in user, if any. A session whose account was disabled or
/// deleted meanwhile is treated as signed out.
///
/// # Errors
/// The database's.
pub async fn caller_optional() -> AppResult<Option<Caller>> {
    let session = session().await?;
    let user_id: Option<i32> = session.get(USER_KEY).await.map_err(|e| {
        tracing::error!(error = %e, "reading the session");
        AppError::Internal
    })?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let state = crate::server::AppState::current()?;
    load(&state.db, user_id).await
}

/// The signed-in user.
///
/// # Errors
/// [`AppError::Unauthorized`] when nobody is signed in.
pub async fn caller() -> AppResult<Caller> {
    caller_optional().await?.ok_or(AppError::Unauthorized)
}

/// Failed sign-ins, limited per account and per address, so that neither
/// guessing one account's password from many places nor many accounts'
/// from one place gets far: after five failures in a row an account gets
/// one more try a minute, an address after twenty one every six seconds.
/// Successful sign-ins cost nothing. Kept in memory per app server: behind a
/// load balancer the limit applies per server, which still caps guessing at
/// a handful per minute per server.
pub struct SignInLimits {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// Until when a key is refused outright, once its failures used up the quota.
    blocked: std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>,
}

impl Default for SignInLimits {
    fn default() -> Self {
        let nz = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        let account = Quota::with_period(Duration::from_secs(60))
            .map(|q| q.allow_burst(nz(5)))
            .unwrap_or_else(|| Quota::per_minute(nz(1)));
        let address = Quota::with_period(Duration::from_secs(6))
            .map(|q| q.allow_burst(nz(20)))
            .unwrap_or_else(|| Quota::per_minute(nz(10)));
        SignInLimits {
            per_account: RateLimiter::keyed(account),
            per_address: RateLimiter::keyed(address),
            blocked: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }
}

fn account_key(email: &str) -> String {
    format!("a:{}", email.trim().to_lowercase())
}

impl SignInLimits {
    /// Refuses an attempt while the account or the address is blocked.
    ///
    /// # Errors
    /// [`AppError::RateLimited`].
    pub fn check(&self, email: &str, address: Option<IpAddr>) -> AppResult<()> {
        let now = std::time::Instant::now();
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        blocked.retain(|_, until| *until > now);
        let keys = [Some(account_key(email)), address.map(|a| format!("ip:{a}"))];
        if keys.iter().flatten().any(|k| blocked.contains_key(k)) {
            Err(AppError::RateLimited)
        } else {
            Ok(())
        }
    }

    /// Counts a failed attempt; true when it used up a quota (the caller
    /// answers "too many attempts" from now on).
    pub fn failed(&self, email: &str, address: Option<IpAddr>) -> bool {
        use governor::clock::{Clock, DefaultClock};
        let clock = DefaultClock::default();
        let mut newly = Vec::new();
        if let Err(not_until) = self.per_account.check_key(&email.trim().to_lowercase()) {
            newly.push((account_key(email), not_until.wait_time_from(clock.now())));
        }
        if let Some(a) = address
            && let Err(not_until) = self.per_address.check_key(&a)
        {
            newly.push((format!("ip:{a}"), not_until.wait_time_from(clock.now())));
        }
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        for (k, wait) in &newly {
            blocked.insert(k.clone(), now + *wait);
        }
        !newly.is_empty()
    }
}

/// The client's address as the socket saw it.
pub async fn client_address() -> Option<IpAddr> {
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip())
}
