//! A form refused without JavaScript comes back in its page's address (`__path` and `__err`: what was
//! typed and what is wrong), and the page shows it again. Anyone could write such an address and send it:
//! an owner's terms form filled with someone else's bank account, a file name that says anything. So the
//! server signs the refusals its server functions send (HMAC-SHA256 with a key kept in PostgreSQL, the
//! same for every app server), for the browser that sent the form (its session and guest cookies) and
//! for a quarter of an hour; a page shows only such an echo, and drops any other from the address.
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::PgPool;

const SIGNATURE: &str = "__sig";
const ECHO: [&str; 3] = ["__path", "__err", SIGNATURE];
/// How long a refused form's page shows what was typed.
const VALID_SECONDS: u64 = 15 * 60;

#[derive(Clone)]
pub struct EchoKey(std::sync::Arc<[u8; 32]>);

/// An echo as it travels: the server function, its error, when it was signed.
struct Echo<'a> {
    path: &'a str,
    error: &'a str,
    at: u64,
}

impl EchoKey {
    /// The key every app server on this database shares, made by the first one to start.
    pub async fn load(pool: &PgPool) -> anyhow::Result<Self> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        sqlx::query!(
            "INSERT INTO site_keys (name, value) VALUES ('form_echo', $1) ON CONFLICT (name) DO NOTHING",
            &fresh[..]
        )
        .execute(pool)
        .await?;
        let stored = sqlx::query_scalar!("SELECT value FROM site_keys WHERE name = 'form_echo'")
            .fetch_one(pool)
            .await?;
        let key: [u8; 32] = stored
            .try_into()
            .map_err(|_| anyhow::anyhow!("the form echo key is not 32 bytes"))?;
        Ok(Self(std::sync::Arc::new(key)))
    }

    fn mac(&self, echo: &Echo, browser: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0[..]).expect("any key length");
        for part in [echo.path, echo.error, browser, &echo.at.to_string()] {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        mac
    }

    /// A server function's redirect with its echo signed: only the echo it appended (the last `__path`
    /// and `__err`; earlier ones came with the Referer, which the client writes).
    fn signed(&self, location: &str, browser: &str, now: u64) -> Option<String> {
        let (base, query) = location.split_once('?')?;
        let (query, fragment) = match query.split_once('#') {
            Some((query, fragment)) => (query, Some(fragment)),
            None => (query, None),
        };
        let pairs = pairs(query);
        let last = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let echo = Echo {
            path: last("__path")?,
            error: last("__err")?,
            at: now,
        };
        let tag: String = (self.mac(&echo, browser).finalize().into_bytes().iter())
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut out = without_echo(&pairs);
        out.append_pair("__path", echo.path);
        out.append_pair("__err", echo.error);
        out.append_pair(SIGNATURE, &format!("{now}.{tag}"));
        let fragment = fragment.map_or_else(String::new, |f| format!("#{f}"));
        Some(format!("{base}?{}{fragment}", out.finish()))
    }

    /// The address without its echo, unless the echo is one signed here for this browser, lately, and
    /// the only one in it.
    fn unsigned_dropped(&self, uri: &Uri, browser: &str, now: u64) -> Option<Uri> {
        let query = uri.query()?;
        let pairs = pairs(query);
        let echoes = |name: &str| {
            pairs
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        let (paths, errors, signatures) = (echoes("__path"), echoes("__err"), echoes(SIGNATURE));
        if paths.is_empty() && errors.is_empty() && signatures.is_empty() {
            return None;
        }
        let genuine = match (paths.as_slice(), errors.as_slice(), signatures.as_slice()) {
            ([path], [error], [signature]) => self.verify(path, error, signature, browser, now),
            _ => false,
        };
        if genuine {
            return None;
        }
        let rest = without_echo(&pairs).finish();
        let address = if rest.is_empty() {
            uri.path().to_string()
        } else {
            format!("{}?{rest}", uri.path())
        };
        address.parse().ok()
    }

    fn verify(&self, path: &str, error: &str, signature: &str, browser: &str, now: u64) -> bool {
        let Some((at, tag)) = signature.split_once('.') else {
            return false;
        };
        let (Ok(at), Some(tag)) = (at.parse::<u64>(), hex(tag)) else {
            return false;
        };
        now.saturating_sub(at) <= VALID_SECONDS
            && self
                .mac(&Echo { path, error, at }, browser)
                .verify_slice(&tag)
                .is_ok()
    }
}

fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// The query's other parameters, in their order.
fn without_echo(pairs: &[(String, String)]) -> form_urlencoded::Serializer<'static, String> {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(k, _)| !ECHO.contains(&k.as_str())) {
        out.append_pair(k, v);
    }
    out
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..32)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// The browser a form came from: its session and guest cookies, which a refusal does not change.
fn browser(headers: &HeaderMap) -> String {
    let cookie = |name| app::cookie::find(headers, name).unwrap_or_default();
    format!(
        "{}|{}",
        cookie(app::auth::session::COOKIE_NAME),
        cookie(app::cart::guest::COOKIE_NAME)
    )
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

pub async fn signed(State(key): State<EchoKey>, mut request: Request, next: Next) -> Response {
    let browser = browser(request.headers());
    if let Some(clean) = key.unsigned_dropped(request.uri(), &browser, now()) {
        *request.uri_mut() = clean;
    }
    let from_form = request.method() == Method::POST && request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if !from_form {
        return response;
    }
    let signed = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| key.signed(location, &browser, now()))
        .and_then(|location| HeaderValue::from_str(&location).ok());
    if let Some(location) = signed {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> EchoKey {
        EchoKey(std::sync::Arc::new([byte; 32]))
    }

    const ME: &str = "sesi-saya|";
    const NOW: u64 = 1_800_000_000;

    fn uri(s: &str) -> Uri {
        s.split('#').next().unwrap().parse().unwrap()
    }

    #[test]
    fn a_signed_echo_passes_for_its_browser_for_a_while() {
        let echo = "/dasbor/toko?x=1&__path=%2Fapi%2Fsave_terms&__err=eyJJbnZhbGlkIjp7fX0%3D#qris";
        let signed = key(1).signed(echo, ME, NOW).unwrap();
        assert!(signed.starts_with("/dasbor/toko?x=1&__path=%2Fapi%2Fsave_terms&__err=eyJJbnZhbGlkIjp7fX0%3D&__sig=1800000000."));
        assert!(signed.ends_with("#qris"));
        assert_eq!(key(1).unsigned_dropped(&uri(&signed), ME, NOW + 60), None);
        let dropped = |key: EchoKey, address: &str, browser: &str, now: u64| {
            key.unsigned_dropped(&uri(address), browser, now)
                .map(|u| u.to_string())
        };
        let clean = Some("/dasbor/toko?x=1".to_string());
        // Another browser, too late, another server's key, no signature: dropped.
        assert_eq!(dropped(key(1), &signed, "sesi-lain|", NOW), clean);
        assert_eq!(dropped(key(1), &signed, ME, NOW + VALID_SECONDS + 1), clean);
        assert_eq!(dropped(key(2), &signed, ME, NOW), clean);
        assert_eq!(dropped(key(1), echo, ME, NOW), clean);
        // A signed echo with another error added, or its error changed, is dropped whole; a signature
        // that is not hex (nor ASCII) breaks nothing.
        for tampered in [
            signed.replace("#qris", "&__err=bGFpbg%3D%3D"),
            signed.replace("eyJJbnZhbGlkIjp7fX0", "eyJJbnZhbGlkIjp7ffX"),
            format!("{echo}&__sig=1.%E2%82%AC{}", "a".repeat(61)),
        ] {
            assert_eq!(dropped(key(1), &tampered, ME, NOW), clean, "{tampered}");
        }
        // Addresses without an echo are left as they are.
        assert_eq!(key(1).unsigned_dropped(&uri("/cari?q=kopi"), ME, NOW), None);
        assert_eq!(key(1).signed("/dasbor/produk/3?disimpan=1", ME, NOW), None);
    }

    #[test]
    fn only_the_echo_the_server_appended_is_signed() {
        // The Referer (which the client writes) brought an echo of its own; the server appended its.
        let forged = "/dasbor/toko?__path=%2Fapi%2Fsave_terms&__err=UEFMU1U%3D&__sig=1.00&__path=%2Fapi%2Fsave_terms&__err=QVNMSQ%3D%3D";
        let signed = key(1).signed(forged, ME, NOW).unwrap();
        assert_eq!(signed.matches("__err=").count(), 1);
        assert!(signed.contains("__err=QVNMSQ%3D%3D&__sig="));
        assert_eq!(key(1).unsigned_dropped(&uri(&signed), ME, NOW), None);
    }
}
