//! What a notice tells, whom, and where it leads.

use super::code::domain_enum;

domain_enum! {
    /// The kinds of notice (a line on `/notices`, and a mail).
    NoticeKind {
        RequestReceived = "request_received",
        RequestAccepted = "request_accepted",
        RequestDeclined = "request_declined",
        RequestFulfilled = "request_fulfilled",
        RequestCancelled = "request_cancelled",
        RequestProposed = "request_proposed",
        Message = "message",
        QuestionReceived = "question_received",
        QuoteReceived = "quote_received",
        EnterpriseVerified = "enterprise_verified",
        VerificationRejected = "verification_rejected",
        CorrectionRequested = "correction_requested",
        VerificationRequested = "verification_requested",
        EnterpriseSuspended = "enterprise_suspended",
        EnterpriseRestored = "enterprise_restored",
        EnterpriseTransferred = "enterprise_transferred",
        ProductHidden = "product_hidden",
        ProductShown = "product_shown",
        CertificateExpiring = "certificate_expiring",
        CertificateLapsed = "certificate_lapsed",
        NetworkInvited = "network_invited",
        NetworkApproved = "network_approved",
        NetworkRemoved = "network_removed",
        NetworkApplied = "network_applied",
        NetworkChanged = "network_changed",
        NetworkClosed = "network_closed",
        EventApplied = "event_applied",
        EventConfirmed = "event_confirmed",
        EventDeclined = "event_declined",
        EventChanged = "event_changed",
        EventCancelled = "event_cancelled",
    }
}

/// Who a kind of notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The buyer of an order request.
    Buyer,
    /// The people of an enterprise.
    Enterprise,
    /// Either party of an order request (a message in its thread).
    EitherParty,
    /// The curators of a regional centre.
    Curators,
}

/// What a notice is about, for its link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct About<'a> {
    pub order_request_id: Option<i32>,
    /// The enterprise's slug, when the reader belongs to it.
    pub own_enterprise: Option<&'a str>,
}

impl NoticeKind {
    /// Who is told.
    pub fn audience(self) -> Audience {
        use NoticeKind::*;
        match self {
            RequestAccepted | RequestDeclined | RequestFulfilled | RequestProposed => {
                Audience::Buyer
            }
            Message => Audience::EitherParty,
            RequestReceived
            | RequestCancelled
            | QuestionReceived
            | QuoteReceived
            | EnterpriseVerified
            | VerificationRejected
            | CorrectionRequested
            | EnterpriseSuspended
            | EnterpriseRestored
            | EnterpriseTransferred
            | ProductHidden
            | ProductShown
            | CertificateExpiring
            | CertificateLapsed
            | NetworkInvited
            | NetworkApproved
            | NetworkRemoved
            | NetworkChanged
            | NetworkClosed
            | EventConfirmed
            | EventDeclined
            | EventChanged
            | EventCancelled => Audience::Enterprise,
            VerificationRequested | NetworkApplied | EventApplied => Audience::Curators,
        }
    }

    /// The page a notice leads to (without the language prefix), if any:
    /// the request; the reader's enterprise's workspace; the curator's desk.
    pub fn link(self, about: &About<'_>) -> Option<String> {
        if let Some(id) = about.order_request_id {
            return Some(format!("/requests/{id}"));
        }
        match self.audience() {
            Audience::Curators => Some("/curator".to_string()),
            Audience::Enterprise | Audience::Buyer | Audience::EitherParty => about
                .own_enterprise
                .map(|slug| format!("/dashboard/e/{slug}")),
        }
    }

    /// The notice the other party gets when a request moves to `status`.
    pub fn for_request(status: super::orders::OrderStatus) -> Option<NoticeKind> {
        use super::orders::OrderStatus::*;
        match status {
            Accepted => Some(NoticeKind::RequestAccepted),
            Declined => Some(NoticeKind::RequestDeclined),
            Fulfilled => Some(NoticeKind::RequestFulfilled),
            Cancelled => Some(NoticeKind::RequestCancelled),
            Proposed => Some(NoticeKind::RequestProposed),
            Submitted => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_follow_the_audience() {
        let request = About {
            order_request_id: Some(7),
            own_enterprise: None,
        };
        assert_eq!(
            NoticeKind::RequestAccepted.link(&request).as_deref(),
            Some("/requests/7")
        );
        let own = About {
            order_request_id: None,
            own_enterprise: Some("sinya-nishka"),
        };
        assert_eq!(
            NoticeKind::ProductHidden.link(&own).as_deref(),
            Some("/dashboard/e/sinya-nishka")
        );
        assert_eq!(
            NoticeKind::VerificationRequested
                .link(&About::default())
                .as_deref(),
            Some("/curator")
        );
        assert_eq!(NoticeKind::ProductHidden.link(&About::default()), None);
    }
}
