//! Dates and times as a Norwegian reader expects them: "3. desember 2026 kl. 09.00".
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const MONTHS: [&str; 12] = [
    "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "desember",
];

pub fn date(date: NaiveDate) -> String {
    format!("{}. {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// "1 minutt", "5 minutter".
pub fn minutes(count: i64) -> String {
    if count == 1 { "1 minutt".to_owned() } else { format!("{count} minutter") }
}

/// A date with its time, or the date alone for an event that lasts the whole day.
pub fn date_time(at: NaiveDateTime) -> String {
    if at.hour() == 0 && at.minute() == 0 {
        date(at.date())
    } else {
        format!("{} kl. {:02}.{:02}", date(at.date()), at.hour(), at.minute())
    }
}

/// When an event takes place: "3. desember 2026 kl. 09.00–15.30".
pub fn event_span(starts: NaiveDateTime, ends: Option<NaiveDateTime>) -> String {
    match ends {
        Some(ends) if ends.date() == starts.date() && ends.time() != starts.time() => {
            format!("{}–{:02}.{:02}", date_time(starts), ends.hour(), ends.minute())
        }
        Some(ends) if ends.date() != starts.date() => format!("{} – {}", date_time(starts), date_time(ends)),
        _ => date_time(starts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_minute_is_singular() {
        assert_eq!(minutes(1), "1 minutt");
        assert_eq!(minutes(2), "2 minutter");
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn dates_read_the_norwegian_way() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), "23. november 2026");
        assert_eq!(date_time(at("2026-12-03 09:00")), "3. desember 2026 kl. 09.00");
        assert_eq!(date_time(at("2026-12-03 00:00")), "3. desember 2026");
    }

    #[test]
    fn event_spans_name_the_end_once() {
        assert_eq!(event_span(at("2026-12-03 09:00"), Some(at("2026-12-03 15:30"))), "3. desember 2026 kl. 09.00–15.30");
        assert_eq!(event_span(at("2026-12-03 00:00"), Some(at("2026-12-04 00:00"))), "3. desember 2026 – 4. desember 2026");
        assert_eq!(event_span(at("2026-12-03 09:00"), None), "3. desember 2026 kl. 09.00");
    }
}
