# Sourced by scripts/run and scripts/test: installs what Lumbung needs, at pinned versions.
# Each step checks first, so a second run takes seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARGO_LEPTOS_VERSION=0.3.10
# wasm-opt from npm's binaryen (see tools/package.json) goes first: Debian's binaryen 108 breaks hydration.
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing: $*. Install it with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  say "apt-get install $*"
  if [[ -z ${APT_UPDATED:-} ]]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  local component
  for component in clippy rustfmt; do
    rustup component list --installed | grep -q "^$component" \
      || { say "rustup component add $component"; rustup component add "$component"; }
  done
  if [[ "$(cargo leptos --version 2>/dev/null)" != *" $CARGO_LEPTOS_VERSION" ]]; then
    say "cargo install cargo-leptos@$CARGO_LEPTOS_VERSION (about 16 minutes on 2 cores)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked
  fi
  # The CLI must equal the wasm-bindgen crate in Cargo.lock.
  local want
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want"* ]]; then
    say "cargo install wasm-bindgen-cli $want"
    # Without --locked: its lockfile names a webpki-roots version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# npm ci in a folder whose node_modules is missing or older than its lockfile.
ensure_npm_packages() {
  local dir=$1
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    say "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

ensure_postgres() {
  if ! command -v initdb >/dev/null; then
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z $bin ]]; then
      apt_install postgresql
      bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    export PATH="$bin:$PATH"
  fi
  # As root, the private cluster runs as the postgres user, which the Debian package creates.
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then apt_install postgresql; fi
}

ensure_browser_test_tools() {
  command -v chromium >/dev/null || apt_install chromium
  command -v curl >/dev/null || apt_install curl
}

# A Python tool in a virtualenv under .data/tools/$1, at the versions tools/$1-requirements.txt pins.
ensure_python_tool() {
  local venv="$ROOT/.data/tools/$1" want="$ROOT/tools/$1-requirements.txt"
  if [[ ! -f $venv/installed || $want -nt $venv/installed ]]; then
    python3 -c "import ensurepip" 2>/dev/null || apt_install python3-venv
    say "pip install -r tools/$1-requirements.txt"
    rm -rf "$venv" && python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$want"
    touch "$venv/installed"
  fi
}

# moto's S3-compatible server.
ensure_s3_server() {
  ensure_python_tool s3
  S3_PYTHON="$ROOT/.data/tools/s3/bin/python" S3_SERVER="$ROOT/.data/tools/s3/bin/moto_server"
}

# schemathesis, which fuzzes the open data API over its OpenAPI document.
ensure_schema_fuzzer() {
  ensure_python_tool schemathesis
  SCHEMATHESIS="$ROOT/.data/tools/schemathesis/bin/st"
}

ensure_build_tools() {
  ensure_node
  ensure_rust_tools
  ensure_npm_packages "$ROOT/tools"
  ensure_postgres
}

# What the server binary reads when it runs outside cargo-leptos.
export_site_env() {
  export LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_HASH_FILES=true
}
