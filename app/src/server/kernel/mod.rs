//! What several domains share: the database (connections, migrations,
//! write transactions), notices and mail, images, the kept public reads,
//! and signing.

pub mod audit;
pub mod db;
pub mod housekeeping;
pub mod images;
pub mod mail;
pub mod media;
pub mod memo;
pub mod notices;
pub mod outbox;
pub mod signing;
pub mod slugs;
