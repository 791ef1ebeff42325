//! Languages of content: a validated code with its writing direction and its own name.
use std::fmt;

/// A language code as used in file names (`etter-operasjonen.ar.md`) and URLs:
/// ISO 639-1 (two letters) or 639-2/3 (three letters), lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(String);

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a language code (expected two or three lower-case letters, such as nb, en, ar)")]
pub struct BadLang(pub String);

/// Languages written right to left.
const RIGHT_TO_LEFT: &[&str] = &["ar", "ckb", "dv", "fa", "he", "prs", "ps", "ur", "yi"];

/// Each language's name in that language, for the list of translations, and in bokmål.
const NAMES: &[(&str, &str, &str)] = &[
    ("nb", "Norsk bokmål", "norsk bokmål"),
    ("nn", "Norsk nynorsk", "norsk nynorsk"),
    ("no", "Norsk", "norsk"),
    ("se", "Davvisámegiella", "nordsamisk"),
    ("en", "English", "engelsk"),
    ("ar", "العربية", "arabisk"),
    ("so", "Soomaali", "somali"),
    ("pl", "Polski", "polsk"),
    ("uk", "Українська", "ukrainsk"),
    ("ur", "اردو", "urdu"),
    ("fa", "فارسی", "persisk"),
    ("prs", "دری", "dari"),
    ("ps", "پښتو", "pashto"),
    ("ti", "ትግርኛ", "tigrinja"),
    ("ckb", "کوردی", "kurdisk (sorani)"),
    ("ru", "Русский", "russisk"),
    ("tr", "Türkçe", "tyrkisk"),
    ("lt", "Lietuvių", "litauisk"),
    ("es", "Español", "spansk"),
    ("fr", "Français", "fransk"),
    ("de", "Deutsch", "tysk"),
    ("vi", "Tiếng Việt", "vietnamesisk"),
    ("th", "ไทย", "thai"),
    ("ta", "தமிழ்", "tamil"),
];

impl Lang {
    pub fn parse(code: &str) -> Result<Lang, BadLang> {
        let ok = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        if ok { Ok(Lang(code.to_owned())) } else { Err(BadLang(code.to_owned())) }
    }

    /// Every language we know the names of, in the order a Norwegian editor is offered them.
    pub fn known() -> impl Iterator<Item = Lang> {
        NAMES.iter().map(|(code, ..)| Lang((*code).to_owned()))
    }

    /// The user interface language and the default language of content.
    pub fn bokmal() -> Lang {
        Lang("nb".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_right_to_left(&self) -> bool {
        RIGHT_TO_LEFT.contains(&self.0.as_str())
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.is_right_to_left() { "rtl" } else { "ltr" }
    }

    /// The language's name in itself ("العربية"), or the code when unknown.
    pub fn native_name(&self) -> &str {
        NAMES.iter().find(|(code, ..)| *code == self.0).map_or(self.0.as_str(), |(_, name, _)| name)
    }

    /// The language's name in bokmål ("arabisk"), or the code when unknown.
    pub fn name_in_bokmal(&self) -> &str {
        NAMES.iter().find(|(code, ..)| *code == self.0).map_or(self.0.as_str(), |(.., name)| name)
    }

    /// Order in which translations are offered to a Norwegian reader: Norwegian first.
    pub fn preference_rank(&self) -> usize {
        NAMES.iter().position(|(code, ..)| *code == self.0).unwrap_or(NAMES.len())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_urdu_and_farsi_are_written_right_to_left() {
        for code in ["ar", "ur", "fa"] {
            assert_eq!(Lang::parse(code).unwrap().dir(), "rtl");
        }
        for code in ["nb", "so", "pl", "uk", "en", "ti"] {
            assert_eq!(Lang::parse(code).unwrap().dir(), "ltr");
        }
    }

    #[test]
    fn codes_are_two_or_three_lower_case_letters() {
        assert!(Lang::parse("nb").is_ok());
        assert!(Lang::parse("prs").is_ok());
        for bad in ["", "n", "NB", "nb-NO", "norsk", "n1"] {
            assert!(Lang::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_language_is_named_in_itself() {
        assert_eq!(Lang::parse("ar").unwrap().native_name(), "العربية");
        assert_eq!(Lang::parse("uk").unwrap().native_name(), "Українська");
        assert_eq!(Lang::parse("xx").unwrap().native_name(), "xx");
    }
}
