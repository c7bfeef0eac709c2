//! The window: a thin face over [`crate::workspace`]. Screens hold view state only; every
//! change goes straight to the workspace, which saves it.

//!
//! The window's own parts: `app` (the state between frames and how it starts), `frame` (one
//! frame, drawn), `command_handling` (what the user asked for, applied after the frame),
//! `notices` (sentences shown beside what they are about), `native` (eframe, the renderers
//! and the system's stop signals), `task` (slow work off the frame) and `reload` (each
//! screen loads itself again when the workspace changed since it was loaded).
//!
//! The screens (`welcome`, `dashboard`, `standards`, `accounts`, `signoff`, `report`,
//! `settings`) hold view state only. No screen imports another: what two screens share is
//! a widget (`widgets`), the theme, or a command to the app.
//!
//! Names: a view draws its screen in `ui`, and each part of it in a function named `*_ui`;
//! shared widgets are named for what they are (`field`, `hint`). `ctx` is only ever egui's
//! [`egui::Context`]; what the app lends a screen for a frame is a [`Cx`], called `cx`.

mod accounts;
mod app;
mod command_handling;
mod dashboard;
mod frame;
mod native;
mod notices;
pub mod picker;
mod reload;
mod report;
mod settings;
mod signoff;
mod standards;
mod task;
mod theme;
mod welcome;
mod widgets;

#[cfg(test)]
mod tests;

pub use native::{cannot_open_window, run};
pub use notices::{Notice, Tone};
pub use theme::{Appearance, Theme};

use crate::domain::standards::StatementKey;
use crate::workspace::Workspace;
use picker::{FilePicker, PendingPick, Purpose};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use task::{Task, Tasks};

/// The screens in the navigation panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Screen {
    /// Where the organisation stands, as a picture.
    #[default]
    Dashboard,
    /// Browse standards and assess each statement.
    Standards,
    /// Write one-page accounts.
    Accounts,
    /// Sign pages off.
    Signoff,
    /// The collective report: build it (college) or sign it off (LERO).
    Report,
    /// Organisation profile, people, workspace.
    Settings,
}

impl Screen {
    const ALL: [Screen; 6] =
        [Screen::Dashboard, Screen::Standards, Screen::Accounts, Screen::Signoff, Screen::Report, Screen::Settings];

    fn label(self) -> &'static str {
        match self {
            Screen::Dashboard => "Dashboard",
            Screen::Standards => "Standards",
            Screen::Accounts => "Accounts",
            Screen::Signoff => "Sign-off",
            Screen::Report => "Report",
            Screen::Settings => "Settings",
        }
    }
}

/// Where the window is, kept in the workspace so that it reopens there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Place {
    /// A screen, at its top.
    Screen(Screen),
    /// A statement on the Standards screen.
    Statement(StatementKey),
    /// An account in the editor.
    Account(i64),
}

/// The small state kept between runs (never the user's work, which lives in the workspace).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// The screen last shown.
    pub screen: Screen,
    /// The statement last opened.
    pub statement: Option<StatementKey>,
    /// Theme, text size and font.
    pub appearance: Appearance,
}

/// A user action, queued by widgets and applied after the frame's UI pass.
#[derive(Debug, Clone)]
pub enum Command {
    /// Show a screen.
    Navigate(Screen),
    /// Open a statement on the Standards screen.
    OpenStatement(StatementKey),
    /// Open a file dialog.
    PickFile(Purpose),
    /// Open an account in the editor.
    OpenAccount(i64),
    /// Write a prepared PDF to a file, off the frame, for the screen that asked.
    RunExport(Arc<crate::workspace::ExportJob>, PathBuf, Screen),
    /// Write a prepared email off the frame, then ask the system's mail program to open it.
    WriteEmail(Arc<crate::workspace::ExportJob>, PathBuf, Screen),
    /// Load every screen again when it is next drawn, for a change the workspace's change
    /// counter does not see (a restored backup). Other changes need no command: each screen
    /// loads itself again when the counter moved since it was loaded.
    Refresh,
}

/// Everything screens share: the workspace, the command queue and the notices.
pub struct Cx<'a> {
    /// The open workspace.
    pub ws: &'a mut Workspace,
    /// Commands to apply after this frame.
    pub commands: &'a mut Vec<Command>,
    /// Notices to show.
    pub notices: &'a mut Vec<Notice>,
    /// A file the user chose in a dialog this frame, with what it was for.
    pub picked: Option<(Purpose, Vec<PathBuf>)>,
    /// A dialog is open.
    pub picking: Option<Purpose>,
    /// Changes made this frame by writes the screen does not show (see [`Cx::quietly`]).
    pub quiet: u64,
}

impl Cx<'_> {
    /// Tells the user something went well.
    pub fn good(&mut self, text: impl Into<String>) {
        self.notices.push(Notice::new(text, Tone::Good));
    }

    /// Tells the user something went wrong.
    pub fn problem(&mut self, text: impl std::fmt::Display) {
        self.notices.push(Notice::new(text.to_string(), Tone::Problem));
    }

    /// Takes the picked file if it was for `purpose`.
    pub fn take_picked(&mut self, purpose: Purpose) -> Option<PathBuf> {
        self.take_picked_all(purpose).into_iter().next()
    }

    /// Takes every picked file if they were for `purpose`.
    pub fn take_picked_all(&mut self, purpose: Purpose) -> Vec<PathBuf> {
        if self.picked.as_ref().is_some_and(|(p, _)| *p == purpose) {
            return self.picked.take().map(|(_, paths)| paths).unwrap_or_default();
        }
        Vec::new()
    }
}

/// The application.
pub struct App {
    ws: Result<Workspace, String>,
    state: UiState,
    commands: Vec<Command>,
    notices: Vec<Notice>,
    picker: Arc<dyn FilePicker>,
    pending_pick: Option<PendingPick>,
    picked: Option<(Purpose, Vec<PathBuf>)>,
    welcome: welcome::WelcomeView,
    dashboard: dashboard::DashboardView,
    standards: standards::StandardsView,
    settings: settings::SettingsView,
    import: standards::ImportView,
    accounts: accounts::AccountsView,
    signoff: signoff::SignoffView,
    report: report::ReportView,
    /// Exports under way, each with the screen that started it.
    exports: Tasks<Screen, Result<String, String>>,
    /// The organisation's name, once the welcome is done; reloaded on refresh.
    org_name: Option<String>,
    /// The appearance the window was last drawn with (none before the first frame).
    applied: Option<Appearance>,
    /// The reading font, parsed the first time it is asked for.
    reading_fonts: Option<Arc<crate::layout::FontSet>>,
    /// The workspace file asked for (none for the demo), for the offers made when it cannot
    /// be opened.
    path: Option<PathBuf>,
    /// Another file typed on the "could not open" screen.
    other_path: String,
    /// Keeps a second window off this workspace while this one is open.
    lock: Option<crate::store::WorkspaceLock>,
    last_backup: Instant,
    /// The automatic backup under way, when one is.
    backup: Option<Task<Option<Result<PathBuf, crate::store::StoreError>>>>,
    changes_at_backup: u64,
    /// The change counter each screen was loaded at.
    loaded: reload::Loaded,
    /// Where the window was last remembered to be.
    place: Option<Place>,
    /// Counts the screens and pages opened, so each opens at its top.
    visit: u64,
    /// Where the screens are drawn, for placing notices.
    content: egui::Rect,
    /// Set when the system asks the app to stop (logout, shutdown, Ctrl+C): the window then
    /// saves what was typed and closes, as it does when the user closes it.
    stop: Arc<std::sync::atomic::AtomicBool>,
}
