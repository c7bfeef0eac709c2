//! Keeping the workspace safe: automatic backups and restoring one, opening read-only, and
//! the lock that keeps a second window off the same file.

use super::{Result, Workspace};
use crate::store::{
    Backup, Store, StoreError, WorkspaceLock, list_backups, lock_workspace, rolling_backup_in_background,
};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

impl Workspace {
    /// Opens an existing workspace only for reading (a read-only folder, a write-protected
    /// file, or a second look while it is open elsewhere). Every change is refused with a
    /// sentence saying so; nothing is ever written.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        let mut ws = Self::over(Store::open_read_only(path)?, false)?;
        ws.read_only = true;
        Ok(ws)
    }

    /// True when the workspace was opened only for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Takes an automatic backup into the folder beside the workspace (`NAME-backups`),
    /// keeping the newest ten. `None` for the demo and a read-only workspace.
    pub fn auto_backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        if self.throwaway || self.read_only {
            return Ok(None);
        }
        Ok(Some(self.store.rolling_backup(reason)?))
    }

    /// As [`Workspace::auto_backup`], on another thread with a connection of its own, so the
    /// window never waits for it; the outcome comes on the channel. `None` for the demo and a
    /// read-only workspace.
    pub fn auto_backup_in_background(
        &self,
        reason: &str,
    ) -> Option<Receiver<std::result::Result<PathBuf, StoreError>>> {
        if self.throwaway || self.read_only {
            return None;
        }
        Some(rolling_backup_in_background(self.store.path(), reason))
    }

    /// The workspace's backups, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        list_backups(self.store.path())
    }

    /// Replaces the workspace's content with a backup's. The workspace as it was is backed up
    /// first; returns that copy.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<PathBuf> {
        if self.read_only {
            return Err(crate::store::StoreError::ReadOnly.into());
        }
        let before = self.store.rolling_backup("before restoring")?;
        self.store.restore_from(backup)?;
        self.ensure_builtin_sets()?;
        self.layouter = crate::layout::Layouter::new(std::sync::Arc::clone(&self.fonts));
        Ok(before)
    }

    /// Rows changed since the workspace was opened (to know whether a backup is due).
    pub fn total_changes(&self) -> u64 {
        self.store.total_changes()
    }

    /// Holds the workspace for this process: `exclusive` for a window, shared for a headless
    /// command. Refused while another window has it. `None` where no lock can be taken (the
    /// demo, a read-only folder).
    pub fn lock(&self, exclusive: bool) -> Result<Option<WorkspaceLock>> {
        if self.throwaway || self.read_only {
            return Ok(None);
        }
        Ok(lock_workspace(self.store.path(), exclusive)?)
    }
}

impl Workspace {
    /// Caps the workspace file's size, as a full disk would (for tests).
    #[doc(hidden)]
    pub fn limit_pages_for_test(&self, pages: u32) -> Result<()> {
        Ok(self.store.limit_pages_for_test(pages)?)
    }
}
