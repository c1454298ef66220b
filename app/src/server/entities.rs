//! sea-orm entities, one per table, mirroring the migrations column for
//! column. Relations are not declared: services load related rows in
//! batches by id, which keeps queries explicit and free of N+1 surprises.

pub mod account_token;
pub mod audit_log;
pub mod category;
pub mod category_redirect;
pub mod district;
pub mod enterprise;
pub mod enterprise_impact_group;
pub mod enterprise_invitation;
pub mod enterprise_member;
pub mod event;
pub mod event_participant;
pub mod favourite;
pub mod featured_product;
pub mod known_device;
pub mod message;
pub mod network;
pub mod network_member;
pub mod notice;
pub mod order_request;
pub mod order_request_line;
pub mod outbox;
pub mod outgoing_mail;
pub mod product;
pub mod product_image;
pub mod product_tag;
pub mod regional_centre;
pub mod secret;
pub mod session;
pub mod sign_in_failure;
pub mod site_page;
pub mod user;
pub mod user_role;
