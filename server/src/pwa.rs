//! `/sw.js`: the service worker of `public/sw.js`, with this build's version and the files it keeps
//! for offline use put in front, so that every deploy installs a new worker that drops the old caches.
use std::path::Path;

use anyhow::{Context, Result};
use axum::http::header;
use axum::response::IntoResponse;
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};

/// What the worker keeps at install besides the build's CSS, JS and WASM.
const SHELL: [&str; 6] = [
    "/luring",
    "/manifest.webmanifest",
    "/favicon.svg",
    "/placeholder.svg",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
];

/// The script served at `/sw.js`, made once at start.
#[derive(Clone)]
pub struct ServiceWorker(std::sync::Arc<str>);

impl ServiceWorker {
    pub fn load(options: &LeptosOptions) -> Result<Self> {
        let site = Path::new(options.site_root.as_ref());
        let source = std::fs::read_to_string(site.join("sw.js"))
            .with_context(|| format!("reading {}", site.join("sw.js").display()))?;
        let hashes = hashes(options)?;
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        let assets = match &hashes {
            Some(h) => [
                format!("{pkg}.{}.css", h.css),
                format!("{pkg}.{}.js", h.js),
                format!("{pkg}.{}.wasm", h.wasm),
            ],
            None => [
                format!("{pkg}.css"),
                format!("{pkg}.js"),
                format!("{pkg}_bg.wasm"),
            ],
        };
        let shell: Vec<&str> = SHELL
            .iter()
            .copied()
            .chain(assets.iter().map(String::as_str))
            .collect();
        let mut version = Sha256::new();
        version.update(source.as_bytes());
        for path in &shell {
            version.update(path.as_bytes());
        }
        // Without hashed names the built files change under the same names: the start time stands in.
        if hashes.is_none() {
            version.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
        }
        let version = format!("{:x}", version.finalize())[..16].to_string();
        let script = format!(
            "const VERSION = {};\nconst SHELL = {};\n{source}",
            serde_json::to_string(&version)?,
            serde_json::to_string(&shell)?
        );
        Ok(Self(script.into()))
    }

    pub fn response(&self) -> impl IntoResponse + use<> {
        (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                // The browser asks for it again at every navigation to find a new build.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            self.0.to_string(),
        )
    }
}

/// The hashes cargo-leptos put in the built files' names, from the file it writes beside the binary
/// (where Leptos reads it too).
struct Hashes {
    css: String,
    js: String,
    wasm: String,
}

fn hashes(options: &LeptosOptions) -> Result<Option<Hashes>> {
    if !options.hash_files {
        return Ok(None);
    }
    let exe = std::env::current_exe()?;
    let path = exe
        .parent()
        .unwrap_or(Path::new("."))
        .join(options.hash_file.as_ref());
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let find = |name: &str| {
        text.lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(file, _)| file.trim() == name)
            .map(|(_, hash)| hash.trim().to_string())
            .with_context(|| format!("{} names no {name} hash", path.display()))
    };
    Ok(Some(Hashes {
        css: find("css")?,
        js: find("js")?,
        wasm: find("wasm")?,
    }))
}
