//! The window: a thin face over [`crate::workspace`]. Screens hold view state only; every
//! change goes straight to the workspace, which saves it.

mod accounts;
mod dashboard;
mod import;
pub mod picker;
mod report;
mod settings;
mod signoff;
mod standards;
mod theme;
mod welcome;

pub use theme::{Appearance, Theme};
mod widgets;
mod writing;

use crate::domain::standards::StatementKey;
use crate::workspace::Workspace;
use picker::{FilePicker, NativePicker, PendingPick, PickState, Purpose};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// Write a prepared PDF to a file, off the frame.
    RunExport(Arc<crate::workspace::ExportJob>, PathBuf),
    /// Reload everything shown from the workspace.
    Refresh,
}

/// How a notice looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done as asked.
    Good,
    /// Something went wrong or was refused.
    Problem,
}

/// A sentence the user should see, shown beside what it is about.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The sentence.
    pub text: String,
    /// How it looks.
    pub tone: Tone,
    /// When it was said.
    pub at: Instant,
    /// What it is about, once known.
    anchor: Anchor,
}

/// Where a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// Raised this frame; placed once the frame is drawn.
    New,
    /// Beside the button or box the user had just used.
    Widget(egui::Id),
    /// At the top right of its screen (said by work that finished in the background).
    Screen(Screen),
}

impl Notice {
    /// A sentence to show beside what the user just did.
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Self { text: text.into(), tone, at: Instant::now(), anchor: Anchor::New }
    }
}

/// Slow work running on its own named thread, reporting one sentence when done.
struct Task {
    rx: std::sync::mpsc::Receiver<Result<String, String>>,
}

/// Everything screens share: the workspace, the command queue and the notices.
pub struct Ctx<'a> {
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
}

impl Ctx<'_> {
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
    import: import::ImportView,
    accounts: accounts::AccountsView,
    signoff: signoff::SignoffView,
    report: report::ReportView,
    tasks: Vec<Task>,
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
    backup: Option<std::sync::mpsc::Receiver<Result<PathBuf, crate::store::StoreError>>>,
    changes_at_backup: u64,
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

