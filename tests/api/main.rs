//! Black-box tests: each starts the real server on a free port with its own data folder
//! and database, and talks HTTP to it (or runs the real `fagbro` binary).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails by panicking")]
mod helpers;
mod mail_sink;

mod account_mail;
mod accounts;
mod authz;
mod cli;
mod course_authoring;
mod courses;
mod editor_notices;
mod editorial;
mod feeds;
mod open_api;
mod import;
mod interface_language;
mod interpreting;
mod judged_set;
mod layers;
mod mail;
mod media;
mod newsletter;
mod pages;
mod patient;
mod relevance;
mod search;
mod translations;
