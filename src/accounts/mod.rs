//! Accounts: who someone is (email, name, role, the areas a local editor works in),
//! how they prove it (argon2id passwords), sessions, and the sign-in throttle.
//! What a role may do is decided in `crate::authz`, not here.
pub mod messages;
pub mod password;
pub mod recovery;
pub mod repo;
pub mod routes;
pub mod service;
pub mod tokens;

use crate::entities::ids::AreaId;
use std::fmt;

use serde::Serialize;

pub use crate::entities::ids::UserId;
pub use crate::entities::user::{Role, UnknownRole};

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

/// A person's name as typed, trimmed: printed on certificates and shown to editors, so
/// of a sensible length and without control characters or the invisible marks that turn
/// the direction of text around (a name ending in U+202E prints the course title backwards).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

pub const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadName {
    #[error("navn mangler")]
    Missing,
    #[error("navnet kan ha høyst {MAX_NAME_CHARS} tegn")]
    TooLong,
    #[error("navnet har usynlige tegn eller styretegn; skriv det på nytt uten dem")]
    Invisible,
}

impl DisplayName {
    pub fn parse(s: &str) -> Result<DisplayName, BadName> {
        let name = s.trim();
        if name.is_empty() {
            return Err(BadName::Missing);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(BadName::TooLong);
        }
        let direction_mark = |c: char| matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if name.chars().any(|c| c.is_control() || direction_mark(c)) {
            return Err(BadName::Invisible);
        }
        Ok(DisplayName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A signed-in user as every request sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The areas a local editor works in (ids); empty for other roles.
    pub area_ids: Vec<AreaId>,
    /// Whether the owner has followed a link sent to the address.
    pub email_verified: bool,
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
    fn names_are_of_a_sensible_length_and_visible() {
        assert_eq!(DisplayName::parse("  Łucja Wiśniewska ").unwrap().as_str(), "Łucja Wiśniewska");
        assert_eq!(DisplayName::parse("فاطمة أحمد").unwrap().as_str(), "فاطمة أحمد");
        assert_eq!(DisplayName::parse("  "), Err(BadName::Missing));
        assert_eq!(DisplayName::parse(&"a".repeat(101)), Err(BadName::TooLong));
        for sneaky in ["Kari\u{202e}nosnah", "Ola\u{2066}x", "Per\nNilsen", "Nils\u{0}"] {
            assert_eq!(DisplayName::parse(sneaky), Err(BadName::Invisible), "{sneaky:?}");
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