/// How often an automatic backup is taken while the window is open and something changed.
const BACKUP_EVERY: Duration = Duration::from_mins(30);

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
            import: import::ImportView::default(),
            accounts: accounts::AccountsView::default(),
            signoff: signoff::SignoffView::default(),
            report: report::ReportView::default(),
            tasks: Vec::new(),
            org_name: None,
            applied: None,
            reading_fonts: None,
            path: None,
            other_path: String::new(),
            lock: None,
            last_backup: Instant::now(),
            backup: None,
            changes_at_backup: 0,
            place: None,
            visit: 0,
            content: egui::Rect::NOTHING,
            stop: Arc::default(),
        };
        app.commands.push(Command::Refresh);
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
    fn reopen(&mut self, choice: &widgets::Reopen) {
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
                        self.commands.push(Command::Refresh);
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

    /// Saves anything typed but not yet saved (called before closing).
    pub fn flush(&mut self) {
        if let Ok(ws) = &mut self.ws {
            let mut commands = Vec::new();
            let mut ctx = Ctx { ws, commands: &mut commands, notices: &mut self.notices, picked: None, picking: None };
            self.standards.flush(&mut ctx);
            self.accounts.flush(&mut ctx);
            self.settings.flush(&mut ctx);
        }
    }

    /// The flag that, once set, makes the window save everything and close on its next
    /// frame (set by the system's stop signals).
    pub fn stop_flag(&self) -> Arc<std::sync::atomic::AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Draws one frame into `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.stop.load(std::sync::atomic::Ordering::SeqCst) {
            self.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.text_size_keys(ui.ctx());
        self.apply_appearance(ui.ctx());
        self.poll_picker(ui.ctx());
        self.poll_tasks(ui.ctx());
        let ws = match &mut self.ws {
            Ok(ws) => ws,
            Err(sentence) => {
                let sentence = sentence.clone();
                let backups = self.path.as_deref().map(crate::store::list_backups).unwrap_or_default();
                let chosen = egui::CentralPanel::default()
                    .show(ui, |ui| {
                        widgets::scroll_area()
                            .show(ui, |ui| {
                                widgets::cannot_open(
                                    ui,
                                    &sentence,
                                    self.path.as_deref(),
                                    &backups,
                                    &mut self.other_path,
                                )
                            })
                            .inner
                    })
                    .inner;
                if let Some(choice) = chosen {
                    self.reopen(&choice);
                    ui.ctx().request_repaint();
                }
                return;
            }
        };
        if ws.is_read_only() {
            egui::Panel::top("read-only").show(ui, |ui| {
                ui.label(
                    egui::RichText::new("Read-only: you can look and export, but nothing you change here is saved.")
                        .color(theme::warning(ui))
                        .strong(),
                );
            });
        }
        if !ws.is_read_only()
            && self.last_backup.elapsed() >= BACKUP_EVERY
            && ws.total_changes() != self.changes_at_backup
        {
            self.last_backup = Instant::now();
            self.changes_at_backup = ws.total_changes();
            self.backup = ws.auto_backup_in_background("every 30 minutes");
        }
        if let Some(rx) = &self.backup {
            match rx.try_recv() {
                Ok(Ok(_)) | Err(std::sync::mpsc::TryRecvError::Disconnected) => self.backup = None,
                Ok(Err(e)) => {
                    self.notices
                        .push(Notice::new(format!("The automatic backup could not be made: {e}"), Tone::Problem));
                    self.backup = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => ui.ctx().request_repaint_after(Duration::from_millis(200)),
            }
        }
        let mut ctx = Ctx {
            ws,
            commands: &mut self.commands,
            notices: &mut self.notices,
            picked: self.picked.take(),
            picking: self.pending_pick.as_ref().map(|p| p.purpose),
        };
        let dropped: Vec<PathBuf> =
            ui.ctx().input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() && self.org_name.is_some() {
            // Bundles, receipts and manifests dropped anywhere go to the Report screen.
            self.report.dropped(&mut ctx, &dropped);
            self.state.screen = Screen::Report;
        }
        if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
            drop_hint(ui);
        }
        if let Some(org_name) = &self.org_name {
            // With large text the window is narrow in points: the navigation gives up some room.
            let nav_width = if ui.available_width() < 900.0 { 150.0 } else { 190.0 };
            egui::Panel::left("navigation").resizable(false).exact_size(nav_width).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
                    .show(ui, |ui| navigation(ui, &mut ctx, org_name, self.state.screen));
            });
            // Each visit to a screen has its own scroll positions, so a screen opens at its top
            // rather than where the one before was scrolled.
            self.content = egui::CentralPanel::default()
                .show(ui, |ui| {
                    ui.push_id(("visit", self.visit), |ui| match self.state.screen {
                        Screen::Dashboard => self.dashboard.show(ui, &mut ctx),
                        Screen::Standards => self.standards.show(ui, &mut ctx, &mut self.import),
                        Screen::Accounts => self.accounts.show(ui, &mut ctx),
                        Screen::Signoff => self.signoff.show(ui, &mut ctx),
                        Screen::Report => self.report.show(ui, &mut ctx),
                        Screen::Settings => self.settings.show(ui, &mut ctx, &mut self.state.appearance),
                    });
                })
                .response
                .rect;
        } else {
            self.content = egui::CentralPanel::default()
                .show(ui, |ui| self.welcome.show(ui, &mut ctx, &mut self.state.appearance))
                .response
                .rect;
        }
        if self.import.is_open() {
            self.import.show(ui, &mut ctx);
        }
        self.picked = ctx.picked.take();
        if !self.commands.is_empty() {
            // What the commands change is drawn on the next frame: ask for it now.
            ui.ctx().request_repaint();
        }
        theme::focus_ring(ui.ctx());
        self.apply_commands();
        self.remember_place();
        self.place_notices(ui.ctx());
        show_notices(ui.ctx(), &mut self.notices, self.state.screen, self.content);
        if self.standards.has_unsaved() || self.accounts.has_unsaved() {
            ui.ctx().request_repaint_after(Duration::from_millis(300));
        }
    }

    /// Places the notices raised this frame beside the button or box the user had just used
    /// (a newer notice there replaces an older one), or, for work that finished on its own,
    /// at the top of the screen.
    fn place_notices(&mut self, ctx: &egui::Context) {
        let clicked = ctx.interaction_snapshot(|s| s.clicked);
        if !self.notices.iter().any(|n| n.anchor == Anchor::New) {
            // The user moved on to something else: good news has been read.
            if let Some(clicked) = clicked {
                self.notices.retain(|n| {
                    n.tone == Tone::Problem
                        || n.anchor == Anchor::Widget(clicked)
                        || n.at.elapsed() < Duration::from_secs(1)
                });
            }
            return;
        }
        let used = clicked.or_else(|| ctx.memory(egui::Memory::focused));
        let anchor = used.map_or(Anchor::Screen(self.state.screen), Anchor::Widget);
        self.notices.retain(|n| n.anchor != anchor);
        for n in &mut self.notices {
            if n.anchor == Anchor::New {
                n.anchor = anchor;
            }
        }
    }

    /// Clears what was said before: the user has moved on to another screen or page.
    fn moved_on(notices: &mut Vec<Notice>) {
        notices.retain(|n| n.anchor == Anchor::New);
    }

    /// Keeps where the window is in the workspace, when it moved.
    fn remember_place(&mut self) {
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
        if let Ok(json) = serde_json::to_string(&place) {
            let _ = ws.remember_window_place(&json);
        }
        self.place = Some(place);
    }

    /// Ctrl with + or - makes text larger or smaller in steps of 10%, Ctrl+0 puts it back to
    /// normal; the setting is the same one Settings shows, so it is kept between runs.
    fn text_size_keys(&mut self, ctx: &egui::Context) {
        let size = &mut self.state.appearance.text_size;
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::Plus)
                || i.consume_key(egui::Modifiers::COMMAND, egui::Key::Equals)
            {
                *size = size.saturating_add(10).min(*theme::TEXT_SIZES.end());
            }
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::Minus) {
                *size = size.saturating_sub(10).max(*theme::TEXT_SIZES.start());
            }
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::Num0) {
                *size = 100;
            }
        });
    }

    /// Applies the theme, text size and fonts when they changed (and on the first frame).
    fn apply_appearance(&mut self, ctx: &egui::Context) {
        let appearance = self.state.appearance;
        if self.applied == Some(appearance) {
            return;
        }
        // egui's own zoom keys would change the size behind the setting's back.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        theme::apply(ctx, appearance);
        if self.applied.map(|a| a.reading_font) != Some(appearance.reading_font) {
            if appearance.reading_font && self.reading_fonts.is_none() {
                match crate::layout::FontSet::reading() {
                    Ok(fonts) => self.reading_fonts = Some(Arc::new(fonts)),
                    Err(e) => {
                        self.state.appearance.reading_font = false;
                        self.notices.push(Notice::new(e.to_string(), Tone::Problem));
                    }
                }
            }
            let page = match &self.ws {
                Ok(ws) => Some(ws.fonts()),
                Err(_) => crate::layout::FontSet::embedded().ok().map(Arc::new),
            };
            if let Some(page) = page {
                let reading = self.reading_fonts.as_deref().filter(|_| self.state.appearance.reading_font);
                theme::install_fonts(ctx, &page, reading);
            }
        }
        self.applied = Some(self.state.appearance);
    }

    fn poll_picker(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.pending_pick else { return };
        match pending.poll() {
            PickState::Waiting => ctx.request_repaint_after(Duration::from_millis(100)),
            PickState::Chosen(paths) => {
                self.picked = Some((pending.purpose, paths));
                self.pending_pick = None;
            }
            PickState::NothingChosen => {
                self.notices.push(Notice::new(
                    "No file was chosen. If no dialog appeared, type the file's full path in the box instead.",
                    Tone::Problem,
                ));
                self.pending_pick = None;
            }
        }
    }

    fn poll_tasks(&mut self, ctx: &egui::Context) {
        if self.tasks.is_empty() {
            return;
        }
        ctx.request_repaint_after(Duration::from_millis(100));
        let mut done = Vec::new();
        self.tasks.retain(|t| match t.rx.try_recv() {
            Ok(result) => {
                done.push(result);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                done.push(Err("The export stopped unexpectedly: try again.".into()));
                false
            }
        });
        for result in done {
            self.accounts.export_finished();
            self.report.export_finished();
            let (text, tone) = match result {
                Ok(t) => (t, Tone::Good),
                Err(t) => (t, Tone::Problem),
            };
            self.notices.push(Notice::new(text, tone));
            self.commands.push(Command::Refresh);
        }
    }

    fn apply_commands(&mut self) {
        let commands = std::mem::take(&mut self.commands);
        let Ok(ws) = &mut self.ws else { return };
        for command in commands {
            let mut later = Vec::new();
            let mut ctx = Ctx { ws, commands: &mut later, notices: &mut self.notices, picked: None, picking: None };
            match command {
                Command::Navigate(screen) => {
                    if self.state.screen == Screen::Settings
                        && screen != Screen::Settings
                        && self.settings.name_unsaved()
                    {
                        self.settings.ask_before_leaving(screen);
                        continue;
                    }
                    self.settings.flush(&mut ctx);
                    self.standards.flush(&mut ctx);
                    self.accounts.flush(&mut ctx);
                    if screen == Screen::Accounts {
                        self.accounts.refresh(&mut ctx);
                    }
                    if screen == Screen::Signoff {
                        self.signoff.refresh(&mut ctx);
                    }
                    if screen == Screen::Report {
                        self.report.refresh(&mut ctx);
                    }
                    self.state.screen = screen;
                    self.visit += 1;
                    Self::moved_on(ctx.notices);
                    self.dashboard.refresh(&mut ctx);
                    self.settings.refresh(&mut ctx);
                }
                Command::OpenStatement(key) => {
                    if self.state.screen != Screen::Standards {
                        self.visit += 1;
                    }
                    Self::moved_on(ctx.notices);
                    self.standards.open(&mut ctx, &key);
                    self.state.statement = Some(key);
                    self.state.screen = Screen::Standards;
                }
                Command::OpenAccount(id) => {
                    self.standards.flush(&mut ctx);
                    self.accounts.open(&mut ctx, id);
                    self.state.screen = Screen::Accounts;
                    self.visit += 1;
                    Self::moved_on(ctx.notices);
                }
                Command::RunExport(job, path) => {
                    let (tx, rx) = std::sync::mpsc::channel();
                    let spawned = std::thread::Builder::new().name("pdf-export".into()).spawn(move || {
                        let result = job.write(&path).map(|done| done.to_string()).map_err(|e| e.to_string());
                        let _ = tx.send(result);
                    });
                    match spawned {
                        Ok(_) => self.tasks.push(Task { rx }),
                        Err(e) => {
                            self.accounts.export_finished();
                            ctx.problem(format!("The export could not start ({e}): try again."));
                        }
                    }
                }
                Command::PickFile(purpose) => {
                    if self.pending_pick.is_none() {
                        self.pending_pick = PendingPick::start(self.picker.clone(), purpose);
                        if self.pending_pick.is_none() {
                            ctx.problem(
                                "The file dialog could not be opened: type the file's full path in the box instead.",
                            );
                        }
                    }
                }
                Command::Refresh => {
                    match ctx.ws.organisation() {
                        Ok(org) => self.org_name = org.map(|o| o.name),
                        Err(e) => ctx.problem(e),
                    }
                    self.dashboard.refresh(&mut ctx);
                    self.standards.refresh(&mut ctx);
                    self.settings.refresh(&mut ctx);
                    if self.state.screen == Screen::Accounts {
                        self.accounts.refresh(&mut ctx);
                    }
                    if self.state.screen == Screen::Signoff {
                        self.signoff.refresh(&mut ctx);
                    }
                    if self.state.screen == Screen::Report {
                        self.report.refresh(&mut ctx);
                    }
                }
            }
            self.commands.extend(later);
        }
    }
}

fn navigation(ui: &mut egui::Ui, ctx: &mut Ctx<'_>, org_name: &str, current: Screen) {
    ui.add_space(10.0);
    ui.label(egui::RichText::new("LERO Evidence").size(18.0).strong().color(theme::accent(ui)));
    ui.label(egui::RichText::new(org_name).color(theme::quiet(ui)));
    if ctx.ws.is_demo() {
        ui.label(egui::RichText::new("Demo: nothing here is kept").small().color(theme::warning(ui)));
    }
    ui.add_space(12.0);
    for screen in Screen::ALL {
        let selected = screen == current;
        let text = egui::RichText::new(screen.label()).size(17.0);
        let button = egui::Button::selectable(selected, text).min_size(egui::vec2(ui.available_width(), 34.0));
        if ui.add(button).clicked() && !selected {
            ctx.commands.push(Command::Navigate(screen));
        }
    }
}

/// Shown while files are dragged over the window.
fn drop_hint(ui: &mut egui::Ui) {
    egui::Panel::top("drop-hint").show(ui, |ui| {
        ui.label(
            egui::RichText::new("Drop bundles, receipts or a manifest to use them in the collective report")
                .size(18.0)
                .color(theme::accent(ui)),
        );
    });
}

/// Shows each notice beside what it is about, or at the top right of its screen; a notice
/// that is good news goes after 8 seconds or at the user's next click elsewhere, a problem
/// after 30 seconds.
fn show_notices(ctx: &egui::Context, notices: &mut Vec<Notice>, screen: Screen, content: egui::Rect) {
    notices.retain(|n| n.at.elapsed() < Duration::from_secs(if n.tone == Tone::Problem { 30 } else { 8 }));
    if notices.is_empty() {
        return;
    }
    ctx.request_repaint_after(Duration::from_secs(1));
    let content = if content.is_positive() { content } else { ctx.content_rect() };
    let width = (content.width() - 24.0).clamp(160.0, 420.0);
    let mut toast_top = content.top() + 8.0;
    for (i, n) in notices.iter().enumerate() {
        let beside = match n.anchor {
            Anchor::Widget(id) => ctx.read_response(id).map(|r| r.rect).filter(|r| content.intersects(*r)),
            Anchor::Screen(s) if s != screen => continue,
            _ => None,
        };
        let (pos, pivot) = match beside {
            // To the right of a button, or below a box too wide to have room beside it.
            Some(r) if r.right() + 12.0 + width <= content.right() => {
                (r.right_top() + egui::vec2(12.0, 0.0), egui::Align2::LEFT_TOP)
            }
            Some(r) => (r.left_bottom() + egui::vec2(0.0, 6.0), egui::Align2::LEFT_TOP),
            None => (egui::pos2(content.right() - 12.0, toast_top), egui::Align2::RIGHT_TOP),
        };
        // Clicks pass through a notice to whatever it covers, so it never blocks the form.
        let shown = egui::Area::new(egui::Id::unique(("notice", i)))
            .order(egui::Order::Foreground)
            .fixed_pos(pos)
            .pivot(pivot)
            .constrain(true)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(width);
                    let colour = if n.tone == Tone::Problem { theme::warning(ui) } else { theme::good(ui) };
                    ui.label(egui::RichText::new(&n.text).color(colour));
                });
            });
        if beside.is_none() {
            toast_top = shown.response.rect.bottom() + 6.0;
        }
    }
}

/// eframe glue: persistence and the frame loop.
struct EframeApp(App, StartupReport);

/// With `LERO_EVIDENCE_STARTUP_REPORT` set, the window says on standard error when its first
/// frame was on screen (as Unix time, so a script can subtract the moment it launched the
/// app), how long after `main` began, and the memory it holds then; set to `exit`, it then
/// closes. This is how BENCHMARKS.md measures startup (`scripts/startup.sh`).
struct StartupReport {
    /// When `main` began.
    started: Instant,
    /// Frames drawn so far.
    frames: u32,
    /// Whether to report, and whether to close after.
    mode: Option<String>,
}

impl StartupReport {
    fn from_env(started: Instant) -> Self {
        Self { started, frames: 0, mode: std::env::var("LERO_EVIDENCE_STARTUP_REPORT").ok() }
    }

    /// Called at the start of each frame: the first frame has been painted when the second
    /// begins.
    fn frame(&mut self, ctx: &egui::Context, renderer: &str) {
        let Some(mode) = &self.mode else { return };
        self.frames += 1;
        if self.frames == 1 {
            ctx.request_repaint();
            return;
        }
        if self.frames == 2 {
            let unix_ns =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            let rss_kib = resident_kib().map_or_else(|| "unknown".to_owned(), |k| k.to_string());
            eprintln!(
                "startup: first-frame-unix-ns={unix_ns} since-main-ms={:.1} rss-kib={rss_kib} renderer={renderer}",
                self.started.elapsed().as_secs_f64() * 1000.0
            );
            if mode == "exit" {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

/// The memory the process holds in RAM (its resident set), where the system says.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let renderer = if frame.gl().is_some() { "opengl" } else { "wgpu" };
        self.1.frame(ui.ctx(), renderer);
        self.0.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.0.flush();
        eframe::set_value(storage, eframe::APP_KEY, self.0.ui_state());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.0.flush();
    }

    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }
}

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

/// Asks the window to save and close when the system asks the app to stop: SIGTERM (logout,
/// shutdown, `kill`), SIGINT (Ctrl+C in the terminal that started it) and SIGHUP (the
/// terminal or session went away). A second signal while the first is being answered stops
/// the app at once, as the signal would have without this.
#[cfg(unix)]
fn stop_on_signals(ctx: &egui::Context, stop: Arc<std::sync::atomic::AtomicBool>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        // Without the handler the signals keep their usual meaning; typing is still saved
        // within half a second.
        return;
    };
    let ctx = ctx.clone();
    let _ = std::thread::Builder::new().name("stop-signals".into()).spawn(move || {
        for signal in signals.forever() {
            if stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
                signal_hook::low_level::emulate_default_handler(signal).ok();
                std::process::exit(128 + signal);
            }
            ctx.request_repaint();
        }
    });
}

#[cfg(not(unix))]
fn stop_on_signals(_: &egui::Context, _: Arc<std::sync::atomic::AtomicBool>) {}

/// The app's icon for the window's title bar and task bar (`assets/icon`).
fn app_icon() -> Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icon/lero-evidence-64.png");
    let icon = image::load_from_memory(png).map(|i| i.to_rgba8()).map_or_else(
        |_| egui::IconData::default(),
        |i| egui::IconData { width: i.width(), height: i.height(), rgba: i.into_raw() },
    );
    Arc::new(icon)
}

/// Says why the window could not be opened where a windowed program has no terminal to say
/// it in (Windows): in a message box. Elsewhere standard error says it.
pub fn cannot_open_window(sentence: &str) {
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("LERO Evidence")
            .set_description(format!(
                "{sentence}\n\nThe headless commands still work: run lero-evidence-cli.exe --help in a terminal."
            ))
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    #[cfg(not(windows))]
    let _ = sentence;
}

/// Opens the window over `ws` (the workspace at `path`, or the sentence saying why it could
/// not be opened), holding its `lock`; returns when it is closed. Takes a backup as it
/// opens.
pub fn run(
    ws: Result<Workspace, String>,
    path: Option<PathBuf>,
    lock: Option<crate::store::WorkspaceLock>,
    started: Instant,
) -> Result<(), String> {
    // The backup taken on opening runs beside the window, which never waits for it.
    let backup = ws.as_ref().ok().and_then(|w| w.auto_backup_in_background("opened"));
    let title = match &ws {
        Ok(w) => match w.organisation() {
            Ok(Some(o)) => format!("LERO Evidence – {}", o.name),
            _ => "LERO Evidence".to_owned(),
        },
        Err(_) => "LERO Evidence".to_owned(),
    };
    // What the window is made from, kept until a renderer starts: one that fails to start
    // leaves it for the next.
    let parts = std::rc::Rc::new(std::cell::RefCell::new(Some((ws, path, lock, backup))));
    let mut failures = Vec::new();
    for (renderer, name) in renderers() {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title(title.clone())
                .with_app_id("org.clero.LeroEvidence")
                .with_inner_size([1180.0, 780.0])
                .with_min_inner_size([760.0, 520.0])
                .with_icon(app_icon()),
            renderer,
            ..Default::default()
        };
        let taken = std::rc::Rc::clone(&parts);
        let result = eframe::run_native(
            "LERO Evidence",
            options,
            Box::new(move |cc| {
                let Some((ws, path, lock, backup)) = taken.borrow_mut().take() else {
                    return Err("the window was already started".into());
                };
                let state: UiState = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
                let mut app = App::new(ws, state, Arc::new(NativePicker)).with_path(path);
                app.lock = lock;
                app.backup = backup;
                stop_on_signals(&cc.egui_ctx, app.stop_flag());
                Ok(Box::new(EframeApp(app, StartupReport::from_env(started))))
            }),
        );
        match result {
            Ok(()) => return Ok(()),
            // The app ran and then failed: trying another renderer would open it twice.
            Err(e) if parts.borrow().is_none() => return Err(cannot_open(&e.to_string())),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    Err(cannot_open(&failures.join("; ")))
}

fn cannot_open(why: &str) -> String {
    format!(
        "The window could not be opened ({why}): check that a desktop session is running, or use the headless commands (see --help)."
    )
}

/// The renderers to try, in order. On Windows, OpenGL first and then wgpu (Direct3D 12,
/// which falls back to Microsoft's software adapter over Remote Desktop, in virtual machines
/// and on the basic display driver, where OpenGL 2 is often missing). OpenGL goes first
/// because its failure comes back as an error the next renderer can follow, while a
/// Direct3D 12 driver that fails can end the process outright (seen under Wine, whose
/// Direct3D 12 stopped on an assertion), leaving nothing to fall back from. Elsewhere OpenGL
/// alone (several times cheaper on software rendering). `LERO_EVIDENCE_RENDERER=glow` or
/// `wgpu` chooses one.
fn renderers() -> Vec<(eframe::Renderer, &'static str)> {
    let forced = std::env::var("LERO_EVIDENCE_RENDERER").unwrap_or_default();
    let glow = (eframe::Renderer::Glow, "OpenGL");
    #[cfg(windows)]
    {
        let wgpu = (eframe::Renderer::Wgpu, "Direct3D");
        match forced.as_str() {
            "glow" => vec![glow],
            "wgpu" => vec![wgpu],
            _ => vec![glow, wgpu],
        }
    }
    #[cfg(not(windows))]
    {
        let _ = forced;
        vec![glow]
    }
}
