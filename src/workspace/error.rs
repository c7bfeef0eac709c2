//! What went wrong in a workspace operation, by kind, each said as a sentence a volunteer can
//! act on.

use super::size_in_words;
use crate::domain::names::{self, NameError};
use crate::domain::organisation::LogoError;
use crate::domain::standards::StatementKey;
use crate::domain::standards_file::LoadError;
use crate::store::StoreError;
use std::path::PathBuf;

/// What went wrong, as a sentence a volunteer can act on.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The database refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A standards file or pasted text has a problem.
    #[error(transparent)]
    Standards(#[from] LoadError),
    /// A bundle whose organisation's name looks like a pinned organisation's (Unicode's
    /// confusable skeleton), sealed with another key.
    #[error(
        "This bundle is from “{org}”, whose name looks like {resembles}’s, already in this workspace, but is written differently ({}) and was sealed with a different key ({key}; {resembles}’s is {pinned_key}), so it was not imported. Phone {resembles} and read out both keys: if this file is not theirs, do not use it; if it is from a different organisation, add it with `report add --new-org` (in the window, “Add it as a different organisation”). ({})",
        names::letters_not_in(org, resembles),
        path.display()
    )]
    LooksLike {
        /// The name in the bundle.
        org: String,
        /// The pinned organisation it looks like.
        resembles: String,
        /// The short form of the bundle's key.
        key: String,
        /// The short form of the pinned organisation's key.
        pinned_key: String,
        /// The bundle.
        path: PathBuf,
    },
    /// A name holds a character that could make it pass for another.
    #[error(transparent)]
    Name(#[from] NameError),
    /// A picture given as the logo is not one the pages can use.
    #[error(transparent)]
    Logo(#[from] LogoError),
    /// A file the user chose could not be read: it is missing, not theirs to read, a folder or
    /// a device, or reading it failed.
    #[error("{why} ({})", path.display())]
    FileUnreadable {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        why: Unreadable,
    },
    /// A file the user chose is larger than a file of its kind may be.
    #[error(
        "This {what} is {} the {} allowed: choose a smaller file. ({})",
        size.map_or_else(|| "larger than".to_owned(), |s| format!("{}, more than", size_in_words(s))),
        size_in_words(*limit),
        path.display()
    )]
    TooLarge {
        /// What the file was chosen as ("picture", "evidence file").
        what: String,
        /// Its size in bytes, when it said so truthfully.
        size: Option<u64>,
        /// The most allowed, in bytes.
        limit: u64,
        /// The file.
        path: PathBuf,
    },
    /// Something read from a file (a sealed bundle, manifest or receipt, a logo) failed; the
    /// sentence is followed by the file's path.
    #[error("{error} ({})", path.display())]
    InFile {
        /// What went wrong with it.
        error: Box<dyn std::error::Error + Send + Sync>,
        /// The file.
        path: PathBuf,
    },
    /// A file would be written over the workspace, one of its own files or another workspace,
    /// or over a folder: nothing was written.
    #[error("{why} Nothing was written. ({})", path.display())]
    OutputRefused {
        /// Why, and what to choose instead.
        why: String,
        /// Where it would have been written.
        path: PathBuf,
    },
    /// A file or a folder could not be written or made (or there is no home folder to make
    /// the workspace in).
    #[error("{0}")]
    Unwritable(String),
    /// A statement named is not in the workspace (`gone`: it was there when the work began).
    #[error("There is no statement {key} {}.", if *gone { "any more" } else { "in this workspace" })]
    NoStatement {
        /// The statement asked for.
        key: StatementKey,
        /// True when it was removed while in use.
        gone: bool,
    },
    /// Something else named is not in the workspace or the report: a set or version, an
    /// account, a person, the report, a contributor or its contribution.
    #[error("{0}")]
    NotFound(String),
    /// Typed text is longer than its limit.
    #[error("The {what} is longer than {limit} {unit}: shorten it.")]
    TooLong {
        /// What was typed ("organisation's name").
        what: &'static str,
        /// Its limit.
        limit: usize,
        /// What the limit counts ("letters", "characters").
        unit: &'static str,
    },
    /// What was typed or given cannot be used as it is: empty where something is needed, out
    /// of range, not in the form asked for, or a file this version cannot use.
    #[error("{0}")]
    BadInput(String),
    /// What is asked clashes with what the workspace holds: a name already taken or looking
    /// like another's, a version already there with other content, a newer revision, or
    /// nothing left to undo.
    #[error("{0}")]
    Conflict(String),
    /// A sealed file does not belong here: sealed with a key other than the one first seen for
    /// who it says it is from, or answering another college or a report never sent.
    #[error("{0}")]
    ForeignFile(String),
    /// What is asked needs a page signed off as it is now, and it is not.
    #[error("{0}")]
    NotSignedOff(String),
    /// A page cannot be made: it does not fit on one page, its font cannot print some of its
    /// characters, or its logo cannot be read.
    #[error("{0}")]
    Unprintable(String),
    /// More than one page or file may carry: decisions on a page, the size of a manifest.
    #[error("{0}")]
    Overflow(String),
    /// Something the app relies on failed: its built-in fonts or dictionary, its signing key,
    /// sealing or writing a file, or a stored contribution that no longer opens.
    #[error("{0}")]
    Broken(String),
}

