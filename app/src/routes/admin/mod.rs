//! The admins' pages: `/admin` (roles: admins and each centre's curators)
//! and `/admin/audit` (in `curation::audit`, shared with the centres).

pub mod roles;
