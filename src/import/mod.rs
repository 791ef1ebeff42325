//! Importing the content folder (DESIGN.md section 4) into the database: content files
//! and course folders, over the content and courses capabilities it fills.

//!
//! Every file is checked and written on its own: a malformed file is reported with its
//! path and line and the others still import. Writing is keyed by area, slug and
//! language, and an unchanged file writes nothing, so a second run changes nothing.
mod catalog;
pub mod item;
mod optional_file;
pub mod routines;
mod synonyms;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use sea_orm::DatabaseConnection;

use self::catalog::{Catalog, import_catalog};
use self::item::{ImportRule, Imported};
pub use crate::content::problem::{Problem, Severity};
use crate::entities::ids::{AreaId, ItemId};
use crate::content::front_matter::{self, Document};
use crate::content::repo::{self, ItemWrite};
use crate::content::write::ItemFields;
use crate::content::translation::{self, TranslatedFrom};
use crate::content::{ContentKind, ItemRef, Lang, Slug, Status, markdown, revisions};
use crate::areas;
use crate::entities::area;
use crate::telemetry::error_chain;

#[derive(Debug, Default)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Files unchanged since the last import whose pages were edited on the website since:
    /// the website's edits are kept.
    pub kept_web_edits: usize,
    /// Files and pages that both changed; nothing written (see `problems`).
    pub conflicts: usize,
    /// Items whose file is gone from the content folder, deleted.
    pub removed: usize,
    /// Content files that could not be imported.
    pub failed: usize,
    pub problems: Vec<Problem>,
}

impl ImportReport {
    /// Bad files or conflicts: something for the operator to look at.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity != Severity::Warning)
    }

    fn count(&mut self, outcome: Imported) {
        match outcome {
            Imported::Created => self.created += 1,
            Imported::Updated | Imported::OverwroteWebEdits => self.updated += 1,
            Imported::Unchanged => self.unchanged += 1,
            Imported::KeptWebEdits => self.kept_web_edits += 1,
            Imported::Conflict { .. } => self.conflicts += 1,
        }
    }

    fn conflict(&mut self, path: &Path, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_owned(), line: None, message: message.into(), severity: Severity::Conflict });
    }

    fn error(&mut self, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_owned(), line, message: message.into(), severity: Severity::Error });
    }

    fn warning(&mut self, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_owned(), line, message: message.into(), severity: Severity::Warning });
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} kept as edited on the website, {} conflicts, {} removed, {} failed",
            self.created, self.updated, self.unchanged, self.kept_web_edits, self.conflicts, self.removed, self.failed
        )
    }
}

/// What stops an import as a whole (one bad file never does).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("content folder {path}: {cause}")]
    Folder { path: PathBuf, cause: std::io::Error },
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// What the operator decided about conflicts.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Files (relative to the content folder, as reported) that win over edits on the
    /// website; a named file that is gone deletes its page even if it was edited.
    pub overwrite: Vec<String>,
    /// Delete the pages of missing files even when most of them are missing (which
    /// otherwise looks like the wrong content folder and deletes nothing).
    pub delete_missing: bool,
}

impl ImportOptions {
    /// Whether the file at `relative` (in `content_dir`) was named: relative to the folder,
    /// or as the report prints it (the folder and the path).
    fn rule_for(&self, content_dir: &Path, relative: &str) -> ImportRule {
        let plain = |path: &Path| path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect::<PathBuf>();
        let (short, full) = (plain(Path::new(relative)), plain(&content_dir.join(relative)));
        if self.overwrite.iter().map(|given| plain(Path::new(given))).any(|given| given == short || given == full) {
            ImportRule::FileWins
        } else {
            ImportRule::KeepWebEdits
        }
    }
}

pub async fn import_content(db: &DatabaseConnection, content_dir: &Path) -> Result<ImportReport, ImportError> {
    import_content_with(db, content_dir, &ImportOptions::default()).await
}

