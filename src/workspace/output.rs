//! Where the app may write what it exports. One rule for the window and the command line:
//! nothing is written over the open workspace, the files `SQLite` and the lock keep beside
//! it, anything in its backups folder, or any other LERO Evidence workspace, whatever its
//! name. Paths are compared after resolving links and `..`, and ignoring case where the file
//! system does (Windows, macOS). Any other existing file may be replaced (the window asks
//! first); a refused path is never written.

use super::{Result, WorkspaceError};
use crate::store::{backups_dir, is_workspace_file, temporary_beside};
use std::path::{Component, Path, PathBuf};

/// The files beside a workspace that belong to it: `SQLite`'s log and shared memory, the
/// rollback journal, and the lock.
const COMPANIONS: [(&str, &str); 4] = [
    ("-wal", "its write-ahead log, which holds your latest changes"),
    ("-shm", "its shared-memory file, which SQLite needs while it is open"),
    ("-journal", "its journal, which SQLite needs to finish or undo a change"),
    ("-lock", "its lock, which keeps a second window from changing it"),
];

/// What writing to a path would do, when it may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing is there yet.
    New,
    /// An existing file (not a workspace) would be replaced.
    Replaces,
}

/// A workspace's own files, which nothing the app exports may replace. Cheap to clone, so a
/// job written on another thread checks its path again just before writing.
#[derive(Debug, Clone)]
pub struct OwnFiles {
    /// The workspace as it was opened, made absolute.
    opened: PathBuf,
    /// The workspace with its links resolved.
    resolved: PathBuf,
}

impl OwnFiles {
    /// The own files of the workspace at `path`.
    pub fn of(path: &Path) -> Self {
        let opened = lexical(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
        let resolved = resolve(&opened);
        Self { opened, resolved }
    }

    /// Whether `out` may be written, and whether that replaces a file; a sentence saying why
    /// not and what to choose instead when it may not.
    pub fn check(&self, out: &Path) -> Result<Target> {
        let target = resolve(&lexical(&std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf())));
        let refuse = |why: String| Err(WorkspaceError::OutputRefused { why, path: out.to_path_buf() });
        for own in [&self.opened, &self.resolved] {
            if same_path(&target, own) || same_file(out, own) {
                return refuse(
                    "This is your workspace file itself: saving here would replace every account, sign-off and key in it. Choose another file name, or another folder."
                        .into(),
                );
            }
            for (suffix, what) in COMPANIONS {
                let companion = with_suffix(own, suffix);
                if same_path(&target, &companion) || same_file(out, &companion) {
                    return refuse(format!(
                        "This is one of your workspace's own files ({}, {what}): saving here would damage the workspace. Choose another file name.",
                        file_name(&companion)
                    ));
                }
            }
            let backups = resolve(&backups_dir(own));
            if same_path(&target, &backups) || is_inside(&target, &backups) {
                return refuse(format!(
                    "This is in your workspace's backups folder ({}), which the app keeps for itself: save somewhere else, such as your Documents folder.",
                    file_name(&backups)
                ));
            }
        }
        if is_workspace_file(out) || is_workspace_file(&target) {
            return refuse(
                "There is a LERO Evidence workspace in this file: saving here would destroy it. Choose another file name."
                    .into(),
            );
        }
        for (suffix, what) in COMPANIONS {
            if let Some(stem) = strip_suffix(&target, suffix)
                && is_workspace_file(&stem)
            {
                return refuse(format!(
                    "This file belongs to the LERO Evidence workspace {} ({what}): saving here would damage that workspace. Choose another file name.",
                    file_name(&stem)
                ));
            }
        }
        let names_a_folder = out.to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR]);
        match std::fs::metadata(out) {
            Ok(m) if m.is_dir() || names_a_folder => refuse(format!(
                "This is a folder: give a file name inside it, like {}.",
                Path::new(&file_name(out)).join("page.pdf").display()
            )),
            Ok(_) => Ok(Target::Replaces),
            Err(_) if names_a_folder => refuse(format!(
                "This names a folder (it ends with {}), and there is none: give a file name, like {}.",
                std::path::MAIN_SEPARATOR,
                out.join("backup.lero").display()
            )),
            Err(_) => Ok(Target::New),
        }
    }

    /// Writes `bytes` to `out` after checking it (see [`OwnFiles::check`]), through a
    /// temporary file in the same folder and a rename, so a failure never leaves half a file
    /// under the name asked for, and never leaves the temporary file behind.
    pub fn write(&self, out: &Path, bytes: &[u8]) -> Result<()> {
        self.check(out)?;
        let fail = |e: std::io::Error| {
            WorkspaceError::Unwritable(format!(
                "The file could not be written ({e}): check that the folder exists and that you may write to it. ({})",
                out.display()
            ))
        };
        let tmp = temporary_beside(out);
        if let Err(e) = std::fs::write(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail(e));
        }
        std::fs::rename(&tmp, out).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
    }
}

/// `path` with `.` and `..` taken out by their names alone (for a path that does not exist).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(part);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` with every link resolved: the file itself when it exists, otherwise its nearest
/// existing folder with the rest of the path after it.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let mut rest = Vec::new();
    let mut at = path;
    while let Some(parent) = at.parent() {
        if let Some(name) = at.file_name() {
            rest.push(name.to_os_string());
        }
        if let Ok(mut p) = std::fs::canonicalize(parent) {
            for name in rest.iter().rev() {
                p.push(name);
            }
            return p;
        }
        at = parent;
    }
    path.to_path_buf()
}

/// True where the file system ignores the case of names (Windows and macOS by default).
const CASE_INSENSITIVE: bool = cfg!(any(windows, target_os = "macos"));

fn key(path: &Path) -> String {
    let text = path.to_string_lossy();
    if CASE_INSENSITIVE { text.to_lowercase() } else { text.into_owned() }
}

fn same_path(a: &Path, b: &Path) -> bool {
    key(a) == key(b)
}

fn is_inside(path: &Path, dir: &Path) -> bool {
    let (p, d) = (key(path), key(dir));
    let sep = std::path::MAIN_SEPARATOR;
    p.starts_with(&d) && p[d.len()..].starts_with(sep)
}

/// True when both paths exist and are the same file (a hard link, or another path to it).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Without file identity at hand, resolved paths and the workspace header decide.
#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn strip_suffix(path: &Path, suffix: &str) -> Option<PathBuf> {
    let text = path.to_str()?;
    let cut = text.len().checked_sub(suffix.len())?;
    let (stem, end) = (text.get(..cut)?, text.get(cut..)?);
    (end.eq_ignore_ascii_case(suffix) && !stem.is_empty()).then(|| PathBuf::from(stem))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_taken_out_by_name() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(lexical(Path::new("/a/..")), PathBuf::from("/"));
    }

    #[test]
    fn a_path_that_does_not_exist_resolves_through_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(resolve(&dir.path().join("x/y.pdf")), real.join("x").join("y.pdf"));
    }

    #[test]
    fn inside_means_below_not_beside() {
        assert!(is_inside(Path::new("/w/ws.lero-backups/a.lero"), Path::new("/w/ws.lero-backups")));
        assert!(!is_inside(Path::new("/w/ws.lero-backups2/a.lero"), Path::new("/w/ws.lero-backups")));
    }

    #[test]
    fn companions_are_found_from_their_names() {
        assert_eq!(strip_suffix(Path::new("/w/a.lero-WAL"), "-wal"), Some(PathBuf::from("/w/a.lero")));
        assert_eq!(strip_suffix(Path::new("-wal"), "-wal"), None);
    }
}
