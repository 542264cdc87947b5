//! Requests per address and minute (pages and server functions, not files), counted in this server's
//! memory: cheap enough for every request (suggestions are asked for as a buyer types). Behind a load
//! balancer each server counts its own share; the limits that must hold across servers (logins,
//! checkouts…) are in `app::throttle`.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use app::error::AppError;
use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// Far above what a person does: a page is one, with a few server functions; typing a search one a word.
pub const PER_MINUTE: u32 = 120;
/// Addresses remembered at once; past this the minutes before this one are forgotten.
const MOST_ADDRESSES: usize = 100_000;

pub struct RateLimit {
    per_minute: u32,
    trusted_proxies: usize,
    /// Per address (an IPv6 /64 counts as one): the minute (since the epoch) counted, and its count.
    counts: Mutex<HashMap<String, (u64, u32)>>,
}

impl RateLimit {
    pub fn new(per_minute: u32, trusted_proxies: usize) -> Arc<Self> {
        Arc::new(Self {
            per_minute,
            trusted_proxies,
            counts: Mutex::default(),
        })
    }

    /// Counts a request from `address` in `minute`; the seconds to wait when it is one too many.
    fn count(&self, address: String, minute: u64, second: u64) -> Option<u32> {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() >= MOST_ADDRESSES && !counts.contains_key(&address) {
            counts.retain(|_, (counted, _)| *counted == minute);
            // Still full of this minute's addresses: a new one goes uncounted rather than forgetting
            // those (which would free every address over its limit).
            if counts.len() >= MOST_ADDRESSES {
                return None;
            }
        }
        let entry = counts.entry(address).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        (entry.1 > self.per_minute).then(|| (60 - second % 60) as u32)
    }

    /// Counts the request; the seconds to wait when it is one too many from its address.
    pub fn over(&self, request: &Request) -> Option<u32> {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let address = app::address::from_headers(peer, request.headers(), self.trusted_proxies)
            .map(app::address::limit_key)?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        self.count(address, now / 60, now)
    }
}

/// Built files, pictures and icons: a page brings several, and none runs a query.
fn is_file(path: &str) -> bool {
    ["/pkg/", "/media/", "/icons/"]
        .iter()
        .any(|p| path.starts_with(p))
        || path.ends_with(".svg")
        || path == "/sw.js"
        || path == "/manifest.webmanifest"
}

pub async fn limited(
    State(limit): State<Arc<RateLimit>>,
    request: Request,
    next: Next,
) -> Response {
    // The open data API counts its own requests, with a limit of its own.
    let path = request.uri().path();
    if is_file(path) || app::open_data::is_api(path) {
        return next.run(request).await;
    }
    let Some(seconds) = limit.over(&request) else {
        return next.run(request).await;
    };
    // What a form without JavaScript typed goes back with the refusal (a form is at most 64 KiB).
    let (parts, body) = request.into_parts();
    let typed = to_bytes(body, app::upload::FORM_BYTES)
        .await
        .map(|body| crate::refusal::typed(&body))
        .unwrap_or_default();
    crate::refusal::refuse(
        &parts,
        AppError::Throttled {
            seconds,
            form: typed,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_address_per_minute() {
        let limit = RateLimit::new(3, 0);
        let (one, two) = ("203.0.113.7".to_string(), "203.0.113.8".to_string());
        for _ in 0..3 {
            assert_eq!(limit.count(one.clone(), 100, 6_000), None);
        }
        assert_eq!(limit.count(one.clone(), 100, 6_015), Some(45));
        assert_eq!(limit.count(two, 100, 6_015), None);
        // A new minute starts again.
        assert_eq!(limit.count(one, 101, 6_060), None);
    }
}
