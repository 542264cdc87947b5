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
pub struct ServiceWorker(axum::body::Bytes);

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
        // Without hashed names the built files change under the same names: the start time stands in.
        let salt = match hashes {
            Some(_) => String::new(),
            None => format!("{:?}", std::time::SystemTime::now()),
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
