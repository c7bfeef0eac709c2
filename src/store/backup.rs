//! Copies of a workspace: the rolling automatic backups kept beside it, the copy taken before
//! a schema update, and restoring one.

use super::{Inspection, Result, Store, StoreError, inspect};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

/// How many automatic backups are kept; the oldest beyond this are removed.
pub const KEEP: usize = 10;

/// One backup in a workspace's backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// When it was taken, as its name says ("2026-11-22 19:40:05").
    pub taken: String,
    /// Why it was taken ("opened", "every 30 minutes", "before restoring").
    pub reason: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The folder beside a workspace where its backups are kept: `NAME-backups`.
pub fn backups_dir(workspace: &Path) -> PathBuf {
    let mut name = workspace.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push("-backups");
    workspace.with_file_name(name)
}

/// The backups of a workspace, newest first.
pub fn list_backups(workspace: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(backups_dir(workspace)) else { return Vec::new() };
    let mut out: Vec<Backup> = entries
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let stem = path.file_name()?.to_str()?.strip_suffix(".lero")?.to_owned();
            // backup-YYYYMMDD-HHMMSS-NN-reason
            let rest = stem.strip_prefix("backup-")?;
            let (date, rest) = rest.split_once('-')?;
            let (time, rest) = rest.split_once('-')?;
            let reason = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            if date.len() != 8 || time.len() != 6 {
                return None;
            }
            let taken =
                format!("{}-{}-{} {}:{}:{}", &date[..4], &date[4..6], &date[6..], &time[..2], &time[2..4], &time[4..]);
            Some(Backup { bytes: e.metadata().ok()?.len(), path, taken, reason: reason.replace('-', " ") })
        })
        .collect();
    out.sort_by(|a, b| b.path.file_name().cmp(&a.path.file_name()));
    out
}

/// A new backup file name in `dir`: by time, then `reason`, never one that exists.
fn new_backup_path(dir: &Path, reason: &str) -> PathBuf {
    let now = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let reason: String = reason.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    // A counter, one more than any backup of the same second, keeps backups taken within one
    // second apart and in the order of their names (even after older ones were removed).
    let prefix = format!("backup-{stamp}-");
    let last = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_prefix(&prefix)?.get(..2)?.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    dir.join(format!("backup-{stamp}-{:02}-{reason}.lero", last + 1))
}

/// Writes a consistent copy of the database on `conn` to a new file in the backups folder of
/// `workspace` (through a temporary name, so a half-written backup never looks like one), then
/// removes the oldest beyond [`KEEP`].
fn write_backup(conn: &Connection, workspace: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backups_dir(workspace);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Open { path: dir.clone(), detail: e.to_string() })?;
    let path = new_backup_path(&dir, reason);
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let target = partial.to_str().ok_or_else(|| StoreError::Open {
        path: partial.clone(),
        detail: "the folder's name has characters this system cannot pass to SQLite".into(),
    })?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [target]) {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    std::fs::rename(&partial, &path).map_err(|e| StoreError::Open { path: path.clone(), detail: e.to_string() })?;
    for old in list_backups(workspace).into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old.path);
    }
    Ok(path)
}

/// Before a schema update: a copy of the file as it is, through a read-only connection.
pub(super) fn copy_before_update(path: &Path, from: i64) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    write_backup(&conn, path, &format!("before update from format {from}"))
}

/// Takes a rolling backup of the workspace file at `workspace` through a connection of its
/// own on another thread, so that nobody waits for it; the outcome comes on the channel. The
/// copy is consistent even while the window goes on saving (the database's write-ahead log lets the
/// backup read the file as it was when it began).
pub fn rolling_backup_in_background(workspace: &Path, reason: &str) -> Receiver<Result<PathBuf>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (path, reason) = (workspace.to_path_buf(), reason.to_owned());
    let work = move || {
        let conn =
            Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        write_backup(&conn, &path, &reason)
    };
    let sender = tx.clone();
    if let Err(e) = std::thread::Builder::new().name("backup".into()).spawn(move || {
        let _ = sender.send(work());
    }) {
        let _ = tx
            .send(Err(StoreError::Open { path: workspace.into(), detail: format!("the backup could not start: {e}") }));
    }
    rx
}

