//! The content folder's optional settings files (`interpreter_routines.toml`,
//! `synonyms.toml`), read the same way.
use std::path::Path;

use super::ImportReport;

/// A settings file of the content folder (`interpreter_routines.toml`, `synonyms.toml`):
/// its text, `None` when there is none, or an error in the report when it cannot be read.
pub(super) fn read_optional(path: &Path, report: &mut ImportReport) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            report.error(path, None, format!("cannot be read: {error}"));
            None
        }
    }
}
