//! Views reload themselves: each screen (and the organisation's name in the navigation)
//! remembers the workspace's change counter it was loaded at, and is loaded again, before it
//! is drawn, when the counter moved. A screen's own writes that change nothing it shows (text
//! saved as it is typed, made through [`Cx::quietly`]) and the window's place carry the
//! counter forward instead, so typing never reopens the editor.

use super::{App, Cx, Screen};

/// The change counter each screen, and the organisation's name, was loaded at.
#[derive(Debug, Default)]
pub(super) struct Loaded {
    org: Option<u64>,
    screens: [Option<u64>; Screen::ALL.len()],
    /// How many times a screen was loaded again (for tests).
    #[cfg(test)]
    pub(super) reloads: u32,
}

impl Loaded {
    pub(super) fn screen(&mut self, screen: Screen) -> &mut Option<u64> {
        let at = Screen::ALL.iter().position(|s| *s == screen).unwrap_or_default();
        &mut self.screens[at]
    }

    /// `screen` is loaded again when next drawn, whatever the counter says.
    pub(super) fn forget(&mut self, screen: Screen) {
        *self.screen(screen) = None;
    }

    /// Whatever was loaded at `before` is still what the workspace holds at `after`.
    pub(super) fn carry(&mut self, before: u64, after: u64) {
        for stamp in std::iter::once(&mut self.org).chain(&mut self.screens) {
            if *stamp == Some(before) {
                *stamp = Some(after);
            }
        }
    }
}

impl Cx<'_> {
    /// Runs one of the screen's own writes that changes nothing it shows (text saved as it
    /// is typed): the screen is not loaded again because of it.
    pub fn quietly<T>(&mut self, write: impl FnOnce(&crate::workspace::Workspace) -> T) -> T {
        let before = self.ws.total_changes();
        let done = write(self.ws);
        self.quiet += self.ws.total_changes().saturating_sub(before);
        done
    }
}

impl App {
    /// Loads the organisation's name and the screen about to be drawn again when the
    /// workspace changed since they were loaded. Returns the change counter after.
    pub(super) fn reload_stale(&mut self) -> u64 {
        let Ok(ws) = &mut self.ws else { return 0 };
        let mut later = Vec::new();
        let mut cx = Cx { ws, commands: &mut later, notices: &mut self.notices, picked: None, picking: None, quiet: 0 };
        let changes = cx.ws.total_changes();
        if self.loaded.org != Some(changes) {
            match cx.ws.organisation() {
                Ok(org) => self.org_name = org.map(|o| o.name),
                Err(e) => cx.problem(e),
            }
            self.loaded.org = Some(changes);
        }
        let screen = self.state.screen;
        if self.org_name.is_some() && *self.loaded.screen(screen) != Some(changes) {
            match screen {
                Screen::Dashboard => self.dashboard.refresh(&mut cx),
                Screen::Standards => self.standards.refresh(&mut cx),
                Screen::Accounts => self.accounts.refresh(&mut cx),
                Screen::Signoff => self.signoff.refresh(&mut cx),
                Screen::Report => self.report.refresh(&mut cx),
                Screen::Settings => self.settings.refresh(&mut cx),
            }
            *self.loaded.screen(screen) = Some(cx.ws.total_changes());
            #[cfg(test)]
            {
                self.loaded.reloads += 1;
            }
        }
        let after = cx.ws.total_changes();
        self.commands.extend(later);
        after
    }

    /// After `screen` was drawn from `before` to `after`, with `quiet` of the changes its own
    /// quiet writes: when those were all, the screen (and the name) are still up to date.
    /// Returns whether something must be loaded again (so another frame is wanted).
    pub(super) fn drawn(&mut self, screen: Screen, before: u64, after: u64, quiet: u64) -> bool {
        if after == before {
            return false;
        }
        if after - before != quiet {
            return true;
        }
        if self.loaded.org == Some(before) {
            self.loaded.org = Some(after);
        }
        let stamp = self.loaded.screen(screen);
        if *stamp == Some(before) {
            *stamp = Some(after);
        }
        false
    }

    /// Every screen is loaded again when next drawn (another workspace, or changes made
    /// behind this connection's back).
    pub(super) fn forget_loaded(&mut self) {
        self.loaded = Loaded::default();
    }
}
