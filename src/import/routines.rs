//! `interpreter_routines.toml`: each area's booking routine as shipped with the content.
//! A routine is the area's editors' to keep: the file only fills in an area that has none,
//! and never writes over what they saved on the website.
use std::collections::BTreeMap;
use std::path::Path;

use sea_orm::DatabaseConnection;

use super::{ImportError, ImportReport};
use super::catalog::Catalog;
use crate::interpreter_booking::{RoutineFields, repo};

pub const FILE: &str = "interpreter_routines.toml";

pub(super) async fn import_routines(db: &DatabaseConnection, content_dir: &Path, catalog: &Catalog, report: &mut ImportReport) -> Result<(), ImportError> {
    let path = content_dir.join(FILE);
    let Some(text) = super::optional_file::read_optional(&path, report) else { return Ok(()) };
    let line_of = |offset: usize| 1 + text[..offset.min(text.len())].matches('\n').count();
    let routines: BTreeMap<String, RoutineFields> = match toml::from_str(&text) {
        Ok(routines) => routines,
        Err(error) => {
            report.error(&path, error.span().map(|s| line_of(s.start)), format!("not a valid routine file: {}", error.message().trim()));
            return Ok(());
        }
    };
    for (area_slug, fields) in routines {
        let line = text.find(&format!("[{area_slug}]")).map(line_of);
        let Some(area) = catalog.areas.get(&area_slug) else {
            report.error(&path, line, format!("unknown area {area_slug:?}: add it to areas.toml first"));
            continue;
        };
        match fields.routine() {
            Ok(routine) => {
                if repo::of_area(db, area.id).await?.is_none() {
                    repo::save(db, area.id, &routine, "import").await?;
                }
            }
            Err(problems) => report.error(&path, line, format!("[{area_slug}]: {}", problems.join(" "))),
        }
    }
    Ok(())
}
