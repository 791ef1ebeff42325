//! fagbro: knowledge sharing and e-learning for Norwegian health communities.
//!
//! Layers, bottom first; a module uses its own layer or those below, never above
//! (`tests/api/layers.rs` reads the sources and fails on an upward use):
//! 0. foundation: `config`, `telemetry`, `tokens`, `cpu`, `lang`, `oslo` (dates as in Norway), `entities`, `db`, `error`,
//!    `outbox` (every message as a row, written in the transaction of its change);
//! 1. identity: `accounts` (users, roles, passwords, sessions store), `areas`, `authz` (every
//!    access decision), `audit`;
//! 2. web plumbing: `state` (what every handler reaches), `web` (session and CSRF middleware,
//!    the `Visitor`, the handler doors `Editor`/`Admin`/`SignedIn` and the route table read
//!    from them, forms and redirects, rendering, error pages, client address);
//! 3. `media`, `interpreter_booking` (each area's booking routine, as data); 4. `content`; 5. `courses` (over content);
//! 6. `editorial` (over courses and content, with the course editor), `search`, `feedback`,
//!    `privacy`, `interpreting` (booking routines and the decision helper, over content),
//!    `notices` (editors' mail: proposals, review dates, reader feedback), `feeds` (Atom,
//!    iCalendar, sitemap and robots rules), `api` (the open API and its OpenAPI document),
//!    and the pages of `accounts` and `areas`;
//! 7. `import` (content files and course folders, over content and courses), `mail` (the
//!    outbox delivered over SMTP, with certificates attached, and the admin's mail page),
//!    `newsletter` (per area: subscribers, issues, the weekly schedule; previews as mail);
//! 8. `app`, the wiring; `main.rs` is a thin CLI over this library.
//!
//! Each capability has its domain types, its `repo` (the only code that touches
//! entities), its `routes`, and converts its own errors to `AppError` at its edge. Code
//! that may panic says why (clippy's `unwrap_used` and `expect_used` are denied).
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails by panicking"))]
pub mod accounts;
pub mod api;
pub mod app;
pub mod areas;
pub mod audit;
pub mod authz;
pub mod config;
pub mod content;
pub mod courses;
pub mod cpu;
pub mod db;
pub mod editorial;
pub mod entities;
pub mod error;
pub mod feedback;
pub mod feeds;
pub mod import;
pub mod interpreter_booking;
pub mod interpreting;
pub mod lang;
pub mod mail;
pub mod media;
pub mod newsletter;
pub mod notices;
pub mod oslo;
pub mod outbox;
pub mod privacy;
pub mod search;
pub mod state;
pub mod telemetry;
pub mod tokens;
pub mod web;

pub use app::Application;
pub use config::Config;
