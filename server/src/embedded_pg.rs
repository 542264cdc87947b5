//! The private PostgreSQL cluster that Lumbung runs when no `DATABASE_URL` is given.
//!
//! Postgres refuses to run as root, so as root the cluster runs as the `postgres` user, in a data
//! folder that user can reach.
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

const DATABASE: &str = "lumbung";

pub struct EmbeddedPg {
    data_dir: PathBuf,
    port: u16,
    run_as: Option<(u32, u32)>,
    fsync: bool,
}

impl EmbeddedPg {
    /// Describes the cluster kept under `dir`, listening on `port` on the loopback address only.
    pub fn new(dir: &Path, port: u16) -> Result<Self> {
        let run_as = if running_as_root() {
            Some(postgres_ids()?)
        } else {
            None
        };
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut data_dir = std::fs::canonicalize(dir)?;
        if run_as.is_some() && !reachable_by_others(&data_dir) {
            // /root is 0700: keep the cluster where the postgres user can reach it.
            let fallback = std::env::temp_dir().join(format!("lumbung-pg-{}", path_tag(&data_dir)));
            tracing::warn!(
                "{} is not reachable by the postgres user; using {}",
                data_dir.display(),
                fallback.display()
            );
            std::fs::create_dir_all(&fallback)?;
            data_dir = fallback;
        }
        let data_dir = data_dir.join("pgdata");
        Ok(Self {
            data_dir,
            port,
            run_as,
            fsync: true,
        })
    }

    /// Trades crash safety for speed: for throwaway test clusters only.
    pub fn without_fsync(mut self) -> Self {
        self.fsync = false;
        self
    }

    /// The URL of the app's database.
    pub fn url(&self) -> String {
        self.url_of(DATABASE)
    }

    fn url_of(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Initialises the cluster when new, then starts it unless it already runs.
    /// Returns true when this call started it.
    pub fn start(&self) -> Result<bool> {
        if !self.data_dir.join("PG_VERSION").exists() {
            self.init()?;
        }
        if self.is_running() {
            return Ok(false);
        }
        let log = self.data_dir.join("server.log");
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -c unix_socket_directories='' -c fsync={}",
            self.port,
            if self.fsync { "on" } else { "off" }
        );
        self.run("pg_ctl", |c| {
            c.arg("-D")
                .arg(&self.data_dir)
                .arg("-l")
                .arg(&log)
                .args(["-w", "-t", "60", "-o", &options, "start"]);
        })
        .with_context(|| format!("starting PostgreSQL; see {}", log.display()))?;
        Ok(true)
    }

    /// Stops the cluster with a fast shutdown, if it runs.
    pub fn stop(&self) -> Result<()> {
        if !self.is_running() {
            return Ok(());
        }
        self.run("pg_ctl", |c| {
            c.arg("-D")
                .arg(&self.data_dir)
                .args(["-w", "-m", "fast", "stop"]);
        })
    }

    /// Kills the postmaster with SIGKILL, as a crash would, for `bench-faults`; its backends notice and
    /// exit, and the next start recovers from the write-ahead log.
    pub fn kill_postmaster(&self) -> Result<()> {
        let pid_file = self.data_dir.join("postmaster.pid");
        let text = std::fs::read_to_string(&pid_file)
            .with_context(|| format!("reading {}", pid_file.display()))?;
        let pid = text.lines().next().unwrap_or("").trim().to_string();
        anyhow::ensure!(
            pid.parse::<u32>().is_ok(),
            "no pid in {}",
            pid_file.display()
        );
        let status = Command::new("kill").args(["-KILL", &pid]).status()?;
        anyhow::ensure!(status.success(), "kill -KILL {pid} failed");
        for _ in 0..100 {
            if !self.is_running() {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        bail!("PostgreSQL did not stop within 10 s of the kill")
    }

    fn is_running(&self) -> bool {
        self.command("pg_ctl")
            .arg("-D")
            .arg(&self.data_dir)
            .arg("status")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    fn init(&self) -> Result<()> {
        std::fs::create_dir_all(&self.data_dir)?;
        if let Some((uid, gid)) = self.run_as {
            std::os::unix::fs::chown(&self.data_dir, Some(uid), Some(gid))?;
        }
        std::fs::set_permissions(&self.data_dir, std::fs::Permissions::from_mode(0o700))?;
        tracing::info!("initialising PostgreSQL in {}", self.data_dir.display());
        self.run("initdb", |c| {
            c.arg("-D").arg(&self.data_dir).args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]);
        })
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        // The postgres user may not be able to read the current folder.
        cmd.current_dir("/");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        cmd
    }

    fn run(&self, program: &str, args: impl FnOnce(&mut Command)) -> Result<()> {
        let mut cmd = self.command(program);
        args(&mut cmd);
        let out = cmd
            .output()
            .with_context(|| format!("running {program} (is PostgreSQL installed?)"))?;
        if !out.status.success() {
            bail!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }
}

/// Creates the app's database on the cluster when it does not exist yet.
pub async fn ensure_database(pg: &EmbeddedPg) -> Result<()> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&pg.url_of("postgres")).await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(DATABASE)
            .fetch_one(&mut conn)
            .await?;
    if !exists {
        sqlx::query(&format!("CREATE DATABASE {DATABASE}"))
            .execute(&mut conn)
            .await?;
    }
    Ok(())
}

/// Drops and creates a database on the cluster, for a test run that starts from nothing.
/// Returns its URL.
pub async fn recreate_database(pg: &EmbeddedPg, name: &str) -> Result<String> {
    use sqlx::Connection;
    anyhow::ensure!(
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "database names are lowercase letters, digits and _"
    );
    let mut conn = sqlx::PgConnection::connect(&pg.url_of("postgres")).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    Ok(pg.url_of(name))
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// The uid and gid of the `postgres` user, read from /etc/passwd.
fn postgres_ids() -> Result<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd")?;
    passwd
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.first() == Some(&"postgres") && fields.len() > 3)
                .then(|| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
                .flatten()
        })
        .context("running as root needs a 'postgres' user to run PostgreSQL (apt-get install postgresql)")
}

fn reachable_by_others(dir: &Path) -> bool {
    dir.ancestors()
        .all(|a| std::fs::metadata(a).is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
}

/// A short stable tag for a path, so that each checkout keeps its own fallback cluster.
fn path_tag(path: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut h);
    format!("{:016x}", h.finish())
}
