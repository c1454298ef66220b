//! Order requests: the basket, sending it, questions and quotes, and
//! moving a request through the state machine of
//! [`crate::domain::orders`].

pub mod requests;
