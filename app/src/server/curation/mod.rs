//! The regional centres' work: verifying enterprises against the register,
//! suspending and hiding, networks and events, the products the region
//! features, the region's figures.

pub mod featured;
pub mod figures;
pub mod networks;
pub mod region;
pub mod verification;
