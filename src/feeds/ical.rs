//! iCalendar (RFC 5545) for events: a calendar per area for calendar apps to subscribe
//! to, and one per event for "add to my calendar". Times are Oslo wall-clock times with
//! the zone described in the file, so a phone in another zone still shows them right.
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::oslo;

pub struct Calendar {
    pub name: String,
    pub description: String,
    pub events: Vec<Event>,
}

pub struct Event {
    /// Stable across edits and instances: made from the item's id and the site's host.
    pub uid: String,
    pub title: String,
    pub description: String,
    pub place: Option<String>,
    pub url: String,
    pub starts: NaiveDateTime,
    pub ends: Option<NaiveDateTime>,
    pub modified: DateTime<Utc>,
}

/// Europe/Oslo since 1996: summer time from the last Sunday of March at 02:00 to the
/// last Sunday of October at 03:00.
const OSLO_TIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Oslo",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

impl Calendar {
    pub fn to_ics(&self, stamp: DateTime<Utc>) -> String {
        let mut lines: Vec<String> = vec![
            "BEGIN:VCALENDAR".into(),
            "VERSION:2.0".into(),
            "PRODID:-//fagbro//kalender//NB".into(),
            "CALSCALE:GREGORIAN".into(),
            "METHOD:PUBLISH".into(),
            format!("X-WR-CALNAME:{}", text(&self.name)),
            format!("X-WR-CALDESC:{}", text(&self.description)),
            format!("X-WR-TIMEZONE:{}", oslo::ZONE_NAME),
        ];
        lines.extend(OSLO_TIMEZONE.iter().map(|line| (*line).to_owned()));
        for event in &self.events {
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}", text(&event.uid)));
            lines.push(format!("DTSTAMP:{}", utc(stamp)));
            lines.push(format!("DTSTART;TZID={}:{}", oslo::ZONE_NAME, wall_clock(event.starts)));
            if let Some(ends) = event.ends.filter(|ends| *ends > event.starts) {
                lines.push(format!("DTEND;TZID={}:{}", oslo::ZONE_NAME, wall_clock(ends)));
            }
            lines.push(format!("SUMMARY:{}", text(&event.title)));
            if !event.description.is_empty() {
                lines.push(format!("DESCRIPTION:{}", text(&event.description)));
            }
            if let Some(place) = event.place.as_deref().filter(|p| !p.trim().is_empty()) {
                lines.push(format!("LOCATION:{}", text(place)));
            }
            lines.push(format!("URL;VALUE=URI:{}", event.url));
            lines.push(format!("LAST-MODIFIED:{}", utc(event.modified)));
            lines.push("END:VEVENT".into());
        }
        lines.push("END:VCALENDAR".into());
        lines.iter().map(|line| fold(line)).collect()
    }
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn wall_clock(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line ended by CRLF and folded so no line is longer than 75 octets, never
/// inside a character (Norwegian and Arabic letters are two bytes or more).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_between_characters_and_text_is_escaped() {
        let line = format!("SUMMARY:{}", "Fagdag om sår, smerte; og «ø» ".repeat(5));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn an_event_has_oslo_times_a_stable_uid_and_no_end_before_its_start() {
        let at = |t: &str| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap();
        let calendar = Calendar {
            name: "Vestfold".into(),
            description: String::new(),
            events: vec![Event {
                uid: "item-7@fagbro.example.no".into(),
                title: "Fagdag".into(),
                description: String::new(),
                place: Some("Tønsberg, sal 2".into()),
                url: "https://fagbro.example.no/vestfold/event/fagdag".into(),
                starts: at("2027-03-01 09:00"),
                ends: Some(at("2027-03-01 08:00")),
                modified: Utc::now(),
            }],
        };
        let ics = calendar.to_ics(Utc::now());
        assert!(ics.contains("DTSTART;TZID=Europe/Oslo:20270301T090000\r\n"), "{ics}");
        assert!(!ics.contains("DTEND"), "an end before the start is left out: {ics}");
        assert!(ics.contains("LOCATION:Tønsberg\\, sal 2\r\n"));
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
    }
}
