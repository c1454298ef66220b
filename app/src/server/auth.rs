//! Who is calling: the signed-in user with their roles, read from the
//! session on every request. Server functions ask for a [`Caller`] and check
//! what it may do; nothing is trusted from the browser.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::domain::{MemberRole, UserRole};
use crate::error::Problem;
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
    /// Whether the owner confirmed the address (followed the mailed link).
    pub email_confirmed: bool,
    /// Centres this user curates.
    pub curator_of: Vec<i32>,
    /// Enterprises this user belongs to, with the role.
    pub memberships: Vec<(i32, MemberRole)>,
}

impl Caller {
    pub fn role_in(&self, enterprise_id: i32) -> Option<MemberRole> {
        self.memberships
            .iter()
            .find(|(id, _)| *id == enterprise_id)
            .map(|(_, r)| *r)
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
        if self.admin || self.role_in(enterprise_id) == Some(MemberRole::Owner) {
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

    /// Acting for an enterprise (registering one, accepting an invitation
    /// to one) needs an address its owner has confirmed: otherwise anyone
    /// who signs up with `new.hire@…` first would take the invitation.
    ///
    /// # Errors
    /// [`AppError::Invalid`] on `_form` with `email_unconfirmed`.
    pub fn require_confirmed(&self) -> AppResult<()> {
        if self.email_confirmed {
            Ok(())
        } else {
            Err(AppError::invalid("_form", Problem::EmailUnconfirmed))
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
        email_confirmed: u.email_confirmed_at.is_some(),
        admin: roles.iter().any(|r| r.role == UserRole::Admin),
        curator_of: roles
            .iter()
            .filter(|r| r.role == UserRole::Curator)
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

/// Requests that mail someone (sign-ups, password resets) per client
/// address: ten (`MAIL_REQUESTS_PER_HOUR`), then one every six minutes. Kept in memory per app server
/// (each address is also limited to a few mails an hour in the database;
/// failed sign-ins, which guard passwords, are counted there too).
pub struct AddressLimits {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for AddressLimits {
    fn default() -> Self {
        AddressLimits::per_hour(10)
    }
}

impl AddressLimits {
    /// `n` requests at once from an address, then one every hour / `n`.
    pub fn per_hour(n: u32) -> Self {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(Duration::from_secs(3600) / n.get())
            .map(|q| q.allow_burst(n))
            .unwrap_or_else(|| Quota::per_hour(n));
        AddressLimits {
            per_address: RateLimiter::keyed(quota),
        }
    }

    /// Counts a request from `address`.
    ///
    /// # Errors
    /// [`AppError::RateLimited`] beyond the quota.
    pub fn check(&self, address: Option<IpAddr>) -> AppResult<()> {
        match address {
            Some(a) if self.per_address.check_key(&a).is_err() => Err(AppError::RateLimited),
            _ => Ok(()),
        }
    }
}

/// The client's address: the socket's peer, or the client a trusted proxy
/// names (see [`crate::server::settings::Settings::client_address`]).
pub async fn client_address() -> Option<IpAddr> {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip());
    let state = crate::server::AppState::current().ok()?;
    leptos::prelude::with_context::<axum::http::request::Parts, _>(|p| {
        state.settings.client_address(peer, &p.headers)
    })
    .unwrap_or(peer)
}
