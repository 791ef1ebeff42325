//! `areas.toml` and `themes.toml`: the areas and themes content files may name, each
//! entry checked and reported by line, the good ones kept.
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sea_orm::{DatabaseConnection, TransactionTrait};
use serde::Deserialize;

use super::{ImportError, ImportReport};
use crate::areas;
use crate::content::{Slug, repo};
use crate::entities::{area, theme};

/// One `[[area]]` or `[[theme]]` of `areas.toml` / `themes.toml`.
#[derive(Debug, Deserialize)]
struct CatalogEntry {
    slug: String,
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
struct AreasFile {
    #[serde(default)]
    area: Vec<CatalogEntry>,
}

#[derive(Debug, Deserialize)]
struct ThemesFile {
    #[serde(default)]
    theme: Vec<CatalogEntry>,
}

/// Areas and themes by slug, as the files are checked against them.
pub(super) struct Catalog {
    pub(super) areas: HashMap<String, area::Model>,
    pub(super) themes: HashMap<String, theme::Model>,
}

/// Imports `areas.toml` and `themes.toml`, and returns what content files may refer to.
pub(super) async fn import_catalog(db: &DatabaseConnection, content_dir: &Path, report: &mut ImportReport) -> Result<Catalog, ImportError> {
    let areas_path = content_dir.join("areas.toml");
    let mut area_entries = read_catalog(&areas_path, report, |text| toml::from_str::<AreasFile>(text).map(|f| f.area));
    if !area_entries.iter().any(|(entry, _)| entry.slug == areas::CENTRAL) {
        area_entries.insert(
            0,
            (
                CatalogEntry {
                    slug: areas::CENTRAL.into(),
                    name: "Felles innhold".into(),
                    description: "Felles veiledere, kurs og pasientinformasjon for hele helsefellesskapet.".into(),
                },
                0,
            ),
        );
    }
    for (position, (entry, _)) in area_entries.iter().enumerate() {
        areas::repo::upsert(db, &entry.slug, entry.name.trim(), entry.description.trim(), position as i32).await?;
    }
    let themes_path = content_dir.join("themes.toml");
    let theme_entries = read_catalog(&themes_path, report, |text| toml::from_str::<ThemesFile>(text).map(|f| f.theme));
    // One transaction: a renamed theme and the change-log entries that re-index its
    // pages are written together.
    let txn = db.begin().await?;
    for (position, (entry, _)) in theme_entries.iter().enumerate() {
        repo::upsert_theme(&txn, &entry.slug, entry.name.trim(), entry.description.trim(), position as i32).await?;
    }
    txn.commit().await?;
    Ok(Catalog {
        areas: areas::repo::all(db).await?.into_iter().map(|a| (a.slug.clone(), a)).collect(),
        themes: repo::themes(db).await?.into_iter().map(|t| (t.slug.clone(), t)).collect(),
    })
}

/// Reads the entries of a catalog file with their lines; bad entries are reported and
/// left out, the good ones kept.
fn read_catalog(
    path: &Path,
    report: &mut ImportReport,
    parse: impl Fn(&str) -> Result<Vec<CatalogEntry>, toml::de::Error>,
) -> Vec<(CatalogEntry, usize)> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            report.error(path, None, format!("cannot be read: {error}"));
            return Vec::new();
        }
    };
    let entries = match parse(&text) {
        Ok(entries) => entries,
        Err(error) => {
            let line = error.span().map(|span| 1 + text[..span.start.min(text.len())].matches('\n').count());
            report.error(path, line, format!("not valid: {}", error.message().trim()));
            return Vec::new();
        }
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for entry in entries {
        let occurrence = seen.get(&entry.slug).copied().unwrap_or(0);
        let line = slug_line(&text, &entry.slug, occurrence);
        seen.insert(entry.slug.clone(), occurrence + 1);
        if let Err(error) = Slug::parse(&entry.slug) {
            report.error(path, line, error.to_string());
        } else if occurrence > 0 {
            report.error(path, line, format!("slug {:?} is listed twice", entry.slug));
        } else if entry.name.trim().is_empty() {
            report.error(path, line, format!("{:?} needs a name", entry.slug));
        } else {
            kept.push((entry, line.unwrap_or(1)));
        }
    }
    kept
}

/// The line of the `occurrence`-th `slug = "..."` with this value.
fn slug_line(text: &str, slug: &str, occurrence: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.split_once('=').is_some_and(|(key, value)| key.trim() == "slug" && value.trim().trim_matches('"') == slug)
        })
        .nth(occurrence)
        .map(|(index, _)| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_entries_are_found_by_line() {
        let text = "[[area]]\nslug = \"ahus\"\nname = \"Ahus\"\n\n[[area]]\nslug = \"ahus\"\n";
        assert_eq!(slug_line(text, "ahus", 0), Some(2));
        assert_eq!(slug_line(text, "ahus", 1), Some(6));
    }
}
