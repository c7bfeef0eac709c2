//! The commands queued during a frame, applied after it.

use super::picker::PendingPick;
use super::{App, Command, Cx, Screen};

impl App {
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        let Ok(ws) = &mut self.ws else { return };
        for command in commands {
            let mut later = Vec::new();
            let mut cx =
                Cx { ws, commands: &mut later, notices: &mut self.notices, picked: None, picking: None, quiet: 0 };
            match command {
                Command::Navigate(screen) => {
                    if self.state.screen == Screen::Settings
                        && screen != Screen::Settings
                        && self.settings.name_unsaved()
                    {
                        self.settings.ask_before_leaving(screen);
                        continue;
                    }
                    self.settings.flush(&mut cx);
                    self.standards.flush(&mut cx);
                    self.accounts.flush(&mut cx);
                    self.state.screen = screen;
                    self.visit += 1;
                    Self::moved_on(cx.notices);
                }
                Command::OpenStatement(key) => {
                    if self.state.screen != Screen::Standards {
                        self.visit += 1;
                    }
                    Self::moved_on(cx.notices);
                    self.standards.open(&mut cx, &key);
                    self.state.statement = Some(key);
                    self.state.screen = Screen::Standards;
                }
                Command::OpenAccount(id) => {
                    self.standards.flush(&mut cx);
                    self.accounts.open(&mut cx, id);
                    self.state.screen = Screen::Accounts;
                    self.visit += 1;
                    Self::moved_on(cx.notices);
                }
                Command::RunExport(job, path, screen) => {
                    let work = move || job.write(&path).map(|done| done.to_string()).map_err(|e| e.to_string());
                    if let Err(e) = self.exports.spawn(ctx, screen, "pdf-export", work) {
                        super::frame::export_finished(
                            &mut self.dashboard,
                            &mut self.accounts,
                            &mut self.report,
                            screen,
                        );
                        cx.problem(format!("The export could not start ({e}): try again."));
                    }
                }
                Command::WriteEmail(job, path, screen) => {
                    let picker = self.picker.clone();
                    let work = move || {
                        let done = job.write(&path).map_err(|e| e.to_string())?;
                        Ok(if picker.open_with_system(&path) {
                            done.opened_in_mail_program()
                        } else {
                            done.to_string()
                        })
                    };
                    if let Err(e) = self.exports.spawn(ctx, screen, "email-export", work) {
                        super::frame::export_finished(
                            &mut self.dashboard,
                            &mut self.accounts,
                            &mut self.report,
                            screen,
                        );
                        cx.problem(format!("The email could not be written ({e}): try again."));
                    }
                }
                Command::PickFile(purpose) => {
                    if self.pending_pick.is_none() {
                        self.pending_pick = PendingPick::start(ctx, self.picker.clone(), purpose);
                        if self.pending_pick.is_none() {
                            cx.problem(
                                "The file dialog could not be opened: type the file's full path in the box instead.",
                            );
                        }
                    }
                }
                // Each screen is loaded again, when next drawn, if the workspace changed since;
                // this is for changes made behind this connection's back.
                Command::Refresh => self.loaded = super::reload::Loaded::default(),
            }
            self.commands.extend(later);
        }
    }
}
