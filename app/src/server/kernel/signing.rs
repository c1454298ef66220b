//! Signing what the server writes into an address for itself, so a crafted
//! link cannot pass for it: the error a form post without JavaScript sends
//! back (`__err`), which the page then shows beside the fields.
//!
//! The key lives in the database (`secrets`), made by the first server that
//! needs it, so every app server signs and checks alike.

use base64::Engine;
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use sha2::Sha256;

use crate::error::AppResult;
use crate::server::entities::secret;

type HmacSha256 = Hmac<Sha256>;

/// Signs and checks with one shared key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(…)")
    }
}

impl Signer {
    pub fn new(key: Vec<u8>) -> Signer {
        Signer { key }
    }

    fn mac(&self, parts: &[&str]) -> HmacSha256 {
        // Only an empty key fails, and keys are 32 bytes.
        let mut mac = HmacSha256::new_from_slice(&self.key)
            .unwrap_or_else(|_| HmacSha256::new_from_slice(&[0]).expect("a one-byte key"));
        for p in parts {
            mac.update(&(p.len() as u64).to_be_bytes());
            mac.update(p.as_bytes());
        }
        mac
    }

    /// The signature of `parts` (each length-prefixed, so they cannot be
    /// shifted into one another).
    pub fn sign(&self, parts: &[&str]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(self.mac(parts).finalize().into_bytes())
    }

    /// Whether `signature` is that of `parts` (compared in constant time).
    pub fn verify(&self, parts: &[&str], signature: &str) -> bool {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(signature)
            .is_ok_and(|sig| self.mac(parts).verify_slice(&sig).is_ok())
    }
}

/// How long a signed form error is shown (the page it is sent back to
/// opens at once; a link kept for later shows nothing).
pub const FORM_ERROR_SECONDS: i64 = 600;

/// Signs the form error that a `Location` sends a reader back with: adds
/// `__ts` and `__sig` after the `__path` and `__err` server_fn wrote.
/// `reader` is the reader's session cookie (empty without one), so a
/// signed error shows only to the reader it was made for. A `Location`
/// without an error is returned as it is.
pub fn sign_location(signer: &Signer, location: &str, reader: &str, now: i64) -> String {
    let Some((path, err)) = form_error_of(location) else {
        return location.to_string();
    };
    let ts = now.to_string();
    let sig = signer.sign(&[&path, &err, &ts, reader]);
    format!("{location}&__ts={ts}&__sig={sig}")
}

/// Adds to a refused form's way back (`__form`) what the reader typed, so
/// the page can put it back in its fields without JavaScript. Secrets
/// (passwords) and what the form sets itself (hidden fields that name the
/// thing, the language, the way back, the send key) are left out; a page
/// shows the fields only beside a genuine error for this reader
/// ([`genuine_form_error`]).
pub fn keep_typed(location: &str, typed: &[(String, String)]) -> String {
    let kept = typed
        .iter()
        .filter(|(k, _)| {
            !(k.contains("password")
                || k.starts_with("__")
                || k == "locale"
                || k == "next"
                || k == "key")
        })
        .fold(
            url::form_urlencoded::Serializer::new(String::new()),
            |mut s, (k, v)| {
                s.append_pair(k, v);
                s
            },
        )
        .finish();
    let kept = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(kept);
    format!("{location}&__form={kept}")
}

/// The last `__path` and `__err` of an address's query.
fn form_error_of(location: &str) -> Option<(String, String)> {
    let query = location.split_once('?')?.1.split('#').next()?;
    let mut path = None;
    let mut err = None;
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "__path" => path = Some(v.into_owned()),
            "__err" => err = Some(v.into_owned()),
            _ => {}
        }
    }
    Some((path?, err?))
}

/// Whether a form error read from an address was signed by this site, for
/// this reader, in the last [`FORM_ERROR_SECONDS`].
pub fn genuine_form_error(
    signer: &Signer,
    path: &str,
    err: &str,
    ts: &str,
    sig: &str,
    reader: &str,
    now: i64,
) -> bool {
    let fresh = ts
        .parse::<i64>()
        .is_ok_and(|t| t <= now + 60 && now - t <= FORM_ERROR_SECONDS);
    fresh && signer.verify(&[path, err, ts, reader], sig)
}

