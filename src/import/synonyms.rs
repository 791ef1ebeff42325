//! `synonyms.toml`: the sample synonym groups shipped with the content. The groups are the
//! central editors' to keep: the file fills an empty list only, and never adds back a
//! group they removed on the website.
use std::path::Path;

use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::{ImportError, ImportReport};
use crate::search::synonyms;

pub const FILE: &str = "synonyms.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    groups: Vec<String>,
}

pub(super) async fn import_synonyms(db: &DatabaseConnection, content_dir: &Path, report: &mut ImportReport) -> Result<(), ImportError> {
    let path = content_dir.join(FILE);
    let Some(text) = super::optional_file::read_optional(&path, report) else { return Ok(()) };
    let line_of = |offset: usize| 1 + text[..offset.min(text.len())].matches('\n').count();
    let file: SynonymFile = match toml::from_str(&text) {
        Ok(file) => file,
        Err(error) => {
            report.error(&path, error.span().map(|s| line_of(s.start)), format!("not a valid synonym file: {}", error.message().trim()));
            return Ok(());
        }
    };
    let mut groups = Vec::new();
    for typed in &file.groups {
        match synonyms::parse_group(typed) {
            Ok(words) => groups.push(words),
            Err(problem) => report.error(&path, text.find(typed.as_str()).map(line_of), format!("{typed:?}: {problem}")),
        }
    }
    if synonyms::all(db).await?.is_empty() {
        for words in groups {
            synonyms::add(db, &words, "import").await?;
        }
    }
    Ok(())
}
