//! Pieces that several pages share.

pub mod cards;
pub mod form;
pub mod kept;
pub mod layout;
pub mod status;
pub mod structured;

pub use layout::Layout;
