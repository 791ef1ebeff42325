//! Content files: TOML front matter between `+++` lines, then Markdown.
//!
//! `parse` is pure (text in, typed document or a line-numbered problem out), so the
//! rules are tested without touching the disk; `import` adds the path.
use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::Status;
use super::translation::TranslatedFrom;

/// A problem found at one line of a file (lines count from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMessage {
    pub line: usize,
    pub message: String,
}

impl LineMessage {
    fn new(line: usize, message: impl Into<String>) -> LineMessage {
        LineMessage { line, message: message.into() }
    }
}

/// A content file, parsed and checked for everything that does not need the database.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub front: FrontMatter,
    pub body: String,
    /// Keys that fagbro does not know: imported anyway, reported so typos are seen.
    pub warnings: Vec<LineMessage>,
    /// Where each front-matter key stands, for problems found later (unknown theme...).
    key_lines: Vec<(String, usize)>,
}

impl Document {
    /// The line of `key` in the file, or the first line when the key is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.iter().find(|(k, _)| k == key).map_or(1, |(_, line)| *line)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub themes: Vec<String>,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub status: Option<Status>,
    pub published: Option<NaiveDate>,
    /// When the text was last checked by a professional ("sist faglig oppdatert").
    pub updated: Option<NaiveDate>,
    pub review_by: Option<NaiveDate>,
    pub starts: Option<NaiveDateTime>,
    pub ends: Option<NaiveDateTime>,
    pub place: Option<String>,
    /// `type/slug` of the central item this local item adapts.
    pub adapts: Option<String>,
    /// A translation: which text of its Norwegian original it was made from.
    pub translated_from: Option<TranslatedFrom>,
}

const KNOWN_KEYS: &[&str] = &[
    "title", "summary", "themes", "audience", "tags", "status", "published", "updated",
    "review_by", "starts", "ends", "place", "adapts", "translated_from",
];

/// The front matter as TOML types; dates are read separately so that both
/// `published = 2026-11-01` and `published = "2026-11-01"` work.
#[derive(Deserialize)]
struct RawFrontMatter {
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    audience: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    status: Option<Status>,
    place: Option<String>,
    adapts: Option<String>,
    published: Option<toml::Value>,
    updated: Option<toml::Value>,
    review_by: Option<toml::Value>,
    starts: Option<toml::Value>,
    ends: Option<toml::Value>,
    translated_from: Option<toml::Value>,
}

