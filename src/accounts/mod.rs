//! Accounts: who someone is (email, name, role, the areas a local editor works in),
//! how they prove it (argon2id passwords), sessions, and the sign-in throttle.
//! What a role may do is decided in `crate::authz`, not here.
pub mod password;
pub mod repo;
pub mod routes;
pub mod service;
pub mod session;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// The roles of DESIGN.md section 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    CentralEditor,
    /// Bound to one or more areas, never central.
    LocalEditor,
    Learner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::CentralEditor, Role::LocalEditor, Role::Learner];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CentralEditor => "central_editor",
            Role::LocalEditor => "local_editor",
            Role::Learner => "learner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::CentralEditor => "Sentral redaktør",
            Role::LocalEditor => "Lokal redaktør",
            Role::Learner => "Kursdeltaker",
        }
    }

    pub fn is_editor(self) -> bool {
        matches!(self, Role::Admin | Role::CentralEditor | Role::LocalEditor)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected admin, central_editor, local_editor or learner)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.as_str() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// An email address as typed, trimmed and lower-cased: one account per address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an email address")]
pub struct BadEmail(pub String);

impl Email {
    pub fn parse(s: &str) -> Result<Email, BadEmail> {
        let email = s.trim().to_lowercase();
        let well_formed = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && matches!(email.split_once('@'), Some((local, domain))
                if !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
                    && !domain.ends_with('.') && !domain.contains('@'));
        if well_formed { Ok(Email(email)) } else { Err(BadEmail(s.to_owned())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A signed-in user as every request sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The areas a local editor works in (ids); empty for other roles.
    pub area_ids: Vec<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_compared_lower_case() {
        assert_eq!(Email::parse(" Kari.Nordmann@Ahus.no ").unwrap().as_str(), "kari.nordmann@ahus.no");
        for bad in ["", "kari", "kari@", "@ahus.no", "kari@ahus", "kari nordmann@ahus.no", "kari@ahus.no."] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_role_round_trips() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("editor".parse::<Role>().is_err());
    }
}
