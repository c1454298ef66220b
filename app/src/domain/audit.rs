//! What the audit log records.

use super::code::domain_enum;

domain_enum! {
    /// An action the audit log records (who did it, to what, when and why
    /// are its other columns).
    AuditAction {
        EnterpriseCorrectionRequested = "enterprise.correction_requested",
        EnterpriseLapsed = "enterprise.lapsed",
        EnterpriseLogo = "enterprise.logo",
        EnterpriseRegistered = "enterprise.registered",
        EnterpriseRejected = "enterprise.rejected",
        EnterpriseRestored = "enterprise.restored",
        EnterpriseResubmitted = "enterprise.resubmitted",
        EnterpriseReverificationNeeded = "enterprise.reverification_needed",
        EnterpriseSuspended = "enterprise.suspended",
        EnterpriseTransferred = "enterprise.transferred",
        EnterpriseUpdated = "enterprise.updated",
        EnterpriseVerified = "enterprise.verified",
        EventApplied = "event.applied",
        EventCancelled = "event.cancelled",
        EventConfirmed = "event.confirmed",
        EventDeclined = "event.declined",
        EventPublished = "event.published",
        EventUpdated = "event.updated",
        MemberInvited = "member.invited",
        MemberJoined = "member.joined",
        MemberRemoved = "member.removed",
        NetworkApplied = "network.applied",
        NetworkApproved = "network.approved",
        NetworkClosed = "network.closed",
        NetworkCreated = "network.created",
        NetworkInvited = "network.invited",
        NetworkJoined = "network.joined",
        NetworkLeft = "network.left",
        NetworkLogo = "network.logo",
        NetworkRemoved = "network.removed",
        NetworkUpdated = "network.updated",
        ProductArchived = "product.archived",
        ProductCreated = "product.created",
        ProductDeleted = "product.deleted",
        ProductDuplicated = "product.duplicated",
        ProductHidden = "product.hidden",
        ProductImported = "product.imported",
        ProductPublished = "product.published",
        ProductShown = "product.shown",
        ProductUnpublished = "product.unpublished",
        ProductUpdated = "product.updated",
        RoleGranted = "role.granted",
        RoleRevoked = "role.revoked",
    }
}
