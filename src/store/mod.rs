//! `SQLite` storage: the only place SQL lives.
//!
//! A workspace is one `SQLite` file marked with our `application_id`. Opening checks the file
//! read-only first, and refuses a foreign, damaged or newer file without writing a byte.

mod accounts;
mod assess;
mod backup;
mod check;
mod figures;
mod migrations;
mod org;
mod reports;
mod standards;
mod words;

pub use assess::{Action, EvidenceItem, NewEvidence, StoredFile, sha256_hex};
pub use backup::{
    Backup, KEEP, WorkspaceLock, backups_dir, list_backups, lock_workspace, resolved_path, rolling_backup_in_background,
};
pub use check::{Problem, RecordedReceipt, SignedRevision};
pub use migrations::LATEST_VERSION;
pub use reports::{ContributionRow, ContributorRow, ReportRow, ReportSignoffRow};
pub use standards::SetSummary;

use crate::domain::standards::StandardSet;
use rusqlite::{Connection, OpenFlags};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `PRAGMA application_id` of a LERO Evidence workspace ("LERO" in ASCII).
pub const APPLICATION_ID: i32 = 0x4C45_524F;

/// How long a write waits for another connection before giving up.
const BUSY_TIMEOUT_MS: u32 = 5000;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is something other than a workspace.
    #[error("This file is not a LERO Evidence workspace, so it was left untouched: choose your workspace file, or a new file name to start one. ({})", .0.display())]
    NotAWorkspace(PathBuf),
    /// Written by a newer app.
    #[error("This workspace was saved by a newer version of LERO Evidence (format {found}; this version reads up to {supported}), so it was left untouched: update the app to open it. ({})", path.display())]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// Ours.
        supported: i64,
    },
    /// The file is a workspace but `SQLite` finds damage.
    #[error("This workspace file is damaged ({detail}), so it was left untouched: restore a backup or choose another file. ({})", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What `SQLite` said.
        detail: String,
    },
    /// The file or its folder could not be opened.
    #[error("The workspace could not be opened ({detail}): check that the folder exists and that you may write to it. ({})", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// Something asked for is not there.
    #[error("{0}")]
    NotFound(String),
    /// The workspace was opened read-only, or its file or folder cannot be written.
    #[error(
        "This workspace can only be read here, so the change was not saved and the file was left as it was. To make changes, open it from a folder you may write to (or copy it there)."
    )]
    ReadOnly,
    /// The disk is full.
    #[error(
        "The disk is full, so the last change was not saved; everything saved before it is safe. Free some space (empty the bin, move large files elsewhere), then try again."
    )]
    Full,
    /// Another copy of the app has the workspace open.
    #[error("This workspace is already open in another LERO Evidence window on this computer, so it was left as it was: switch to that window, or close it and try again. ({})", .0.display())]
    InUse(PathBuf),
    /// A statement failed.
    #[error(
        "The workspace could not be read or saved ({0}). Nothing was changed: try again, and if it keeps failing make a backup and run a check."
    )]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::Full,
            _ => StoreError::Sql(e),
        }
    }
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open workspace database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Set versions already read, parsed. A stored version never changes, so they stay true.
    sets: RefCell<HashMap<(String, String), Arc<StandardSet>>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

/// What a read-only look at an existing file found.
enum Inspection {
    /// Nothing there yet (missing or empty file): a new workspace will be made.
    Fresh,
    /// A workspace at this schema version.
    Workspace(i64),
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}

