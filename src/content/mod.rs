//! Content: guides, articles, news, events, interpreter guidance and patient
//! material, each in one area and one language, imported from Markdown files.
pub mod bidi;
pub mod front_matter;
pub mod markdown;
pub mod outdated_notice;
pub mod patient;
pub mod problem;
pub mod repo;
pub mod revisions;
pub mod routes;
pub mod translation;
pub mod view;
pub mod write;

use std::fmt;
use std::str::FromStr;

pub use crate::lang::Lang;

pub use crate::entities::content_item::{ContentKind, Status, UnknownKind, UnknownStatus};

/// A URL name from a title: "Bruk av tolk på sykehjem" → "bruk-av-tolk-pa-sykehjem".
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let mapped = match c {
            'æ' => "ae",
            'ø' | 'ö' => "o",
            'å' | 'ä' | 'á' | 'à' => "a",
            'é' | 'è' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(mapped);
    }
    let mut collapsed = String::new();
    for part in slug.split('-').filter(|p| !p.is_empty()) {
        if collapsed.len() + part.len() > 90 {
            break;
        }
        if !collapsed.is_empty() {
            collapsed.push('-');
        }
        collapsed.push_str(part);
    }
    collapsed
}

/// A URL-safe name: lower-case ASCII letters, digits and single hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("slug {0:?} is longer than 100 characters")]
    TooLong(String),
    #[error("slug {0:?} may only use a-z, 0-9 and single hyphens (write æ, ø, å as ae, o, a)")]
    BadCharacters(String),
}

impl Slug {
    pub fn parse(s: &str) -> Result<Slug, SlugError> {
        if s.is_empty() {
            return Err(SlugError::Empty);
        }
        if s.len() > 100 {
            return Err(SlugError::TooLong(s.to_owned()));
        }
        let well_formed = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !well_formed {
            return Err(SlugError::BadCharacters(s.to_owned()));
        }
        Ok(Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Names an item of an area by type and slug, as `adapts = "guide/bruk-av-tolk"` does.
/// Stored (in a revision, in `adapts`) as its text form.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ItemRef {
    pub kind: ContentKind,
    pub slug: Slug,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?}: expected \"type/slug\" of a central item, such as \"guide/bruk-av-tolk\"")]
pub struct BadItemRef(pub String);

impl FromStr for ItemRef {
    type Err = BadItemRef;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadItemRef(s.to_owned());
        let (kind, slug) = s.split_once('/').ok_or_else(bad)?;
        Ok(ItemRef { kind: kind.parse().map_err(|_| bad())?, slug: Slug::parse(slug).map_err(|_| bad())? })
    }
}

impl TryFrom<String> for ItemRef {
    type Error = BadItemRef;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ItemRef> for String {
    fn from(target: ItemRef) -> String {
        target.to_string()
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind, self.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_ref_names_a_type_and_a_slug() {
        let target: ItemRef = "guide/bruk-av-tolk".parse().unwrap();
        assert_eq!((target.kind, target.slug.as_str()), (ContentKind::Guide, "bruk-av-tolk"));
        assert_eq!(target.to_string(), "guide/bruk-av-tolk");
        for bad in ["bruk-av-tolk", "veileder/bruk-av-tolk", "guide/Bruk av tolk", "guide/"] {
            assert!(bad.parse::<ItemRef>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_kind_round_trips_through_its_folder_name() {
        for kind in ContentKind::ALL {
            assert_eq!(kind.as_str().parse::<ContentKind>(), Ok(kind));
        }
        assert!("nyhet".parse::<ContentKind>().is_err());
    }

    #[test]
    fn slugs_are_url_safe() {
        assert!(Slug::parse("bruk-av-tolk").is_ok());
        assert!(Slug::parse("kols-2026").is_ok());
        for bad in ["", "Bruk", "bruk av tolk", "sår", "-tolk", "tolk-", "a--b", "a/b"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
