//! What readers see for the values of the domain: one exhaustive `match`
//! per enum, so a new value cannot go without its words.

use super::Tr;
use crate::domain::audit::AuditAction;
use crate::domain::notices::NoticeKind;
use crate::domain::orders::{DeliveryWish, OrderKind, OrderStatus};
use crate::domain::{
    Availability, EventKind, ImpactGroup, LegalForm, MemberRole, MembershipStatus, NetworkKind,
    ParticipationStatus, ProductStatus, Unit, VerificationStatus,
};
use crate::error::{Conflict, Problem};

impl Tr {
    /// The sentence for a change that does not fit the current state.
    pub fn conflict(self, c: &Conflict) -> String {
        match c {
            Conflict::RequestStatus { status } => {
                self.conflict_request_status(self.order_status(*status))
            }
            Conflict::NotForQuestions => self.conflict_not_for_questions().into(),
            Conflict::AtTheSameTime => self.conflict_at_the_same_time().into(),
            Conflict::Stock { product, left } => self.conflict_stock(*left, product.as_str()),
            Conflict::LastOwner => self.conflict_last_owner().into(),
            Conflict::HandOverFirst { enterprise } => {
                self.conflict_hand_over_first(enterprise.as_str())
            }
            Conflict::LastAdmin => self.conflict_last_admin().into(),
            Conflict::RoleHeld => self.conflict_role_held().into(),
            Conflict::OwnAccount => self.conflict_own_account().into(),
            Conflict::AccountState => self.conflict_account_state().into(),
            Conflict::FormUsed => self.conflict_form_used().into(),
            Conflict::ProductLocked => self.conflict_product_locked().into(),
            Conflict::NotWaiting => self.conflict_not_waiting().into(),
            Conflict::NotResubmittable => self.conflict_not_resubmittable().into(),
            Conflict::SuspensionUnchanged => self.conflict_suspension_unchanged().into(),
            Conflict::ProductState => self.conflict_product_state().into(),
            Conflict::AlreadyMember => self.conflict_already_member().into(),
            Conflict::NotApplied => self.conflict_not_applied().into(),
            Conflict::NotInvited => self.conflict_not_invited().into(),
            Conflict::EventOver => self.conflict_event_over().into(),
            Conflict::EventCancelled => self.conflict_event_cancelled().into(),
            Conflict::AlreadyConfirmed => self.conflict_already_confirmed().into(),
            Conflict::AlreadySignedUp => self.conflict_already_signed_up().into(),
            Conflict::EmailConfirmed => self.conflict_email_confirmed().into(),
        }
    }

