//! The addresses of this build's CSS, JS and WASM, with the hashes cargo-leptos put in their names. It
//! writes them to a file beside the binary (where Leptos reads them too); the page's hydration and the
//! service worker's offline copy both need them.
use std::path::Path;
use std::sync::OnceLock;

use leptos::config::LeptosOptions;

pub struct Bundle {
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// Whether the names carry hashes; without them, a new build changes files under the same names.
    pub hashed: bool,
}

static BUNDLE: OnceLock<Bundle> = OnceLock::new();

impl Bundle {
    /// Reads the names once, at the server's start: an error when the build asks for hashed names and
    /// the hash file lacks one. The page and the service worker then name the same files.
    pub fn load(options: &LeptosOptions) -> Result<&'static Self, String> {
        if let Some(bundle) = BUNDLE.get() {
            return Ok(bundle);
        }
        let bundle = Self::read(options)?;
        Ok(BUNDLE.get_or_init(|| bundle))
    }

    /// The names read at start; read here, with plain names on an error, where nothing loaded them.
    pub fn get(options: &LeptosOptions) -> &'static Self {
        BUNDLE.get_or_init(|| {
            Self::read(options).unwrap_or_else(|e| {
                tracing::error!("the built files' names: {e}");
                Self::unhashed(options)
            })
        })
    }

    fn read(options: &LeptosOptions) -> Result<Self, String> {
        if !options.hash_files {
            return Ok(Self::unhashed(options));
        }
        let exe = std::env::current_exe().map_err(|e| format!("finding the binary: {e}"))?;
        let path = exe
            .parent()
            .unwrap_or(Path::new("."))
            .join(options.hash_file.as_ref());
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let hash = |name: &str| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(file, _)| file.trim() == name)
                .map(|(_, hash)| hash.trim().to_string())
                .ok_or_else(|| format!("{} names no {name} hash", path.display()))
        };
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        Ok(Self {
            css: format!("{pkg}.{}.css", hash("css")?),
            js: format!("{pkg}.{}.js", hash("js")?),
            wasm: format!("{pkg}.{}.wasm", hash("wasm")?),
            hashed: true,
        })
    }

    fn unhashed(options: &LeptosOptions) -> Self {
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        Self {
            css: format!("{pkg}.css"),
            js: format!("{pkg}.js"),
            // cargo-leptos renames wasm-bindgen's `_bg` file.
            wasm: format!("{pkg}.wasm"),
            hashed: false,
        }
    }
}
