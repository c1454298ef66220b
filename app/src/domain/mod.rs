//! The values of the domain as types, shared by the server and the browser.
//!
//! Each enum is stored as its code (a short string) in the database: with
//! `ssr` it is a sea-orm `DeriveActiveEnum`, and a CHECK constraint on the
//! column (migration `m20261202_000012_domain_checks`) refuses any other
//! value, so the database cannot hold a value the code does not know. The
//! codes are what forms, the CSV format and the JSON API use; the labels
//! readers see come from exhaustive `match`es in [`crate::i18n`].

pub mod audit;
pub mod notices;
pub mod orders;

pub mod code;

pub(crate) use code::domain_enum;
pub use code::{Code, UnknownCode};

domain_enum! {
    /// A product's (or service's) unit of sale.
    Unit {
        Piece = "piece",
        Kg = "kg",
        Litre = "litre",
        Hour = "hour",
        Set = "set",
    }
}

domain_enum! {
    /// Whether a product can be had now.
    Availability {
        InStock = "in_stock",
        MadeToOrder = "made_to_order",
        OutOfStock = "out_of_stock",
    }
}

domain_enum! {
    /// Where a listing stands. (Archived products keep their status and
    /// carry `archived_at`.)
    ProductStatus {
        Draft = "draft",
        Published = "published",
        /// Hidden by a curator, with a reason; only a curator shows it again.
        Hidden = "hidden",
    }
}

domain_enum! {
    /// An enterprise's standing with its regional centre.
    VerificationStatus {
        /// Waiting in the centre's queue.
        Unverified = "unverified",
        Verified = "verified",
        Rejected = "rejected",
        CorrectionRequested = "correction_requested",
        /// The certificate lapsed.
        Expired = "expired",
    }
}

domain_enum! {
    /// The legal forms seen among social enterprises (stored as written in
    /// Bulgarian, as the Commercial Register writes them).
    LegalForm {
        Et = "ЕТ",
        Eood = "ЕООД",
        Ood = "ООД",
        Ad = "АД",
        Cooperative = "кооперация",
        Association = "сдружение",
        Foundation = "фондация",
        Chitalishte = "читалище",
        Specialised = "специализирано предприятие",
    }
}

domain_enum! {
    /// The vulnerable groups an enterprise employs.
    ImpactGroup {
        Disability = "disability",
        LongTermUnemployed = "long_term_unemployed",
        YouthLeavingCare = "youth_leaving_care",
        Over55 = "over_55",
        Refugees = "refugees",
        ViolenceVictims = "violence_victims",
        Other = "other",
    }
}

domain_enum! {
    /// The class of an entry in the Register of Social Enterprises.
    RegisterClass {
        A = "A",
        APlus = "A+",
    }
}

domain_enum! {
    /// A page of the platform's own words (who runs it, its terms, how it
    /// treats personal data, its cookies, how to reach it), which admins edit.
    TrustPage {
        About = "about",
        Terms = "terms",
        Privacy = "privacy",
        Cookies = "cookies",
        Contact = "contact",
    }
}

domain_enum! {
    /// One's place in an enterprise.
    MemberRole {
        Owner = "owner",
        Staff = "staff",
    }
}

domain_enum! {
    /// A platform role.
    UserRole {
        Admin = "admin",
        /// Of one regional centre (`centre_id` on the role).
        Curator = "curator",
    }
}

domain_enum! {
    /// What a network is for.
    NetworkKind {
        Production = "production",
        Distribution = "distribution",
        Regional = "regional",
        Thematic = "thematic",
    }
}

domain_enum! {
    /// An enterprise's membership of a network.
    MembershipStatus {
        /// The enterprise asked; the curator decides.
        Applied = "applied",
        /// The curator asked; the enterprise decides.
        Invited = "invited",
        Approved = "approved",
    }
}

domain_enum! {
    /// What kind of event a centre holds.
    EventKind {
        Fair = "fair",
        Bazaar = "bazaar",
        Exchange = "exchange",
        Forum = "forum",
        Conference = "conference",
        Training = "training",
    }
}

domain_enum! {
    /// An enterprise's sign-up for an event.
    ParticipationStatus {
        Applied = "applied",
        Confirmed = "confirmed",
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::audit::AuditAction;
    use crate::domain::notices::NoticeKind;
    use crate::domain::orders::{DeliveryWish, OrderKind, OrderStatus};

    fn codes<T: Code>() -> Vec<&'static str> {
        T::all().iter().map(|v| v.code()).collect()
    }

    /// The database's CHECK constraints list exactly the codes the code
    /// knows: a new value needs a migration, and a migration cannot allow
    /// what the code does not know.
    #[test]
    fn the_database_checks_list_every_code_and_no_other() {
        let checks = migrations::domain_checks();
        let expected: Vec<(&str, &str, Vec<&str>)> = vec![
            ("user_roles", "role", codes::<UserRole>()),
            ("enterprises", "legal_form", codes::<LegalForm>()),
            ("enterprises", "register_class", codes::<RegisterClass>()),
            (
                "enterprises",
                "verification_status",
                codes::<VerificationStatus>(),
            ),
            (
                "enterprise_impact_groups",
                "impact_group",
                codes::<ImpactGroup>(),
            ),
            ("enterprise_members", "role", codes::<MemberRole>()),
            ("products", "unit", codes::<Unit>()),
            ("products", "availability", codes::<Availability>()),
            ("products", "status", codes::<ProductStatus>()),
            ("networks", "kind", codes::<NetworkKind>()),
            ("network_members", "status", codes::<MembershipStatus>()),
            ("events", "kind", codes::<EventKind>()),
            (
                "event_participants",
                "status",
                codes::<ParticipationStatus>(),
            ),
            ("order_requests", "kind", codes::<OrderKind>()),
            ("order_requests", "status", codes::<OrderStatus>()),
            ("order_requests", "delivery", codes::<DeliveryWish>()),
            ("order_request_lines", "unit", codes::<Unit>()),
            ("notices", "kind", codes::<NoticeKind>()),
            ("audit_log", "action", codes::<AuditAction>()),
            ("site_pages", "page", codes::<TrustPage>()),
            (
                "site_pages",
                "locale",
                crate::i18n::Locale::ALL.iter().map(|l| l.code()).collect(),
            ),
        ];
        assert_eq!(checks.len(), expected.len());
        for (table, column, want) in expected {
            let check = checks
                .iter()
                .find(|c| c.table == table && c.column == column)
                .unwrap_or_else(|| panic!("no check on {table}.{column}"));
            assert_eq!(check.codes, want.as_slice(), "{table}.{column}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for v in OrderStatus::ALL {
            assert_eq!(OrderStatus::from_code(v.code()), Some(*v));
            assert_eq!(
                serde_json::to_string(v).unwrap(),
                format!("\"{}\"", v.code())
            );
        }
        assert_eq!(LegalForm::from_code("ЕООД"), Some(LegalForm::Eood));
        assert_eq!("A+".parse::<RegisterClass>(), Ok(RegisterClass::APlus));
        assert_eq!(ProductStatus::from_code("archived"), None);
    }
}
