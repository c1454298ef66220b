//! The enterprise's workspace: registering and keeping an enterprise, its
//! people, its products (one by one or by CSV) and their images.

pub mod csv;
pub mod enterprises;
pub mod products;