/// Why a file the user chose could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    /// There is nothing at the path.
    #[error("There is no file at this path: check the name and the folder.")]
    Missing,
    /// The user may not read it.
    #[error("This file may not be read by you: check its permissions.")]
    Forbidden,
    /// It is a folder; `0` says what file to choose in it.
    #[error("This is a folder, not a file: choose the {0} inside it.")]
    Folder(String),
    /// It is a device, a pipe or a socket; `0` says what file to choose instead.
    #[error(
        "This is not an ordinary file (it is a device, a pipe or a socket), so it was not read: choose the {0} itself."
    )]
    NotOrdinary(String),
    /// Reading failed another way.
    #[error("This file could not be read ({0}).")]
    Failed(std::io::Error),
}

impl From<std::io::Error> for Unreadable {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Self::Missing,
            std::io::ErrorKind::PermissionDenied => Self::Forbidden,
            _ => Self::Failed(e),
        }
    }
}

impl WorkspaceError {
    /// `error`, said with the file it came from.
    pub fn in_file(error: impl Into<Box<dyn std::error::Error + Send + Sync>>, path: &std::path::Path) -> Self {
        Self::InFile { error: error.into(), path: path.to_path_buf() }
    }
}

/// Fails with [`WorkspaceError::BadInput`].
pub(super) fn bad_input<T>(sentence: impl Into<String>) -> Result<T> {
    Err(WorkspaceError::BadInput(sentence.into()))
}

/// Fails with [`WorkspaceError::NotFound`].
pub(super) fn not_found<T>(sentence: impl Into<String>) -> Result<T> {
    Err(WorkspaceError::NotFound(sentence.into()))
}

/// Fails with [`WorkspaceError::Conflict`].
pub(super) fn conflict<T>(sentence: impl Into<String>) -> Result<T> {
    Err(WorkspaceError::Conflict(sentence.into()))
}

/// Fails with [`WorkspaceError::ForeignFile`].
pub(super) fn foreign<T>(sentence: impl Into<String>) -> Result<T> {
    Err(WorkspaceError::ForeignFile(sentence.into()))
}

/// Fails with [`WorkspaceError::Unprintable`].
pub(super) fn cannot_print<T>(sentence: impl Into<String>) -> Result<T> {
    Err(WorkspaceError::Unprintable(sentence.into()))
}

/// Fails with [`WorkspaceError::TooLong`].
pub(super) fn too_long<T>(what: &'static str, limit: usize, unit: &'static str) -> Result<T> {
    Err(WorkspaceError::TooLong { what, limit, unit })
}

/// Fails with [`WorkspaceError::NoStatement`] for a statement not in the workspace.
pub(super) fn no_statement<T>(key: &StatementKey) -> Result<T> {
    Err(WorkspaceError::NoStatement { key: key.clone(), gone: false })
}

/// Result of workspace operations.
pub type Result<T, E = WorkspaceError> = std::result::Result<T, E>;