/// Looks at an existing file without changing it.
fn inspect(path: &Path) -> Result<Inspection> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Inspection::Fresh),
        Err(e) => return Err(StoreError::Open { path: path.into(), detail: e.to_string() }),
    };
    if meta.is_dir() {
        return Err(StoreError::NotAWorkspace(path.into()));
    }
    if meta.len() == 0 {
        return Ok(Inspection::Fresh);
    }
    let mut header = Vec::with_capacity(16);
    std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 16), &mut header))
        .map_err(|e| StoreError::Open { path: path.into(), detail: e.to_string() })?;
    if header != b"SQLite format 3\0" {
        return Err(StoreError::NotAWorkspace(path.into()));
    }
    let damaged = |e: rusqlite::Error| StoreError::Damaged { path: path.into(), detail: e.to_string() };
    let conn = read_only_connection(path).map_err(|e| {
        if is_corruption(&e) { damaged(e) } else { StoreError::Open { path: path.into(), detail: e.to_string() } }
    })?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(damaged)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(damaged)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| if is_corruption(&e) { damaged(e) } else { StoreError::Sql(e) })?;
    if app_id != APPLICATION_ID {
        return if app_id == 0 && version == 0 && tables == 0 {
            Ok(Inspection::Fresh)
        } else {
            Err(StoreError::NotAWorkspace(path.into()))
        };
    }
    if version > LATEST_VERSION {
        return Err(StoreError::Newer { path: path.into(), found: version, supported: LATEST_VERSION });
    }
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(damaged)?;
    if check != "ok" {
        return Err(StoreError::Damaged { path: path.into(), detail: check });
    }
    Ok(Inspection::Workspace(version))
}

impl Store {
    /// Opens the workspace at `path`, making it if it does not exist, and brings its schema up
    /// to date. A file that is not a workspace, is damaged, or is newer is refused untouched.
    pub fn open(path: &Path) -> Result<Self> {
        // An absolute file name, never a URI: `--db file:x.lero` is a file called "file:x.lero",
        // and so are its backups and companions.
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let path = absolute.as_path();
        if let Inspection::Workspace(version) = inspect(path)?
            && version < LATEST_VERSION
        {
            backup::copy_before_update(path, version)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open { path: path.into(), detail: e.to_string() })?;
        let mut store = Self { conn, path: path.into(), sets: RefCell::default() };
        store.set_pragmas().map_err(|e| StoreError::Open { path: path.into(), detail: e.to_string() })?;
        migrations::migrate(&mut store.conn, LATEST_VERSION)?;
        Ok(store)
    }

    /// Opens an existing workspace only for reading: nothing is written to the file, and it
    /// works from a read-only folder or disk. Any change is refused with
    /// [`StoreError::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Self> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let path = absolute.as_path();
        match inspect(path)? {
            Inspection::Fresh => return Err(StoreError::NotAWorkspace(path.into())),
            Inspection::Workspace(v) if v < LATEST_VERSION => {
                return Err(StoreError::Open {
                    path: path.into(),
                    detail: "it was saved by an older version and must be updated first, which needs a folder you may write to".into(),
                });
            }
            Inspection::Workspace(_) => {}
        }
        let conn =
            read_only_connection(path).map_err(|e| StoreError::Open { path: path.into(), detail: e.to_string() })?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Self { conn, path: path.into(), sets: RefCell::default() })
    }

    /// Opens a workspace and migrates it only up to `version`: used by tests that build
    /// fixture files of older schemas.
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: i64) -> Result<Self> {
        let conn = Connection::open(path)?;
        let mut store = Self { conn, path: path.into(), sets: RefCell::default() };
        store.set_pragmas()?;
        migrations::migrate(&mut store.conn, version)?;
        Ok(store)
    }

    /// Pragmas that belong to a connection, not to the schema, so they are set on every open.
    fn set_pragmas(&mut self) -> rusqlite::Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
        let mode: String = self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(rusqlite::Error::InvalidQuery);
        }
        // FULL keeps each committed edit through a power cut; edits are small and debounced.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Stops (or restarts) waiting for the disk after each commit. Only for writing made-up
    /// sample workspaces quickly; a user's work always waits.
    #[doc(hidden)]
    pub fn wait_for_disk(&self, wait: bool) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", if wait { "FULL" } else { "OFF" })?;
        Ok(())
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Reads a setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Every row `sql` selects with `params`, each read by `read`.
    fn all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )?;
        Ok(())
    }

    /// Runs `f` as one write transaction whose lock is taken up front (`BEGIN IMMEDIATE`), so a
    /// second writer waits its turn for the busy timeout instead of failing half-way with
    /// "database is locked"; everything `f` does is committed together or not at all. Inside
    /// another transaction, `f` is simply part of it.
    pub fn immediate<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let started = self.begin_immediate()?;
        let done = f(&self.conn);
        self.finish(started, done)
    }

    /// Starts a write transaction with its lock taken now, unless one is open already;
    /// returns whether it started one. End it with [`Store::finish`].
    pub fn begin_immediate(&self) -> Result<bool> {
        if !self.conn.is_autocommit() {
            return Ok(false);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(true)
    }

    /// Ends what [`Store::begin_immediate`] started: commits when `done` is a success,
    /// otherwise (or when the commit fails) rolls everything back. Returns `done`.
    pub fn finish<T, E: From<StoreError>>(
        &self,
        started: bool,
        done: std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !started {
            return done;
        }
        let done = done.and_then(|v| {
            self.conn.execute_batch("COMMIT").map_err(|e| E::from(StoreError::from(e)))?;
            Ok(v)
        });
        if done.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        done
    }

    /// Writes a consistent copy of the whole workspace to `out`, through a temporary file in
    /// the same folder renamed into place, so a failure (a full disk, a kill) never leaves a
    /// partial or empty file under the name asked for, and nothing behind it. Whether `out`
    /// may be written at all is the workspace's rule (`workspace::OwnFiles`).
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        let tmp = std::path::absolute(temporary_beside(out)).unwrap_or_else(|_| temporary_beside(out));
        let target = tmp.to_str().ok_or_else(|| StoreError::Open {
            path: out.into(),
            detail: "the file name has characters this system cannot pass to SQLite".into(),
        })?;
        let _ = std::fs::remove_file(&tmp);
        if let Err(e) = self.conn.execute("VACUUM INTO ?1", [target]) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        std::fs::rename(&tmp, out).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            StoreError::Open { path: out.into(), detail: e.to_string() }
        })
    }
}

