//! Return addresses (`?neste=` after sign-in, the page a reader's feedback is about):
//! only a path on this site is taken, checked once here for every use.

/// Longer paths are no page of this site.
const MAX_LENGTH: usize = 1000;

/// `text` if it is a path on this site: it starts with one `/` and has no backslash
/// and no control character. `//evil.example`, `/\evil.example`, `/\t/evil.example`
/// (browsers drop the tab), `https://...` and `javascript:...` are refused.
pub fn same_site_path(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('/')?;
    let refused = text.len() > MAX_LENGTH
        || rest.starts_with('/')
        || text.contains('\\')
        || text.chars().any(|c| c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'));
    (!refused).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn only_paths_on_this_site_are_taken() {
        for good in ["/", "/vestfold/guide/bruk-av-tolk", "/sok?q=tolk&type=guide", "/kurs/central/legemiddelhandtering/02-de-sju-r-ene"] {
            assert_eq!(same_site_path(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "https://evil.example/login",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/x",
            "/\0",
            "javascript:alert(1)",
            "vestfold",
            "/\u{202e}txt.exe",
        ] {
            assert_eq!(same_site_path(bad), None, "{bad:?}");
        }
        assert_eq!(same_site_path(&format!("/{}", "a".repeat(1000))), None);
    }
}
