//! The application's state between frames: how it starts, where it reopens, and what it
//! keeps when it closes.

use super::picker::FilePicker;
use super::task::Tasks;
use super::{
    App, Command, Cx, Notice, Place, Screen, Tone, UiState, accounts, dashboard, report, settings, signoff, standards,
    theme, welcome, widgets,
};
use crate::workspace::Workspace;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

impl App {
    /// A window over `ws` (or over the sentence saying why it could not be opened).
    pub fn new(ws: Result<Workspace, String>, mut state: UiState, picker: Arc<dyn FilePicker>) -> Self {
        // A state file edited by hand may hold any size: keep it to what the setting offers.
        state.appearance.text_size =
            state.appearance.text_size.clamp(*theme::TEXT_SIZES.start(), *theme::TEXT_SIZES.end());
        let mut app = Self {
            ws,
            state,
            commands: Vec::new(),
            notices: Vec::new(),
            picker,
            pending_pick: None,
            picked: None,
            welcome: welcome::WelcomeView::default(),
            dashboard: dashboard::DashboardView::default(),
            standards: standards::StandardsView::default(),
            settings: settings::SettingsView::default(),
            import: standards::ImportView::default(),
            accounts: accounts::AccountsView::default(),
            signoff: signoff::SignoffView::default(),
            report: report::ReportView::default(),
            exports: Tasks::default(),
            org_name: None,
            applied: None,
            reading_fonts: None,
            path: None,
            other_path: String::new(),
            lock: None,
            last_backup: Instant::now(),
            backup: None,
            changes_at_backup: 0,
            loaded: super::reload::Loaded::default(),
            place: None,
            visit: 0,
            content: egui::Rect::NOTHING,
            stop: Arc::default(),
        };
        // Back where the user left this workspace; a place that is gone (an account removed
        // since) is passed over with the screen it was on.
        let ws = app.ws.as_ref().ok();
        let place = ws.and_then(|ws| ws.window_place().ok().flatten());
        match (ws, place.and_then(|p| serde_json::from_str::<Place>(&p).ok())) {
            (_, Some(Place::Screen(screen))) => app.commands.push(Command::Navigate(screen)),
            (Some(ws), Some(Place::Statement(key))) => {
                let there = ws.load_set(&key.set_id, &key.version).is_ok_and(|set| set.statement(&key.code).is_some());
                app.commands.push(if there {
                    Command::OpenStatement(key)
                } else {
                    Command::Navigate(Screen::Standards)
                });
            }
            (Some(ws), Some(Place::Account(id))) => {
                let there = ws.account(id).is_ok();
                app.commands.push(if there { Command::OpenAccount(id) } else { Command::Navigate(Screen::Accounts) });
            }
            _ => {
                if let Some(key) = app.state.statement.clone() {
                    app.commands.push(Command::OpenStatement(key));
                }
            }
        }
        app
    }

    /// Remembers which file was asked for, so that when it cannot be opened the window can
    /// offer to open it read-only or carry on from one of its backups.
    #[must_use]
    pub fn with_path(mut self, path: Option<PathBuf>) -> Self {
        self.path = path;
        self
    }

    /// Acts on a choice made on the "could not open" screen.
    pub(super) fn reopen(&mut self, choice: &widgets::Reopen) {
        let opened = match choice {
            widgets::Reopen::ReadOnly(path) => Workspace::open_read_only(path).map_err(|e| e.to_string()),
            widgets::Reopen::Backup(backup) => copy_of_backup(self.path.as_deref(), backup)
                .and_then(|copy| Workspace::open(&copy).map_err(|e| e.to_string())),
            widgets::Reopen::Other(path) => Workspace::open(path).map_err(|e| e.to_string()),
        };
        match opened {
            Ok(ws) => {
                let lock = if ws.is_read_only() { Ok(None) } else { ws.lock(true) };
                match lock {
                    Ok(lock) => {
                        self.lock = lock;
                        let where_ = ws.path().display().to_string();
                        self.ws = Ok(ws);
                        if !matches!(choice, widgets::Reopen::ReadOnly(_)) {
                            self.path = Some(PathBuf::from(&where_));
                        }
                        self.notices.push(Notice::new(format!("Opened {where_}."), Tone::Good));
                        self.forget_loaded();
                    }
                    Err(e) => self.ws = Err(e.to_string()),
                }
            }
            Err(sentence) => self.ws = Err(sentence),
        }
    }