#[tracing::instrument(skip(db, options))]
pub async fn import_content_with(db: &DatabaseConnection, content_dir: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let folder_error = |cause| ImportError::Folder { path: content_dir.to_owned(), cause };
    if !content_dir.is_dir() {
        return Err(folder_error(std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder")));
    }
    let mut report = ImportReport::default();
    let catalog = import_catalog(db, content_dir, &mut report).await?;
    routines::import_routines(db, content_dir, &catalog, &mut report).await?;
    synonyms::import_synonyms(db, content_dir, &mut report).await?;

    // (area, slug, lang) -> the file that claimed it first in this run.
    let mut claimed: HashMap<(AreaId, String, String), PathBuf> = HashMap::new();
    let mut adaptations: Vec<(PathBuf, usize, ItemRef)> = Vec::new();
    let mut originals = Originals::default();
    for area_dir in sorted_entries(content_dir).map_err(folder_error)? {
        if !area_dir.is_dir() {
            continue;
        }
        let area_slug = file_name(&area_dir);
        let Some(area) = catalog.areas.get(&area_slug) else {
            report.error(&area_dir, None, format!("unknown area {area_slug:?}: add it to areas.toml first"));
            continue;
        };
        for type_dir in sorted_entries(&area_dir).map_err(folder_error)? {
            if !type_dir.is_dir() {
                if type_dir.extension().is_some_and(|e| e == "md") {
                    report.error(&type_dir, None, "a content file belongs in a type folder, such as guide/ or news/");
                }
                continue;
            }
            let kind = match file_name(&type_dir).parse::<ContentKind>() {
                Ok(kind) => kind,
                Err(error) => {
                    report.error(&type_dir, None, error.to_string());
                    continue;
                }
            };
            if kind == ContentKind::Course {
                for course_dir in sorted_entries(&type_dir).map_err(folder_error)? {
                    if !course_dir.is_dir() {
                        report.error(&course_dir, None, "a course is a folder with course.toml, lessons and quizzes");
                        continue;
                    }
                    let relative = relative_path(content_dir, &course_dir.join("course.toml"));
                    match check_course(&course_dir, &relative, area, &catalog, &mut report) {
                        Some(write) => {
                            let rule = options.rule_for(content_dir, &relative);
                            save(db, write, &course_dir.join("course.toml"), &area.slug, rule, &mut claimed, &mut report).await;
                        }
                        None => report.failed += 1,
                    }
                }
                continue;
            }
            // Originals before their translations, which are resolved against them.
            let mut paths = sorted_entries(&type_dir).map_err(folder_error)?;
            paths.sort_by_key(|path| slug_and_lang(path).map_or(true, |(_, lang)| translation::is_translation(lang.as_str())));
            for path in paths {
                if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let relative = relative_path(content_dir, &path);
                let Some(mut item) = check_file(&path, &relative, area, kind, &catalog, &mut report) else {
                    report.failed += 1;
                    continue;
                };
                match translation_source(db, &item, &mut originals).await? {
                    Ok(source) => item.write.fields.translated_from = source,
                    Err(problem) => {
                        report.error(&path, Some(item.translated_from_line), problem);
                        report.failed += 1;
                        continue;
                    }
                }
                let adapts = item.write.fields.adapts.clone();
                if save(db, item.write, &path, &area.slug, options.rule_for(content_dir, &relative), &mut claimed, &mut report).await
                    && let Some(adapts) = adapts
                {
                    adaptations.push((path, item.adapts_line, adapts));
                }
            }
        }
    }
    check_adaptations(db, &catalog, adaptations, &mut report).await?;
    remove_deleted_files(db, content_dir, options, &mut report).await?;
    Ok(report)
}

/// The Norwegian originals' histories met in this run, read once per translation group.
/// Originals are imported before their translations (files are sorted so), so an original
/// does not change in the run after its history is first read.
#[derive(Default)]
struct Originals(HashMap<(AreaId, String), Option<translation::OriginalHistory>>);

impl Originals {
    async fn history(&mut self, db: &DatabaseConnection, area: AreaId, group: &str) -> Result<Option<&translation::OriginalHistory>, ImportError> {
        let key = (area, group.to_owned());
        if !self.0.contains_key(&key) {
            let history = match translation::original_in(db, area, group).await? {
                Some(original) => Some(translation::OriginalHistory::load(db, original.id).await?),
                None => None,
            };
            self.0.insert(key.clone(), history);
        }
        Ok(self.0.get(&key).and_then(Option::as_ref))
    }
}

/// The revision of its Norwegian original a translation file was made from: what its
/// `translated_from` names; without one, what the last import of the file took it to be
/// (so an unchanged file stays unchanged), or for a new file the original as it is now.
/// `None` for an original, or a file whose folder has no Norwegian original.
async fn translation_source(db: &DatabaseConnection, item: &CheckedItem, originals: &mut Originals) -> Result<Result<Option<i32>, String>, ImportError> {
    let fields = &item.write.fields;
    let history = match translation::is_translation(&fields.lang) {
        true => originals.history(db, item.write.area_id, &fields.translation_group).await?,
        false => None,
    };
    let Some(history) = history else {
        return Ok(match item.translated_from {
            Some(_) => Err(format!(
                "translated_from is for a translation of a Norwegian text, and there is no {}.{}.md beside this file",
                fields.slug,
                translation::ORIGINAL_LANG
            )),
            None => Ok(None),
        });
    };
    if let Some(declared) = item.translated_from {
        return Ok(history.revision_of(declared).map(Some).map_err(|why| format!("translated_from: {why}")));
    }
    let existing = repo::by_key(db, item.write.area_id, &fields.slug, &fields.lang).await?;
    let earlier = match &existing {
        Some(existing) => {
            let last_import = revisions::import_history(db, existing.id).await?.last_import;
            last_import.and_then(|fields| fields.translated_from).or(existing.translated_from)
        }
        None => None,
    };
    Ok(Ok(Some(earlier.unwrap_or_else(|| history.latest()))))
}

fn relative_path(content_dir: &Path, path: &Path) -> String {
    path.strip_prefix(content_dir).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Saves a checked item unless another file of this run has its slug and language in
/// the area already; whether it was saved.
async fn save(
    db: &DatabaseConnection,
    write: ItemWrite,
    path: &Path,
    area_slug: &str,
    rule: ImportRule,
    claimed: &mut HashMap<(AreaId, String, String), PathBuf>,
    report: &mut ImportReport,
) -> bool {
    let key = (write.area_id, write.fields.slug.clone(), write.fields.lang.clone());
    if let Some(first) = claimed.get(&key) {
        let message = format!(
            "duplicate slug {:?} in area {area_slug} and language {}: {} already uses it",
            key.1,
            key.2,
            first.display()
        );
        report.error(path, Some(1), message);
        report.failed += 1;
        return false;
    }
    claimed.insert(key, path.to_owned());
    match item::import_item(db, &write, rule).await {
        Ok(Imported::Conflict { item_id }) => {
            report.count(Imported::Conflict { item_id });
            let relative = write.source_path.as_deref().unwrap_or_default();
            report.conflict(
                path,
                format!(
                    "the file changed since the last import, and its page ({}/{}, {}, id {item_id}) was edited on the website \
                     since then (or made there); nothing was changed. Compare the two at /redaksjon/innhold/{item_id}/versjoner. \
                     To keep the website's text, copy it into the file; to let the file win, run \
                     `fagbro import --overwrite {relative}`.",
                    write.fields.kind, write.fields.slug, write.fields.lang
                ),
            );
            false
        }
        Ok(outcome) => {
            report.count(outcome);
            true
        }
        Err(error) => {
            report.error(path, Some(1), format!("could not be saved: {}", error_chain(&error)));
            report.failed += 1;
            false
        }
    }
}

/// Reads a course folder into the course item; `None` when it cannot be imported.
fn check_course(dir: &Path, relative: &str, area: &area::Model, catalog: &Catalog, report: &mut ImportReport) -> Option<ItemWrite> {
    let (course, problems) = crate::courses::files::read_course_folder(dir);
    report.problems.extend(problems);
    let course = course?;
    let course_path = dir.join("course.toml");
    let theme_ids = theme_ids(&course.themes, catalog, &course_path, course.themes_line, report);
    let definition = course.definition.to_json();
    let blank = ItemWrite::blank(area.id, &area.slug, ContentKind::Course, course.slug.as_str(), course.lang.as_str());
    Some(ItemWrite {
        body_html: markdown::render(&course.description),
        source_path: Some(relative.to_owned()),
        fields: ItemFields {
            title: course.title,
            summary: course.summary,
            audience: course.audience,
            tags: course.tags,
            body_markdown: course.description,
            status: course.status.unwrap_or(Status::Published),
            theme_ids,
            course_definition: Some(definition),
            ..blank.fields
        },
        ..blank
    })
}

/// The ids of the named themes; unknown ones are warned about and left out (the text is
/// still worth publishing; the theme link is what is missing).
fn theme_ids(slugs: &[String], catalog: &Catalog, path: &Path, line: usize, report: &mut ImportReport) -> Vec<i32> {
    let mut theme_ids = Vec::new();
    for theme_slug in slugs {
        match catalog.themes.get(theme_slug) {
            Some(theme) => theme_ids.push(theme.id),
            None => {
                let mut known: Vec<&str> = catalog.themes.keys().map(String::as_str).collect();
                known.sort_unstable();
                report.warning(
                    path,
                    Some(line),
                    format!("unknown theme {theme_slug:?} is ignored (themes.toml has: {})", known.join(", ")),
                );
            }
        }
    }
    theme_ids.sort_unstable();
    theme_ids.dedup();
    theme_ids
}

/// A page whose file was deleted from the content folder is deleted from the site (and
/// so from search). Only files that are really gone count: a file that failed to
/// import, or sits in a folder with an error, keeps its page as it was. A page edited on
/// the website since its last import is kept (a conflict), and when most imported files
/// are missing the folder is taken for another one and nothing is deleted.
async fn remove_deleted_files(
    db: &DatabaseConnection,
    content_dir: &Path,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let imported = repo::imported_items(db).await?;
    let gone: Vec<&(ItemId, String)> = imported.iter().filter(|(_, path)| !content_dir.join(path).exists()).collect();
    if looks_like_another_folder(gone.len(), imported.len()) && !options.delete_missing {
        let message = format!(
            "{} of the {} pages imported from files have no file in this folder: is it the right content folder? \
             Nothing was deleted. If the files were removed on purpose, run `fagbro import --delete-missing`.",
            gone.len(),
            imported.len()
        );
        report.error(content_dir, None, message);
        return Ok(());
    }
    for (id, source_path) in gone {
        let path = content_dir.join(source_path);
        let edited = crate::content::revisions::import_history(db, *id).await?.changed_since;
        if edited && options.rule_for(content_dir, source_path) == ImportRule::KeepWebEdits {
            report.conflicts += 1;
            report.conflict(
                &path,
                format!(
                    "the file is gone, but its page (id {id}) was edited on the website since the last import, so it was kept. \
                     Archive it on the website, restore the file, or run `fagbro import --overwrite {source_path}` to delete it."
                ),
            );
            continue;
        }
        if item::delete_item(db, *id, source_path).await? {
            report.removed += 1;
            report.warning(&path, None, "the file is gone, so its page was deleted");
        }
    }
    Ok(())
}

/// More than half of the imported pages, and more than a handful, without their files.
fn looks_like_another_folder(gone: usize, imported: usize) -> bool {
    gone > 5 && gone * 2 > imported
}

struct CheckedItem {
    write: ItemWrite,
    adapts_line: usize,
    translated_from: Option<TranslatedFrom>,
    translated_from_line: usize,
}

/// Reads and checks one file; `None` when it cannot be imported (reported already).
fn check_file(
    path: &Path,
    relative: &str,
    area: &area::Model,
    kind: ContentKind,
    catalog: &Catalog,
    report: &mut ImportReport,
) -> Option<CheckedItem> {
    let (slug, lang) = match slug_and_lang(path) {
        Ok(parts) => parts,
        Err(message) => {
            report.error(path, Some(1), message);
            return None;
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            report.error(path, Some(1), format!("cannot be read: {error}"));
            return None;
        }
    };
    let document = match front_matter::parse(&text) {
        Ok(document) => document,
        Err(problem) => {
            report.error(path, Some(problem.line), problem.message);
            return None;
        }
    };
    for warning in &document.warnings {
        report.warning(path, Some(warning.line), warning.message.clone());
    }
    let Document { front, body, .. } = &document;

    let theme_ids = theme_ids(&front.themes, catalog, path, document.line_of("themes"), report);

    if kind == ContentKind::Event && front.starts.is_none() {
        report.error(path, Some(1), "an event needs starts = 2026-12-03T09:00 (and may have ends and place)");
        return None;
    }
    if kind != ContentKind::Event {
        for key in ["starts", "ends", "place"] {
            if document.line_of(key) > 1 {
                report.warning(path, Some(document.line_of(key)), format!("{key} is only used by events; ignored"));
            }
        }
    }
    let adapts = match &front.adapts {
        None => None,
        Some(_) if area.slug == areas::CENTRAL => {
            report.error(path, Some(document.line_of("adapts")), "central content cannot adapt other content");
            return None;
        }
        Some(target) => match target.parse::<ItemRef>() {
            Ok(target) => Some(target),
            Err(error) => {
                report.error(path, Some(document.line_of("adapts")), format!("adapts = {error}"));
                return None;
            }
        },
    };
    let is_event = kind == ContentKind::Event;
    Some(CheckedItem {
        adapts_line: document.line_of("adapts"),
        write: ItemWrite {
            area_id: area.id,
            source_path: Some(relative.to_owned()),
            body_html: markdown::render(body),
            fields: ItemFields {
            kind,
            slug: slug.to_string(),
            lang: lang.to_string(),
            translation_group: format!("{}/{}/{}", area.slug, kind, slug),
            title: front.title.clone(),
            summary: front.summary.clone(),
            audience: front.audience.clone(),
            tags: front.tags.clone(),
            body_markdown: body.clone(),
            status: front.status.unwrap_or(Status::Published),
            published_on: front.published,
            updated_on: front.updated,
            review_by: front.review_by,
            event_starts: front.starts.filter(|_| is_event),
            event_ends: front.ends.filter(|_| is_event),
            event_place: front.place.clone().filter(|_| is_event),
            adapts,
            theme_ids,
            course_definition: None,
            // Resolved against the original when saved (`translation_source`).
            translated_from: None,
            },
        },
        translated_from: front.translated_from,
        translated_from_line: document.line_of("translated_from"),
    })
}

/// `bruk-av-tolk.nb.md` is slug `bruk-av-tolk` in language `nb`; `bruk-av-tolk.md` is bokmål.
fn slug_and_lang(path: &Path) -> Result<(Slug, Lang), String> {
    let name = file_name(path);
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let (slug, lang) = match stem.rsplit_once('.') {
        Some((slug, lang)) => (slug, Lang::parse(lang).map_err(|e| format!("file name {name:?}: {e}"))?),
        None => (stem, Lang::bokmal()),
    };
    let slug = Slug::parse(slug).map_err(|e| format!("file name {name:?}: {e}"))?;
    Ok((slug, lang))
}

/// A local adaptation whose central original is missing still imports, with a warning.
async fn check_adaptations(
    db: &DatabaseConnection,
    catalog: &Catalog,
    adaptations: Vec<(PathBuf, usize, ItemRef)>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let Some(central) = catalog.areas.get(areas::CENTRAL) else { return Ok(()) };
    for (path, line, target) in adaptations {
        if repo::published_versions(db, central.id, target.kind, target.slug.as_str()).await?.is_empty() {
            let message = format!("adapts \"{target}\", but no published central item has that type and slug");
            report.warning(&path, Some(line), message);
        }
    }
    // Adaptations written as files were written against the central text as it is now.
    repo::baseline_adaptations(db, central.id).await?;
    Ok(())
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?.map(|entry| entry.map(|e| e.path())).collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_slug_and_language() {
        let (slug, lang) = slug_and_lang(Path::new("x/etter-operasjonen.ar.md")).unwrap();
        assert_eq!((slug.as_str(), lang.as_str()), ("etter-operasjonen", "ar"));
        let (slug, lang) = slug_and_lang(Path::new("x/bruk-av-tolk.md")).unwrap();
        assert_eq!((slug.as_str(), lang.as_str()), ("bruk-av-tolk", "nb"));
        assert!(slug_and_lang(Path::new("x/Bruk av tolk.nb.md")).is_err());
        assert!(slug_and_lang(Path::new("x/tolk.nb-NO.md")).is_err());
    }

    #[test]
    fn problems_print_as_path_line_message() {
        let problem = Problem {
            path: PathBuf::from("content/ahus/news/x.nb.md"),
            line: Some(3),
            message: "unknown theme \"y\"".into(),
            severity: Severity::Error,
        };
        assert_eq!(problem.to_string(), "content/ahus/news/x.nb.md:3: unknown theme \"y\"");
    }
}
