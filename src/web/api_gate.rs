//! The door of the open API (`/api/...`): other sites' pages read it from the browser,
//! so it answers cross-origin reads (CORS, GET only, no cookies), and each client
//! address gets `FAGBRO_API_PER_MINUTE` requests a minute. The site's own search box
//! (`/api/search`, `/api/suggest`) is not counted: a hospital's many users share one
//! address, and searches have their own limit (the search slots).
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// Request headers a cross-origin reader may send (conditional GET).
const ALLOWED_HEADERS: &str = "If-None-Match, If-Modified-Since";
/// Response headers a cross-origin reader may see.
const EXPOSED_HEADERS: &str = "ETag, Last-Modified, Retry-After";

/// Requests left per client: a bucket that fills at `per_minute` a minute and holds
/// at most a minute's worth, so a quiet client may ask for many at once.
pub struct ApiLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Clients remembered at most; past this, full buckets (quiet clients) are forgotten.
const MOST_CLIENTS: usize = 10_000;

impl ApiLimiter {
    pub fn new(per_minute: u32) -> ApiLimiter {
        ApiLimiter { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one request from `client`'s bucket, or says how long until there is one.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MOST_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, bucket| bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second < capacity);
        }
        let bucket = buckets.entry(client).or_insert(Bucket { tokens: capacity, at: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

fn is_open_api(path: &str) -> bool {
    path.starts_with("/api/") && !matches!(path, "/api/search" | "/api/suggest")
}

pub async fn api_gate(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let path = req.path();
    if !(path == "/api" || path.starts_with("/api/")) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let cross_origin = req.headers().contains_key(header::ORIGIN);
    if req.method() == Method::OPTIONS && cross_origin {
        let preflight = HttpResponse::NoContent()
            .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
            .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD"))
            .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
            .finish();
        return Ok(req.into_response(preflight).map_into_right_body());
    }
    if is_open_api(path)
        && let (Some(state), Some(limiter)) = (req.app_data::<web::Data<AppState>>(), req.app_data::<web::Data<ApiLimiter>>())
    {
        let client = super::client::client_of(req.request(), &state.config);
        if let Some(client) = client
            && let Err(wait) = limiter.take(client, Instant::now())
        {
            let seconds = wait.as_secs() + 1;
            let refused = HttpResponse::TooManyRequests()
                .insert_header((header::RETRY_AFTER, seconds.to_string()))
                .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
                .insert_header((header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS))
                .json(serde_json::json!({
                    "error": format!("too many requests from this address: try again in {seconds} s"),
                    "retry_after_seconds": seconds,
                }));
            return Ok(req.into_response(refused).map_into_right_body());
        }
    }
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, header::HeaderValue::from_static("*"));
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, header::HeaderValue::from_static(EXPOSED_HEADERS));
    Ok(response.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_spends_a_minutes_worth_at_once_then_one_as_it_refills() {
        let limiter = ApiLimiter::new(60);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let start = Instant::now();
        for _ in 0..60 {
            assert!(limiter.take(a, start).is_ok());
        }
        let wait = limiter.take(a, start).unwrap_err();
        assert!(wait <= Duration::from_secs(1) && wait > Duration::from_millis(900), "{wait:?}");
        assert!(limiter.take(b, start).is_ok(), "another client has its own bucket");
        assert!(limiter.take(a, start + Duration::from_secs(1)).is_ok(), "one more a second");
        assert!(limiter.take(a, start + Duration::from_secs(1)).is_err());
    }

    #[test]
    fn the_sites_own_search_box_is_not_counted() {
        assert!(is_open_api("/api/items") && is_open_api("/api/openapi.json"));
        assert!(!is_open_api("/api/search") && !is_open_api("/api/suggest") && !is_open_api("/sok"));
    }
}
