//! Time as readers in Norway live it: every date shown or compared (today, upcoming,
//! published on) is a date in Europe/Oslo, whatever zone the server runs in; event
//! times are stored as Oslo wall-clock times.
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub const ZONE: Tz = chrono_tz::Europe::Oslo;
/// The zone's name, as calendars and feeds write it.
pub const ZONE_NAME: &str = "Europe/Oslo";

pub fn now() -> DateTime<Tz> {
    Utc::now().with_timezone(&ZONE)
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

/// The start of today in Oslo, as a wall-clock time (the way event times are stored).
pub fn start_of_today() -> NaiveDateTime {
    today().and_time(chrono::NaiveTime::MIN)
}

/// An Oslo wall-clock time as an instant. A time that does not exist (the hour skipped
/// in spring) is read as the hour after; one that exists twice (autumn) as the first.
pub fn instant(wall_clock: NaiveDateTime) -> DateTime<Utc> {
    let local = ZONE
        .from_local_datetime(&wall_clock)
        .earliest()
        .or_else(|| ZONE.from_local_datetime(&(wall_clock + chrono::Duration::hours(1))).earliest());
    local.map_or_else(|| wall_clock.and_utc(), |at| at.with_timezone(&Utc))
}

/// An instant as an Oslo wall-clock time.
pub fn wall_clock(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&ZONE).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn oslo_is_an_hour_ahead_in_winter_two_in_summer_and_dst_gaps_are_handled() {
        assert_eq!(instant(at("2027-01-15 09:00")).to_rfc3339(), "2027-01-15T08:00:00+00:00");
        assert_eq!(instant(at("2027-06-15 09:00")).to_rfc3339(), "2027-06-15T07:00:00+00:00");
        // 02:30 on 28 March 2027 does not exist in Oslo: read as 03:30 summer time.
        assert_eq!(instant(at("2027-03-28 02:30")).to_rfc3339(), "2027-03-28T01:30:00+00:00");
        assert_eq!(wall_clock(instant(at("2027-10-31 02:30"))), at("2027-10-31 02:30"));
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_oslo() {
        let late = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(late.with_timezone(&ZONE).date_naive(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    }
}
