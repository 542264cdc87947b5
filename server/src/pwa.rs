//! `/sw.js`: the service worker of `public/sw.js`, with this build's version and the files it keeps
//! for offline use put in front, so that every deploy installs a new worker that drops the old caches.
use std::path::Path;

use anyhow::{Context, Result};
use app::bundle::Bundle;
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
pub struct ServiceWorker(axum::body::Bytes);

impl ServiceWorker {
    pub fn load(options: &LeptosOptions) -> Result<Self> {
        let site = Path::new(options.site_root.as_ref());
        let source = std::fs::read_to_string(site.join("sw.js"))
            .with_context(|| format!("reading {}", site.join("sw.js").display()))?;
        let bundle = Bundle::load(options).map_err(anyhow::Error::msg)?;
        let assets = [&bundle.css, &bundle.js, &bundle.wasm];
        let shell: Vec<&str> = SHELL
            .iter()
            .copied()
            .chain(assets.iter().map(|a| a.as_str()))
            .collect();
        // Without hashed names the built files change under the same names: the start time stands in.
        let salt = if bundle.hashed {
            String::new()
        } else {
            format!("{:?}", std::time::SystemTime::now())
        };
        let script = script(&source, &shell, &salt);
        Ok(Self(script.into()))
    }

    pub fn response(&self) -> impl IntoResponse + use<> {
        (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                // The browser asks for it again at every navigation to find a new build.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            self.0.clone(),
        )
    }
}

/// The worker's script: `source` with the version and the files to keep at install put in front. The
/// version changes with the source and with any file's name, so that a new build installs a new worker.
fn script(source: &str, shell: &[&str], salt: &str) -> String {
    let mut version = Sha256::new();
    for part in std::iter::once(source)
        .chain(shell.iter().copied())
        .chain([salt])
    {
        version.update(part.as_bytes());
        version.update([0]);
    }
    let version = format!("{:x}", version.finalize());
    format!(
        "const VERSION = \"{}\";\nconst SHELL = {};\n{source}",
        &version[..16],
        serde_json::to_string(shell).expect("strings serialise")
    )
}

#[cfg(test)]
mod tests {
    use super::script;

    #[test]
    fn a_new_build_or_worker_source_makes_a_new_version() {
        let version = |s: &str| s.lines().next().unwrap().to_string();
        let one = script("self.x = 1;", &["/luring", "/pkg/lumbung.aaa.wasm"], "");
        assert!(one.starts_with("const VERSION = \""));
        assert!(
            one.contains("const SHELL = [\"/luring\",\"/pkg/lumbung.aaa.wasm\"];\nself.x = 1;")
        );
        assert_eq!(
            version(&one),
            version(&script(
                "self.x = 1;",
                &["/luring", "/pkg/lumbung.aaa.wasm"],
                ""
            ))
        );
        assert_ne!(
            version(&one),
            version(&script(
                "self.x = 1;",
                &["/luring", "/pkg/lumbung.bbb.wasm"],
                ""
            ))
        );
        assert_ne!(
            version(&one),
            version(&script(
                "self.x = 2;",
                &["/luring", "/pkg/lumbung.aaa.wasm"],
                ""
            ))
        );
    }
}
