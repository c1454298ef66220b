//! The integration tests, one binary so the server links once: each module
//! runs the real server against real databases over HTTP (or its command
//! line), with the helpers in `common`.

mod common;

mod accounts;
mod admin;
mod api;
mod backup;
mod categories;
mod clean_install;
mod cli;
mod curation;
mod database;
mod english;
mod featured;
mod housekeeping;
mod http;
mod mail;
mod media_store;
mod orders;
mod outbox;
mod privacy;
mod search_contract;
mod security;
mod servers;
mod trust;
mod workspace;
