//! A readable difference between two revisions: line by line, unchanged stretches
//! folded down to a little context around each change.
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// Unchanged lines kept on each side of a change.
const CONTEXT: usize = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Same,
    Added,
    Removed,
    /// Unchanged lines left out, with how many.
    Folded,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    pub kind: LineKind,
    pub text: String,
}

pub fn lines(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let all: Vec<DiffLine> = diff
        .iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                ChangeTag::Equal => LineKind::Same,
                ChangeTag::Insert => LineKind::Added,
                ChangeTag::Delete => LineKind::Removed,
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect();
    let near_change = |i: usize| {
        let from = i.saturating_sub(CONTEXT);
        let to = (i + CONTEXT).min(all.len().saturating_sub(1));
        (from..=to).any(|j| all[j].kind != LineKind::Same)
    };
    let mut shown = Vec::new();
    let mut folded = 0;
    for (i, line) in all.iter().enumerate() {
        if line.kind == LineKind::Same && !near_change(i) {
            folded += 1;
            continue;
        }
        if folded > 0 {
            shown.push(DiffLine { kind: LineKind::Folded, text: format!("{folded} uendrede linjer") });
            folded = 0;
        }
        shown.push(line.clone());
    }
    if folded > 0 {
        shown.push(DiffLine { kind: LineKind::Folded, text: format!("{folded} uendrede linjer") });
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_shows_what_changed_with_a_little_context() {
        let old = "Tittel: Bruk av tolk\n\na\nb\nc\nd\ne\nf\ng\nBestill tolk i god tid.\n";
        let new = "Tittel: Bruk av kvalifisert tolk\n\na\nb\nc\nd\ne\nf\ng\nBestill tolk minst to dager før.\n";
        let diff = lines(old, new);
        assert!(diff.contains(&DiffLine { kind: LineKind::Removed, text: "Tittel: Bruk av tolk".into() }));
        assert!(diff.contains(&DiffLine { kind: LineKind::Added, text: "Tittel: Bruk av kvalifisert tolk".into() }));
        assert!(diff.contains(&DiffLine { kind: LineKind::Added, text: "Bestill tolk minst to dager før.".into() }));
        assert!(diff.iter().any(|l| l.kind == LineKind::Folded), "{diff:?}");
        assert!(!diff.iter().any(|l| l.text == "d"), "d is far from every change");
        assert!(lines("same\n", "same\n").iter().all(|l| l.kind == LineKind::Folded));
    }
}
