//! Status labels that several pages show: a product's state, an
//! enterprise's verification.

use crate::domain::{ProductStatus, VerificationStatus};
use crate::i18n::Locale;

/// What the owner reads of a product's state.
pub fn product_state(locale: Locale, status: ProductStatus, archived: bool) -> &'static str {
    if archived {
        locale.tr().product_archived()
    } else {
        locale.tr().product_status(status)
    }
}

/// What a curator reads of an enterprise's verification: a verification
/// whose certificate lapsed reads as expired.
pub fn verification(locale: Locale, status: VerificationStatus, verified: bool) -> &'static str {
    if status == VerificationStatus::Verified && !verified {
        locale.tr().verification_status(VerificationStatus::Expired)
    } else {
        locale.tr().verification_status(status)
    }
}
