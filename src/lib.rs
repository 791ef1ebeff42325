//! fagbro: knowledge sharing and e-learning for Norwegian health communities.
//!
//! One module per capability (`areas`, `content`, `search`, `accounts`, `editorial`,
//! `feedback`), each with its domain types, its
//! `repo` (the only code that touches entities) and its `routes`. `app` puts them
//! together; `main.rs` is a thin CLI over this library.
pub mod accounts;
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
pub mod media;
pub mod privacy;
pub mod search;
pub mod telemetry;
pub mod tokens;
pub mod web;

pub use app::Application;
pub use config::Config;