/// The shared key `name`, made (32 random bytes) if there is none yet. Two
/// servers starting at once agree: the second insert is ignored and both
/// read the first.
///
/// # Errors
/// The database's.
pub async fn shared_key(db: &impl ConnectionTrait, name: &str) -> AppResult<Vec<u8>> {
    use rand::RngCore;
    use sea_orm::sea_query::OnConflict;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    secret::Entity::insert(secret::ActiveModel {
        name: Set(name.to_string()),
        value: Set(encoded),
    })
    .on_conflict(
        OnConflict::column(secret::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let stored = secret::Entity::find_by_id(name.to_string())
        .one(db)
        .await?
        .ok_or(crate::error::AppError::Internal)?;
    base64::engine::general_purpose::STANDARD
        .decode(stored.value)
        .map_err(|_| crate::error::AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a refused form sends back is what the reader typed, never a
    /// password or what the form set itself.
    #[test]
    fn the_way_back_keeps_what_was_typed_but_no_secret() {
        let typed: Vec<(String, String)> = [
            ("email", "a@b.bg"),
            ("password", "тайна"),
            ("new_password", "друга тайна"),
            ("locale", "bg"),
            ("next", "/x"),
            ("key", "k-1"),
            ("input[contact_name]", "Мария & Co"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let back = keep_typed("/basket?__path=%2Ffn%2Fx&__err=e", &typed);
        let kept = back.split("__form=").nth(1).unwrap();
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(kept)
            .unwrap();
        let fields: Vec<(String, String)> =
            url::form_urlencoded::parse(&bytes).into_owned().collect();
        assert_eq!(
            fields,
            vec![
                ("email".to_string(), "a@b.bg".to_string()),
                ("input[contact_name]".to_string(), "Мария & Co".to_string()),
            ]
        );
    }

    #[test]
    fn a_form_error_shows_only_signed_fresh_and_to_its_reader() {
        let s = Signer::new(vec![1; 32]);
        let loc = "http://x/signin?next=%2Fa&__path=%2Ffn%2Fsign_in&__err=eyJ9";
        let signed = sign_location(&s, loc, "sid-1", 1_000);
        let q: Vec<(String, String)> =
            url::form_urlencoded::parse(signed.split_once('?').unwrap().1.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let get = |k: &str| {
            q.iter()
                .rev()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        let (p, e, t, g) = (get("__path"), get("__err"), get("__ts"), get("__sig"));
        assert!(genuine_form_error(&s, &p, &e, &t, &g, "sid-1", 1_100));
        assert!(
            !genuine_form_error(&s, &p, &e, &t, &g, "sid-2", 1_100),
            "another reader"
        );
        assert!(
            !genuine_form_error(&s, &p, &e, &t, &g, "", 1_100),
            "no session"
        );
        assert!(
            !genuine_form_error(&s, &p, "eyJ8", &t, &g, "sid-1", 1_100),
            "another error"
        );
        assert!(
            !genuine_form_error(&s, &p, &e, &t, &g, "sid-1", 1_000 + FORM_ERROR_SECONDS + 1),
            "stale"
        );
        assert_eq!(sign_location(&s, "http://x/p?a=1", "", 1), "http://x/p?a=1");
    }

    #[test]
    fn a_signature_fits_only_its_parts_and_key() {
        let s = Signer::new(vec![7; 32]);
        let sig = s.sign(&["/fn/sign_in", "eyJ9", "1700000000", "sid"]);
        assert!(s.verify(&["/fn/sign_in", "eyJ9", "1700000000", "sid"], &sig));
        assert!(!s.verify(&["/fn/sign_in", "eyJ8", "1700000000", "sid"], &sig));
        assert!(!s.verify(&["/fn/sign_ineyJ9", "", "1700000000", "sid"], &sig));
        assert!(
            !Signer::new(vec![8; 32]).verify(&["/fn/sign_in", "eyJ9", "1700000000", "sid"], &sig)
        );
        assert!(!s.verify(&["/fn/sign_in", "eyJ9", "1700000000", "sid"], "not base64!"));
    }
}