    /// The message for a refusal of one field.
    pub fn problem(self, p: Problem) -> &'static str {
        match p {
            Problem::Required => self.field_required(),
            Problem::TooShort => self.field_too_short(),
            Problem::TooLong => self.field_too_long(),
            Problem::ControlChars => self.field_control_chars(),
            Problem::Negative => self.field_negative(),
            Problem::TooSmall => self.field_too_small(),
            Problem::TooLarge => self.field_too_large(),
            Problem::NotANumber => self.field_not_a_number(),
            Problem::TooManyDecimals => self.field_too_many_decimals(),
            Problem::NotAllowed => self.field_not_allowed(),
            Problem::EmailInvalid => self.field_email_invalid(),
            Problem::TagInvalid => self.field_tag_invalid(),
            Problem::TooManyTags => self.field_too_many_tags(),
            Problem::EikLength => self.field_eik_length(),
            Problem::EikChecksum => self.field_eik_checksum(),
            Problem::EikTaken => self.field_eik_taken(),
            Problem::PhoneInvalid => self.field_phone_invalid(),
            Problem::UrlInvalid => self.field_url_invalid(),
            Problem::MoreThanTotal => self.field_more_than_total(),
            Problem::DateInvalid => self.field_date_invalid(),
            Problem::DatePast => self.field_date_past(),
            Problem::DateFuture => self.field_date_future(),
            Problem::EndsBeforeStart => self.field_ends_before_start(),
            Problem::EnterpriseUnknown => self.field_enterprise_unknown(),
            Problem::ChooseOne => self.field_choose_one(),
            Problem::NotAMember => self.field_not_a_member(),
            Problem::LinesMismatch => self.field_lines_mismatch(),
            Problem::NoLines => self.field_no_lines(),
            Problem::PasswordShort => self.field_password_short(),
            Problem::PasswordIsEmail => self.field_password_is_email(),
            Problem::PasswordWrong => self.field_password_wrong(),
            Problem::SignInFailed => self.field_sign_in_failed(),
            Problem::EmailUnconfirmed => self.field_email_unconfirmed(),
            Problem::LinkInvalid => self.field_link_invalid(),
            Problem::TransferAccountUnknown => self.field_transfer_account_unknown(),
            Problem::AccountUnknown => self.field_account_unknown(),
            Problem::TermsNotAccepted => self.field_terms_not_accepted(),
            Problem::EmailUnchanged => self.field_email_unchanged(),
            Problem::SlugInvalid => self.field_slug_invalid(),
            Problem::SlugTaken => self.field_slug_taken(),
            Problem::CategoryHasChildren => self.field_category_has_children(),
            Problem::CategoryDepth => self.field_category_depth(),
            Problem::CategorySelf => self.field_category_self(),
            Problem::ProductNotInRegion => self.field_product_not_in_region(),
            Problem::AlreadyFeatured => self.field_already_featured(),
            Problem::LockedWhileSuspended => self.field_locked_while_suspended(),
            Problem::CategoryUnknown => self.field_category_unknown(),
            Problem::DistrictUnknown => self.field_district_unknown(),
            Problem::InvitationExists => self.field_invitation_exists(),
            Problem::ImageEmpty => self.field_image_empty(),
            Problem::ImageTooLarge => self.field_image_too_large(),
            Problem::ImageNotImage => self.field_image_not_image(),
            Problem::ImageUnsupported => self.field_image_unsupported(),
            Problem::ImageTooManyPixels => self.field_image_too_many_pixels(),
            Problem::ImageCorrupt => self.field_image_corrupt(),
            Problem::TooManyImages => self.field_too_many_images(),
            Problem::UnknownColumn => self.field_unknown_column(),
            Problem::MissingColumn => self.field_missing_column(),
            Problem::DuplicateColumn => self.field_duplicate_column(),
            Problem::Empty => self.field_empty(),
            Problem::FieldCount => self.field_field_count(),
            Problem::NotUtf8 => self.field_not_utf8(),
            Problem::TooManyLines => self.field_too_many_lines(),
            Problem::DuplicateSlug => self.field_duplicate_slug(),
            Problem::SlugUnknown => self.field_slug_unknown(),
            Problem::FileMissing => self.field_file_missing(),
            Problem::QuantityPositive => self.field_quantity_positive(),
            Problem::BelowMinOrder => self.field_below_min_order(),
            Problem::OutOfStock => self.field_out_of_stock(),
            Problem::OverStock => self.field_over_stock(),
            Problem::BasketFull => self.field_basket_full(),
            Problem::BasketEmpty => self.field_basket_empty(),
            Problem::FormExpired => self.field_form_expired(),
            Problem::NotOrderable => self.field_not_orderable(),
            Problem::UnknownSort => self.field_unknown_sort(),
            Problem::PageOutOfRange => self.field_page_out_of_range(),
            Problem::PerPageOutOfRange => self.field_per_page_out_of_range(),
            Problem::NotAPositiveNumber => self.field_not_a_positive_number(),
            Problem::UnknownLanguage => self.field_unknown_language(),
        }
    }

    /// The heading of a search facet (`category`, `centre`, …).
    pub fn facet(self, facet: &str) -> &'static str {
        match facet {
            "category" => self.facet_category(),
            "centre" => self.facet_centre(),
            "district" => self.facet_district(),
            "network" => self.facet_network(),
            "verified" => self.facet_verified(),
            "availability" => self.facet_availability(),
            "impact" => self.facet_impact(),
            _ => self.facet_price(),
        }
    }

    /// The name of a search order (`relevance`, `price_asc`, …).
    pub fn sort(self, sort: &str) -> &'static str {
        match sort {
            "price_asc" => self.sort_price_asc(),
            "price_desc" => self.sort_price_desc(),
            "newest" => self.sort_newest(),
            _ => self.sort_relevance(),
        }
    }

    /// What the audit log says someone did.
    pub fn audit_action(self, v: AuditAction) -> &'static str {
        match v {
            AuditAction::CategoryAdded => self.audit_category_added(),
            AuditAction::CategoryMoved => self.audit_category_moved(),
            AuditAction::CategoryRenamed => self.audit_category_renamed(),
            AuditAction::CategoryRetired => self.audit_category_retired(),
            AuditAction::CentreUpdated => self.audit_centre_updated(),
            AuditAction::EnterpriseCorrectionRequested => {
                self.audit_enterprise_correction_requested()
            }
            AuditAction::EnterpriseLapsed => self.audit_enterprise_lapsed(),
            AuditAction::EnterpriseLogo => self.audit_enterprise_logo(),
            AuditAction::EnterpriseRegistered => self.audit_enterprise_registered(),
            AuditAction::EnterpriseRejected => self.audit_enterprise_rejected(),
            AuditAction::EnterpriseRestored => self.audit_enterprise_restored(),
            AuditAction::EnterpriseResubmitted => self.audit_enterprise_resubmitted(),
            AuditAction::EnterpriseReverificationNeeded => {
                self.audit_enterprise_reverification_needed()
            }
            AuditAction::EnterpriseSuspended => self.audit_enterprise_suspended(),
            AuditAction::EnterpriseTransferred => self.audit_enterprise_transferred(),
            AuditAction::EnterpriseUpdated => self.audit_enterprise_updated(),
            AuditAction::EnterpriseVerified => self.audit_enterprise_verified(),
            AuditAction::EventApplied => self.audit_event_applied(),
            AuditAction::EventCancelled => self.audit_event_cancelled(),
            AuditAction::EventConfirmed => self.audit_event_confirmed(),
            AuditAction::EventDeclined => self.audit_event_declined(),
            AuditAction::EventPublished => self.audit_event_published(),
            AuditAction::EventUpdated => self.audit_event_updated(),
            AuditAction::FeaturedAdded => self.audit_featured_added(),
            AuditAction::FeaturedRemoved => self.audit_featured_removed(),
            AuditAction::MemberInvited => self.audit_member_invited(),
            AuditAction::MemberJoined => self.audit_member_joined(),
            AuditAction::MemberPromoted => self.audit_member_promoted(),
            AuditAction::MemberRemoved => self.audit_member_removed(),
            AuditAction::NetworkApplied => self.audit_network_applied(),
            AuditAction::NetworkApproved => self.audit_network_approved(),
            AuditAction::NetworkClosed => self.audit_network_closed(),
            AuditAction::NetworkCreated => self.audit_network_created(),
            AuditAction::NetworkInvited => self.audit_network_invited(),
            AuditAction::NetworkJoined => self.audit_network_joined(),
            AuditAction::NetworkLeft => self.audit_network_left(),
            AuditAction::NetworkLogo => self.audit_network_logo(),
            AuditAction::NetworkRemoved => self.audit_network_removed(),
            AuditAction::NetworkUpdated => self.audit_network_updated(),
            AuditAction::PageUpdated => self.audit_page_updated(),
            AuditAction::ProductArchived => self.audit_product_archived(),
            AuditAction::ProductCreated => self.audit_product_created(),
            AuditAction::ProductDeleted => self.audit_product_deleted(),
            AuditAction::ProductDuplicated => self.audit_product_duplicated(),
            AuditAction::ProductHidden => self.audit_product_hidden(),
            AuditAction::ProductImported => self.audit_product_imported(),
            AuditAction::ProductPublished => self.audit_product_published(),
            AuditAction::ProductShown => self.audit_product_shown(),
            AuditAction::ProductUnpublished => self.audit_product_unpublished(),
            AuditAction::ProductUpdated => self.audit_product_updated(),
            AuditAction::RoleGranted => self.audit_role_granted(),
            AuditAction::RoleRevoked => self.audit_role_revoked(),
            AuditAction::UserDisabled => self.audit_user_disabled(),
            AuditAction::UserEnabled => self.audit_user_enabled(),
            AuditAction::UserSignedOut => self.audit_user_signed_out(),
        }
    }

    pub fn unit(self, v: Unit) -> &'static str {
        match v {
            Unit::Piece => self.unit_piece(),
            Unit::Kg => self.unit_kg(),
            Unit::Litre => self.unit_litre(),
            Unit::Hour => self.unit_hour(),
            Unit::Set => self.unit_set(),
        }
    }

    pub fn availability(self, v: Availability) -> &'static str {
        match v {
            Availability::InStock => self.availability_in_stock(),
            Availability::MadeToOrder => self.availability_made_to_order(),
            Availability::OutOfStock => self.availability_out_of_stock(),
        }
    }

    pub fn product_status(self, v: ProductStatus) -> &'static str {
        match v {
            ProductStatus::Draft => self.product_status_draft(),
            ProductStatus::Published => self.product_status_published(),
            ProductStatus::Hidden => self.product_status_hidden(),
        }
    }

    pub fn verification_status(self, v: VerificationStatus) -> &'static str {
        match v {
            VerificationStatus::Unverified => self.verification_status_unverified(),
            VerificationStatus::Verified => self.verification_status_verified(),
            VerificationStatus::Rejected => self.verification_status_rejected(),
            VerificationStatus::CorrectionRequested => {
                self.verification_status_correction_requested()
            }
            VerificationStatus::Expired => self.verification_status_expired(),
        }
    }

    pub fn legal_form(self, v: LegalForm) -> &'static str {
        match v {
            LegalForm::Et => self.legal_form_et(),
            LegalForm::Eood => self.legal_form_eood(),
            LegalForm::Ood => self.legal_form_ood(),
            LegalForm::Ad => self.legal_form_ad(),
            LegalForm::Cooperative => self.legal_form_cooperative(),
            LegalForm::Association => self.legal_form_association(),
            LegalForm::Foundation => self.legal_form_foundation(),
            LegalForm::Chitalishte => self.legal_form_chitalishte(),
            LegalForm::Specialised => self.legal_form_specialised(),
        }
    }

    pub fn impact_group(self, v: ImpactGroup) -> &'static str {
        match v {
            ImpactGroup::Disability => self.impact_disability(),
            ImpactGroup::LongTermUnemployed => self.impact_long_term_unemployed(),
            ImpactGroup::YouthLeavingCare => self.impact_youth_leaving_care(),
            ImpactGroup::Over55 => self.impact_over_55(),
            ImpactGroup::Refugees => self.impact_refugees(),
            ImpactGroup::ViolenceVictims => self.impact_violence_victims(),
            ImpactGroup::Other => self.impact_other(),
        }
    }

    pub fn member_role(self, v: MemberRole) -> &'static str {
        match v {
            MemberRole::Owner => self.member_role_owner(),
            MemberRole::Staff => self.member_role_staff(),
        }
    }

    pub fn network_kind(self, v: NetworkKind) -> &'static str {
        match v {
            NetworkKind::Production => self.network_kind_production(),
            NetworkKind::Distribution => self.network_kind_distribution(),
            NetworkKind::Regional => self.network_kind_regional(),
            NetworkKind::Thematic => self.network_kind_thematic(),
        }
    }

    pub fn membership_status(self, v: MembershipStatus) -> &'static str {
        match v {
            MembershipStatus::Applied => self.membership_status_applied(),
            MembershipStatus::Invited => self.membership_status_invited(),
            MembershipStatus::Approved => self.membership_status_approved(),
        }
    }

    pub fn event_kind(self, v: EventKind) -> &'static str {
        match v {
            EventKind::Fair => self.event_kind_fair(),
            EventKind::Bazaar => self.event_kind_bazaar(),
            EventKind::Exchange => self.event_kind_exchange(),
            EventKind::Forum => self.event_kind_forum(),
            EventKind::Conference => self.event_kind_conference(),
            EventKind::Training => self.event_kind_training(),
        }
    }

    pub fn participation_status(self, v: ParticipationStatus) -> &'static str {
        match v {
            ParticipationStatus::Applied => self.participation_status_applied(),
            ParticipationStatus::Confirmed => self.participation_status_confirmed(),
        }
    }

    pub fn order_status(self, v: OrderStatus) -> &'static str {
        match v {
            OrderStatus::Submitted => self.order_status_submitted(),
            OrderStatus::Proposed => self.order_status_proposed(),
            OrderStatus::Accepted => self.order_status_accepted(),
            OrderStatus::Declined => self.order_status_declined(),
            OrderStatus::Fulfilled => self.order_status_fulfilled(),
            OrderStatus::Cancelled => self.order_status_cancelled(),
        }
    }

    pub fn order_kind(self, v: OrderKind) -> &'static str {
        match v {
            OrderKind::Order => self.order_kind_order(),
            OrderKind::Question => self.order_kind_question(),
            OrderKind::Quote => self.order_kind_quote(),
        }
    }

    pub fn delivery(self, v: DeliveryWish) -> &'static str {
        match v {
            DeliveryWish::Pickup => self.delivery_pickup(),
            DeliveryWish::Delivery => self.delivery_delivery(),
            DeliveryWish::Event => self.delivery_event(),
        }
    }

    pub fn notice(self, v: NoticeKind) -> &'static str {
        use NoticeKind::*;
        match v {
            RequestReceived => self.notice_request_received(),
            RequestAccepted => self.notice_request_accepted(),
            RequestDeclined => self.notice_request_declined(),
            RequestFulfilled => self.notice_request_fulfilled(),
            RequestCancelled => self.notice_request_cancelled(),
            RequestProposed => self.notice_request_proposed(),
            Message => self.notice_message(),
            QuestionReceived => self.notice_question_received(),
            QuoteReceived => self.notice_quote_received(),
            EnterpriseVerified => self.notice_enterprise_verified(),
            VerificationRejected => self.notice_verification_rejected(),
            CorrectionRequested => self.notice_correction_requested(),
            VerificationRequested => self.notice_verification_requested(),
            EnterpriseSuspended => self.notice_enterprise_suspended(),
            EnterpriseRestored => self.notice_enterprise_restored(),
            EnterpriseTransferred => self.notice_enterprise_transferred(),
            ProductHidden => self.notice_product_hidden(),
            ProductShown => self.notice_product_shown(),
            CertificateExpiring => self.notice_certificate_expiring(),
            CertificateLapsed => self.notice_certificate_lapsed(),
            NetworkInvited => self.notice_network_invited(),
            NetworkApproved => self.notice_network_approved(),
            NetworkRemoved => self.notice_network_removed(),
            NetworkApplied => self.notice_network_applied(),
            NetworkChanged => self.notice_network_changed(),
            NetworkClosed => self.notice_network_closed(),
            EventApplied => self.notice_event_applied(),
            EventConfirmed => self.notice_event_confirmed(),
            EventDeclined => self.notice_event_declined(),
            EventChanged => self.notice_event_changed(),
            EventCancelled => self.notice_event_cancelled(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn conflicts_read_as_sentences_in_each_language() {
        use crate::domain::orders::OrderStatus;
        let stock = |left| Conflict::Stock {
            product: "Мед".into(),
            left,
        };
        let bg = Locale::Bg.tr();
        assert_eq!(bg.conflict(&stock(3)), "Останаха само 3 от „Мед“.");
        assert_eq!(bg.conflict(&stock(1)), "Остана само 1 от „Мед“.");
        assert_eq!(bg.conflict(&stock(0)), "Не е останало нищо от „Мед“.");
        assert_eq!(Locale::En.tr().conflict(&stock(3)), "Only 3 left of “Мед”.");
        let moved = Conflict::RequestStatus {
            status: OrderStatus::Cancelled,
        };
        assert!(
            bg.conflict(&moved)
                .contains(bg.order_status(OrderStatus::Cancelled))
        );
        assert_eq!(
            bg.conflict(&Conflict::LastOwner),
            "Предприятието трябва да има поне един собственик."
        );
    }
}
