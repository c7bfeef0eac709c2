//! One frame: the screen shown, the navigation, and what is polled before drawing.

use super::accounts::AccountsView;
use super::app::BACKUP_EVERY;
use super::dashboard::DashboardView;
use super::notices::notices_ui;
use super::picker::PickState;
use super::report::ReportView;
use super::task::{Poll, Task};
use super::{App, Command, Cx, Notice, Screen, Tone, theme, widgets};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

impl App {
    /// Draws one frame into `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.stop.load(std::sync::atomic::Ordering::SeqCst) {
            self.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.text_size_keys(ui.ctx());
        self.apply_appearance(ui.ctx());
        self.poll_picker();
        self.poll_exports();
        self.poll_backup();
        let before = self.reload_stale();
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
            self.backup = ws
                .auto_backup_in_background("every 30 minutes")
                .and_then(|rx| Task::wait_on(ui.ctx(), "backup-wait", rx).ok());
        }
        let mut cx = Cx {
            ws,
            commands: &mut self.commands,
            notices: &mut self.notices,
            picked: self.picked.take(),
            picking: self.pending_pick.as_ref().map(|p| p.purpose),
            quiet: 0,
        };
        let dropped: Vec<PathBuf> =
            ui.ctx().input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if !dropped.is_empty() && self.org_name.is_some() {
            // Bundles, receipts and manifests dropped anywhere go to the Report screen.
            self.report.dropped(&mut cx, &dropped);
            self.state.screen = Screen::Report;
        }
        if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
            drop_hint_ui(ui);
        }
        let drawn = self.state.screen;
        if let Some(org_name) = &self.org_name {
            // With large text the window is narrow in points: the navigation gives up some room.
            let nav_width = if ui.available_width() < 900.0 { 150.0 } else { 190.0 };
            egui::Panel::left("navigation").resizable(false).exact_size(nav_width).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
                    .show(ui, |ui| navigation_ui(ui, &mut cx, org_name, self.state.screen));
            });
            // Each visit to a screen has its own scroll positions, so a screen opens at its top
            // rather than where the one before was scrolled.
            self.content = egui::CentralPanel::default()
                .show(ui, |ui| {
                    ui.push_id(("visit", self.visit), |ui| match self.state.screen {
                        Screen::Dashboard => self.dashboard.ui(ui, &mut cx),
                        Screen::Standards => self.standards.ui(ui, &mut cx, &mut self.import),
                        Screen::Accounts => self.accounts.ui(ui, &mut cx),
                        Screen::Signoff => self.signoff.ui(ui, &mut cx),
                        Screen::Report => self.report.ui(ui, &mut cx),
                        Screen::Settings => self.settings.ui(ui, &mut cx, &mut self.state.appearance),
                    });
                })
                .response
                .rect;
        } else {
            self.content = egui::CentralPanel::default()
                .show(ui, |ui| self.welcome.ui(ui, &mut cx, &mut self.state.appearance))
                .response
                .rect;
        }
        if self.import.is_open() {
            self.import.ui(ui, &mut cx);
        }
        self.picked = cx.picked.take();
        let (after, quiet) = (cx.ws.total_changes(), cx.quiet);
        if self.drawn(drawn, before, after, quiet) {
            // What changed is loaded again before the next frame is drawn: ask for it now.
            ui.ctx().request_repaint();
        }
        if !self.commands.is_empty() {
            // What the commands change is drawn on the next frame: ask for it now.
            ui.ctx().request_repaint();
        }
        theme::focus_ring(ui.ctx());
        self.apply_commands(ui.ctx());
        self.remember_place();
        self.place_notices(ui.ctx());
        notices_ui(ui.ctx(), &mut self.notices, self.state.screen, self.content);
        if self.standards.has_unsaved() || self.accounts.has_unsaved() {
            ui.ctx().request_repaint_after(Duration::from_millis(300));
        }
    }

    /// Ctrl with + or - makes text larger or smaller in steps of 10%, Ctrl+0 puts it back to
    /// normal; the setting is the same one Settings shows, so it is kept between runs.
    pub(super) fn text_size_keys(&mut self, ctx: &egui::Context) {
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
    pub(super) fn apply_appearance(&mut self, ctx: &egui::Context) {
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

    /// Takes the file chosen in the dialog, once it answered.
    pub(super) fn poll_picker(&mut self) {
        let Some(pending) = &self.pending_pick else { return };
        match pending.poll() {
            PickState::Waiting => {}
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

    /// Says how the exports that ended went, and tells the screen that started each.
    pub(super) fn poll_exports(&mut self) {
        for (screen, result) in self.exports.finished() {
            export_finished(&mut self.dashboard, &mut self.accounts, &mut self.report, screen);
            let (text, tone) = match result {
                Some(Ok(t)) => (t, Tone::Good),
                Some(Err(t)) => (t, Tone::Problem),
                None => ("The export stopped unexpectedly: try again.".to_owned(), Tone::Problem),
            };
            self.notices.push(Notice::new(text, tone));
        }
    }

    /// Says when the automatic backup under way could not be made.
    pub(super) fn poll_backup(&mut self) {
        let Some(task) = &self.backup else { return };
        match task.poll() {
            Poll::Running => {}
            Poll::Done(Some(Err(e))) => {
                self.notices.push(Notice::new(format!("The automatic backup could not be made: {e}"), Tone::Problem));
                self.backup = None;
            }
            Poll::Done(Some(Ok(_))) => {
                // Settings lists the backups, which are files the change counter does not see.
                self.loaded.forget(Screen::Settings);
                self.backup = None;
            }
            Poll::Done(_) | Poll::Lost => self.backup = None,
        }
    }
}

/// Tells the screen that started an export (and only that one) that it is over.
pub(super) fn export_finished(
    dashboard: &mut DashboardView,
    accounts: &mut AccountsView,
    report: &mut ReportView,
    screen: Screen,
) {
    match screen {
        Screen::Dashboard => dashboard.export_finished(),
        Screen::Accounts => accounts.export_finished(),
        Screen::Report => report.export_finished(),
        _ => {}
    }
}

fn navigation_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, org_name: &str, current: Screen) {
    ui.add_space(10.0);
    ui.label(egui::RichText::new("LERO Evidence").size(18.0).strong().color(theme::accent(ui)));
    ui.label(egui::RichText::new(org_name).color(theme::quiet(ui)));
    if cx.ws.is_demo() {
        ui.label(egui::RichText::new("Demo: nothing here is kept").small().color(theme::warning(ui)));
    }
    ui.add_space(12.0);
    for screen in Screen::ALL {
        let selected = screen == current;
        let text = egui::RichText::new(screen.label()).size(17.0);
        let button = egui::Button::selectable(selected, text).min_size(egui::vec2(ui.available_width(), 34.0));
        if ui.add(button).clicked() && !selected {
            cx.commands.push(Command::Navigate(screen));
        }
    }
}

/// Shown while files are dragged over the window.
fn drop_hint_ui(ui: &mut egui::Ui) {
    egui::Panel::top("drop-hint").show(ui, |ui| {
        ui.label(
            egui::RichText::new("Drop bundles, receipts or a manifest to use them in the collective report")
                .size(18.0)
                .color(theme::accent(ui)),
        );
    });
}
