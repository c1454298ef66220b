//! Pieces that several pages share.

pub mod actions;
pub mod badges;
pub mod basket;
pub mod cards;
pub mod confirm;
pub mod favourite;
pub mod form;
pub mod kept;
pub mod layout;
pub mod prose;
pub mod status;
pub mod structured;
pub mod terms;

pub use layout::Layout;