    /// The workspace, when one is open (for tests).
    pub fn workspace(&self) -> Option<&Workspace> {
        self.ws.as_ref().ok()
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.state.screen
    }

    /// The UI state to keep between runs.
    pub fn ui_state(&self) -> &UiState {
        &self.state
    }

    /// Notices shown so far (for tests).
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Opens an account in the editor, as a click in the accounts list would (for tests).
    #[doc(hidden)]
    pub fn open_account_for_test(&mut self, id: i64) {
        self.commands.push(Command::OpenAccount(id));
    }

    /// Whether a file dialog, an export or a backup is still under way (for tests).
    #[doc(hidden)]
    pub fn working_in_background(&self) -> bool {
        self.pending_pick.is_some() || !self.exports.is_empty() || self.backup.is_some()
    }

    /// Saves anything typed but not yet saved (called before closing).
    pub fn flush(&mut self) {
        if let Ok(ws) = &mut self.ws {
            let mut commands = Vec::new();
            let mut cx =
                Cx { ws, commands: &mut commands, notices: &mut self.notices, picked: None, picking: None, quiet: 0 };
            self.standards.flush(&mut cx);
            self.accounts.flush(&mut cx);
            self.settings.flush(&mut cx);
        }
    }

    /// The flag that, once set, makes the window save everything and close on its next
    /// frame (set by the system's stop signals).
    pub fn stop_flag(&self) -> Arc<std::sync::atomic::AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Keeps where the window is in the workspace, when it moved.
    pub(super) fn remember_place(&mut self) {
        let Ok(ws) = &self.ws else { return };
        if self.org_name.is_none() {
            return;
        }
        let place = match (self.state.screen, self.accounts.open_id(), &self.state.statement) {
            (Screen::Accounts, Some(id), _) => Place::Account(id),
            (Screen::Standards, _, Some(key)) => Place::Statement(key.clone()),
            (screen, _, _) => Place::Screen(screen),
        };
        if self.place.as_ref() == Some(&place) {
            return;
        }
        // Where the window is matters little: a place that cannot be kept is not worth a word.
        // Nothing shows it: what was up to date before it was written still is.
        if let Ok(json) = serde_json::to_string(&place) {
            let before = ws.total_changes();
            let _ = ws.remember_window_place(&json);
            self.loaded.carry(before, ws.total_changes());
        }
        self.place = Some(place);
    }
}

/// How often an automatic backup is taken while the window is open and something changed.
pub(super) const BACKUP_EVERY: Duration = Duration::from_mins(30);

/// A copy of `backup` beside the workspace (`NAME-from-backup-DATE.lero`), never overwriting
/// anything; returns it.
fn copy_of_backup(workspace: Option<&std::path::Path>, backup: &std::path::Path) -> Result<PathBuf, String> {
    let base = workspace.unwrap_or(backup);
    let stem = base.file_stem().map_or_else(|| "workspace".into(), |s| s.to_string_lossy().into_owned());
    let taken = backup.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let taken = taken.strip_prefix("backup-").unwrap_or(&taken);
    let mut copy = base.with_file_name(format!("{stem}-from-{taken}.lero"));
    let mut n = 2;
    while copy.exists() {
        copy = base.with_file_name(format!("{stem}-from-{taken}-{n}.lero"));
        n += 1;
    }
    std::fs::copy(backup, &copy).map_err(|e| {
        format!(
            "The backup could not be copied beside your workspace ({e}): check that you may write to the folder. ({})",
            copy.display()
        )
    })?;
    Ok(copy)
}
