//! The regional centres' work: verifying enterprises against the register,
//! suspending and hiding, networks and events, the region's figures.

pub mod figures;
pub mod networks;
pub mod region;
pub mod verification;
