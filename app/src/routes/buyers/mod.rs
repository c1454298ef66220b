//! A buyer's own pages: favourites and notices.

pub mod favourites;
pub mod notices;
