//! Answers that a client may keep: an `ETag` made from the bytes, `Last-Modified` when
//! the content knows it, and 304 Not Modified when the client already holds them. Feed
//! readers and calendar apps ask every few minutes; most of the time nothing changed.
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use actix_web::http::header::{self, HttpDate};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// `body` as `content_type`, or 304 when the request's `If-None-Match` names its tag
/// (or, without one, `If-Modified-Since` is not before `last_modified`).
pub fn respond(req: &HttpRequest, content_type: &str, body: String, last_modified: Option<DateTime<Utc>>, max_age: Duration) -> HttpResponse {
    let digest = Sha256::digest(body.as_bytes());
    let tag = format!("\"{}\"", digest[..16].iter().map(|b| format!("{b:02x}")).collect::<String>());
    let modified = last_modified.map(|at| HttpDate::from(SystemTime::from(at)));
    let cache = format!("public, max-age={}", max_age.as_secs());
    let not_modified = unchanged(req, &tag, last_modified);
    let mut response = if not_modified { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response.insert_header((header::ETAG, tag)).insert_header((header::CACHE_CONTROL, cache));
    if let Some(modified) = modified {
        response.insert_header((header::LAST_MODIFIED, modified));
    }
    if not_modified {
        return response.finish();
    }
    response.content_type(content_type).body(body)
}

fn unchanged(req: &HttpRequest, tag: &str, last_modified: Option<DateTime<Utc>>) -> bool {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(tags) = header(header::IF_NONE_MATCH) {
        // A weak comparison, as RFC 9110 asks for If-None-Match.
        return tags.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == tag || t == "*");
    }
    match (header(header::IF_MODIFIED_SINCE).and_then(|v| HttpDate::from_str(v).ok()), last_modified) {
        // HTTP dates have whole seconds.
        (Some(since), Some(modified)) => SystemTime::from(since) >= SystemTime::from(modified) - Duration::from_millis(999),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn a_client_holding_the_same_bytes_gets_304() {
        let body = || "<feed/>".to_owned();
        let first = respond(&TestRequest::get().to_http_request(), "application/atom+xml", body(), None, Duration::from_secs(300));
        assert_eq!(first.status(), 200);
        let tag = first.headers().get(header::ETAG).unwrap().to_str().unwrap().to_owned();
        let again = TestRequest::get().insert_header((header::IF_NONE_MATCH, tag.clone())).to_http_request();
        assert_eq!(respond(&again, "application/atom+xml", body(), None, Duration::from_secs(300)).status(), 304);
        let changed = respond(&again, "application/atom+xml", "<feed>ny</feed>".into(), None, Duration::from_secs(300));
        assert_eq!(changed.status(), 200);
    }

    #[test]
    fn without_a_tag_the_date_decides() {
        let modified = DateTime::parse_from_rfc3339("2026-12-05T10:00:00.500+00:00").unwrap().with_timezone(&Utc);
        let since = |date: &str| TestRequest::get().insert_header((header::IF_MODIFIED_SINCE, date)).to_http_request();
        let same = respond(&since("Sat, 05 Dec 2026 10:00:00 GMT"), "text/calendar", "x".into(), Some(modified), Duration::ZERO);
        assert_eq!(same.status(), 304);
        let older = respond(&since("Sat, 05 Dec 2026 09:59:59 GMT"), "text/calendar", "x".into(), Some(modified), Duration::ZERO);
        assert_eq!(older.status(), 200);
        assert_eq!(older.headers().get(header::LAST_MODIFIED).unwrap(), "Sat, 05 Dec 2026 10:00:00 GMT");
    }
}