impl Store {
    /// Takes an automatic backup into the backups folder beside the workspace, keeping the
    /// newest [`KEEP`]. Returns the new file.
    pub fn rolling_backup(&self, reason: &str) -> Result<PathBuf> {
        write_backup(&self.conn, &self.path, reason)
    }

    /// How many rows have been changed through this connection since it opened: a cheap way
    /// to tell whether anything changed since the last backup.
    pub fn total_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Replaces the workspace's content with a backup's, after checking that the backup is a
    /// healthy workspace this version can read; brings its schema up to date.
    pub fn restore_from(&mut self, backup: &Path) -> Result<()> {
        if let Inspection::Fresh = inspect(backup)? {
            return Err(StoreError::NotAWorkspace(backup.into()));
        }
        self.conn.restore(rusqlite::MAIN_DB, backup, None::<fn(rusqlite::backup::Progress)>)?;
        self.forget_sets();
        self.set_pragmas()?;
        super::migrations::migrate(&mut self.conn, super::LATEST_VERSION)?;
        Ok(())
    }

    /// Caps the file's size in pages, as a full disk would (for tests).
    #[doc(hidden)]
    pub fn limit_pages_for_test(&self, pages: u32) -> Result<()> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }
}

/// Holds a workspace for one app: while the window has it, another window (or a command) on
/// the same file is refused. The lock is the operating system's, so it goes away with the
/// process, however it ends. It goes by the file, not by the name it was opened with: the
/// lock file (`NAME-lock`) sits beside the workspace with its links resolved, so a symbolic
/// link or `..` reaches the same lock; and where the system allows it (Unix), the workspace
/// file itself is locked too, so a hard link under another name is refused as well.
#[derive(Debug)]
pub struct WorkspaceLock {
    _files: Vec<std::fs::File>,
}

/// The workspace at `path` with its links and `..` resolved: the file itself when it exists,
/// else its folder resolved with the name after it.
pub fn resolved_path(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent().and_then(|d| std::fs::canonicalize(d).ok()), absolute.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => absolute,
    }
}

/// Takes the lock of the workspace at `path`: `exclusive` for a window, shared for a
/// command. `Ok(None)` when no lock file can be made there (a read-only folder), where the
/// workspace cannot be changed anyway. A folder is refused: it is no workspace.
pub fn lock_workspace(path: &Path, exclusive: bool) -> Result<Option<WorkspaceLock>> {
    if path.is_dir() {
        return Err(StoreError::NotAWorkspace(path.into()));
    }
    let real = resolved_path(path);
    let mut name = real.as_os_str().to_os_string();
    name.push("-lock");
    let Ok(file) = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(PathBuf::from(name))
    else {
        return Ok(None);
    };
    let take = |file: &std::fs::File| if exclusive { file.try_lock() } else { file.try_lock_shared() };
    let mut files = Vec::new();
    match take(&file) {
        Ok(()) => files.push(file),
        Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::InUse(path.into())),
        Err(std::fs::TryLockError::Error(_)) => return Ok(None),
    }
    // The file itself, by its identity. On Linux this lock (flock) and SQLite's own (fcntl)
    // never meet; elsewhere (macOS, network file systems, Windows) they can, so only here.
    if cfg!(target_os = "linux")
        && let Ok(own) = std::fs::File::open(&real)
    {
        match take(&own) {
            Ok(()) => files.push(own),
            Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::InUse(path.into())),
            Err(std::fs::TryLockError::Error(_)) => {}
        }
    }
    Ok(Some(WorkspaceLock { _files: files }))
}
