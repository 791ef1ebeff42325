//! Something wrong with a content file or folder, named by path and line, as the
//! content and course file readers report it.
use std::fmt;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    /// A file and the website both changed the same page; nothing was written.
    Conflict,
    Warning,
}

/// Something wrong with one file (or folder), at a line when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match self.severity {
            Severity::Error => write!(f, ": {}", self.message),
            Severity::Conflict => write!(f, ": conflict: {}", self.message),
            Severity::Warning => write!(f, ": warning: {}", self.message),
        }
    }
}