/// A temporary name in the same folder as `out` (so a rename moves it into place at once):
/// hidden, and unique to this process and call.
pub fn temporary_beside(out: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let name = out.file_name().map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// True when `path` is a regular file holding a LERO Evidence workspace: an `SQLite` file
/// whose header carries our `application_id`, read without changing the file. A workspace
/// made moments ago may have its mark only in its write-ahead log so far; then it is asked
/// through a read-only connection.
pub fn is_workspace_file(path: &Path) -> bool {
    use std::io::Read;
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut header = [0u8; 72];
    if std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_err() {
        return false;
    }
    if &header[..16] != b"SQLite format 3\0" {
        return false;
    }
    let id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if id == APPLICATION_ID {
        return true;
    }
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    id == 0
        && Path::new(&wal).exists()
        && read_only_connection(path)
            .and_then(|c| c.pragma_query_value(None, "application_id", |r| r.get::<_, i32>(0)))
            .is_ok_and(|v| v == APPLICATION_ID)
}

/// A connection that only reads: one that still sees another app's writes where the folder
/// allows `SQLite`'s shared-memory file, and where it does not (a read-only folder or disk) one
/// that reads the file as unchanging. Neither writes to the file.
fn read_only_connection(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let readable = |uri: String| -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(uri, flags)?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
        Ok(conn)
    };
    readable(format!("file:{}?mode=ro", uri_path(path))).or_else(|e| {
        if is_corruption(&e) { Err(e) } else { readable(format!("file:{}?mode=ro&immutable=1", uri_path(path))) }
    })
}

/// A path as the path part of an `SQLite` `file:` URI: absolute, with `%`, `?` and `#` (and
/// anything outside printable ASCII) percent-encoded.
fn uri_path(path: &Path) -> String {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for b in full.to_string_lossy().bytes() {
        if b.is_ascii_graphic() && !matches!(b, b'%' | b'?' | b'#') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// The current time as RFC 3339 UTC, to the second.
pub(crate) fn now() -> String {
    let t = time::OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