pub fn parse(text: &str) -> Result<Document, LineMessage> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "+++" => {}
        _ => {
            return Err(LineMessage::new(
                1,
                "expected front matter: a line with +++, TOML keys (title = \"...\"), and +++ again",
            ));
        }
    }
    let mut front = String::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        front.push_str(line);
    }
    if !closed {
        return Err(LineMessage::new(1, "front matter opened with +++ on line 1 is never closed"));
    }
    let body: String = lines.collect::<String>().replace("\r\n", "\n");
    let front = front.replace("\r\n", "\n");

    // Front matter starts on line 2 of the file.
    let line_at = |offset: usize| 2 + front[..offset.min(front.len())].matches('\n').count();
    let table: toml::Table = toml::from_str(&front).map_err(|error| {
        let line = error.span().map_or(2, |span| line_at(span.start));
        LineMessage::new(line, format!("front matter is not valid TOML: {}", error.message().trim()))
    })?;
    let key_lines = key_lines(&front);
    let line_of = |key: &str| key_lines.iter().find(|(k, _)| k == key).map_or(1, |(_, line)| *line);

    if !table.contains_key("title") {
        return Err(LineMessage::new(1, "missing title: add title = \"...\" to the front matter"));
    }
    let raw: RawFrontMatter = toml::from_str(&front).map_err(|error| {
        let line = error.span().map_or(2, |span| line_at(span.start));
        LineMessage::new(line, format!("front matter: {}", error.message().trim()))
    })?;
    let title = raw.title.trim().to_owned();
    if title.is_empty() {
        return Err(LineMessage::new(line_of("title"), "title cannot be empty"));
    }

    let date = |key: &'static str, value: Option<toml::Value>| -> Result<Option<NaiveDate>, LineMessage> {
        value.map(|v| to_date(&v).map_err(|why| LineMessage::new(line_of(key), format!("{key}: {why}")))).transpose()
    };
    let date_time = |key: &'static str, value: Option<toml::Value>| -> Result<Option<NaiveDateTime>, LineMessage> {
        value
            .map(|v| to_date_time(&v).map_err(|why| LineMessage::new(line_of(key), format!("{key}: {why}"))))
            .transpose()
    };
    let front_matter = FrontMatter {
        title,
        summary: raw.summary.trim().to_owned(),
        themes: raw.themes,
        audience: raw.audience,
        tags: raw.tags,
        status: raw.status,
        published: date("published", raw.published)?,
        updated: date("updated", raw.updated)?,
        review_by: date("review_by", raw.review_by)?,
        starts: date_time("starts", raw.starts)?,
        ends: date_time("ends", raw.ends)?,
        place: raw.place.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()),
        adapts: raw.adapts.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()),
        translated_from: raw
            .translated_from
            .map(|v| to_translated_from(&v).map_err(|why| LineMessage::new(line_of("translated_from"), format!("translated_from: {why}"))))
            .transpose()?,
    };
    if let (Some(starts), Some(ends)) = (front_matter.starts, front_matter.ends)
        && ends < starts {
            return Err(LineMessage::new(line_of("ends"), "ends is before starts"));
        }
    let known: BTreeSet<&str> = KNOWN_KEYS.iter().copied().collect();
    let warnings = table
        .keys()
        .filter(|key| !known.contains(key.as_str()))
        .map(|key| LineMessage::new(line_of(key), format!("unknown front matter key {key:?} is ignored")))
        .collect();
    Ok(Document { front: front_matter, body, warnings, key_lines })
}

/// The file line of each top-level `key = ...` in the front matter.
fn key_lines(front: &str) -> Vec<(String, usize)> {
    front
        .lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let (key, _) = line.split_once('=')?;
            let key = key.trim().trim_matches('"');
            let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            simple.then(|| (key.to_owned(), index + 2))
        })
        .collect()
}

fn to_date(value: &toml::Value) -> Result<NaiveDate, String> {
    match value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| format!("{dt} is not a real date")),
            _ => Err(format!("expected a date such as 2026-11-23, found {dt}")),
        },
        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| format!("expected a date such as 2026-11-23, found {s:?}")),
        other => Err(format!("expected a date such as 2026-11-23, found {}", other.type_str())),
    }
}

/// `translated_from = 2026-10-01` (the `updated` date of the Norwegian text translated) or
/// `translated_from = 3` (its revision number, as the editor shows it).
fn to_translated_from(value: &toml::Value) -> Result<TranslatedFrom, String> {
    const EXPECTED: &str = "expected the date of the Norwegian text translated (its updated date, such as 2026-10-01) or its revision number";
    match value {
        toml::Value::Integer(n) => i32::try_from(*n).ok().filter(|n| *n >= 1).map(TranslatedFrom::Revision).ok_or_else(|| format!("{EXPECTED}, found {n}")),
        other => to_date(other).map(TranslatedFrom::TextOf).map_err(|_| format!("{EXPECTED}, found {other}")),
    }
}

fn to_date_time(value: &toml::Value) -> Result<NaiveDateTime, String> {
    const EXAMPLE: &str = "a date and time such as 2026-12-03T09:00 (or a date for a whole day)";
    match value {
        toml::Value::Datetime(dt) => {
            let Some(d) = dt.date else { return Err(format!("expected {EXAMPLE}, found {dt}")) };
            let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| format!("{dt} is not a real date"))?;
            let time = match dt.time {
                None => NaiveTime::MIN,
                Some(t) => NaiveTime::from_hms_opt(t.hour.into(), t.minute.into(), t.second.into())
                    .ok_or_else(|| format!("{dt} is not a real time"))?,
            };
            Ok(date.and_time(time))
        }
        toml::Value::String(s) => {
            let s = s.trim();
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
                .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(NaiveTime::MIN)))
                .map_err(|_| format!("expected {EXAMPLE}, found {s:?}"))
        }
        other => Err(format!("expected {EXAMPLE}, found {}", other.type_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_with_all_common_keys() {
        let text = "+++\ntitle = \"Bruk av tolk\"\nsummary = \"Når og hvordan\"\nthemes = [\"tolk\"]\n\
                    published = 2026-01-15\nreview_by = \"2027-01-15\"\nstatus = \"published\"\n+++\n\n## Når\n\nAlltid.\n";
        let doc = parse(text).unwrap();
        assert_eq!(doc.front.title, "Bruk av tolk");
        assert_eq!(doc.front.themes, vec!["tolk"]);
        assert_eq!(doc.front.published, NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(doc.front.review_by, NaiveDate::from_ymd_opt(2027, 1, 15));
        assert_eq!(doc.front.status, Some(Status::Published));
        assert_eq!(doc.body, "\n## Når\n\nAlltid.\n");
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn an_event_has_start_and_end_times() {
        let doc = parse("+++\ntitle = \"Fagdag\"\nstarts = 2026-12-03T09:00:00\nends = \"2026-12-03T15:30\"\n+++\n").unwrap();
        assert_eq!(doc.front.starts.unwrap().to_string(), "2026-12-03 09:00:00");
        assert_eq!(doc.front.ends.unwrap().to_string(), "2026-12-03 15:30:00");
        let error = parse("+++\ntitle = \"Fagdag\"\nstarts = 2026-12-03T09:00:00\nends = 2026-12-02\n+++\n").unwrap_err();
        assert_eq!(error, LineMessage::new(4, "ends is before starts"));
    }

    #[test]
    fn problems_name_the_line_they_are_on() {
        let missing_close = parse("+++\ntitle = \"x\"\n").unwrap_err();
        assert_eq!(missing_close.line, 1);
        let no_front_matter = parse("# Bare Markdown\n").unwrap_err();
        assert_eq!(no_front_matter.line, 1);
        let bad_toml = parse("+++\ntitle = \"x\"\nsummary = \"unterminated\n+++\nbody").unwrap_err();
        assert_eq!(bad_toml.line, 3, "{bad_toml:?}");
        let wrong_type = parse("+++\ntitle = \"x\"\n\nthemes = \"tolk\"\n+++\n").unwrap_err();
        assert_eq!(wrong_type.line, 4, "{wrong_type:?}");
        let bad_date = parse("+++\ntitle = \"x\"\npublished = \"15.01.2026\"\n+++\n").unwrap_err();
        assert_eq!(bad_date.line, 3);
        assert!(bad_date.message.contains("published"), "{}", bad_date.message);
        let bad_status = parse("+++\ntitle = \"x\"\nstatus = \"live\"\n+++\n").unwrap_err();
        assert_eq!(bad_status.line, 3, "{bad_status:?}");
    }

    #[test]
    fn a_missing_or_empty_title_is_refused() {
        assert!(parse("+++\nsummary = \"x\"\n+++\n").unwrap_err().message.contains("missing title"));
        assert_eq!(parse("+++\nsummary = \"x\"\ntitle = \"  \"\n+++\n").unwrap_err().line, 3);
    }

    #[test]
    fn unknown_keys_are_warned_about_but_not_fatal() {
        let doc = parse("+++\ntitle = \"x\"\nforfatter = \"Kari\"\n+++\n").unwrap();
        assert_eq!(doc.warnings, vec![LineMessage::new(3, "unknown front matter key \"forfatter\" is ignored")]);
    }

    #[test]
    fn windows_line_endings_and_a_byte_order_mark_are_fine() {
        let doc = parse("\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nTekst\r\n").unwrap();
        assert_eq!(doc.front.title, "x");
        assert_eq!(doc.body, "Tekst\n");
    }
}
