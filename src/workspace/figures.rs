//! The organisation's year in figures: kept one year at a time, changed as one decision.

use super::error::{bad_input, not_found};
use super::{Result, Workspace, WorkspaceError};
use crate::domain::figures::{FiguresChange, Year, YearFigures};
use crate::domain::limits;

/// A year as typed, or the sentence saying what is expected.
fn year_of(typed: &str) -> Result<Year> {
    Year::parse(typed).map_err(|e| WorkspaceError::BadInput(e.to_string()))
}

impl Workspace {
    /// Every year's figures, newest year first.
    pub fn figures(&self) -> Result<Vec<YearFigures>> {
        Ok(self.store.figures()?)
    }

    /// The newest year's figures, if any are kept.
    pub fn newest_figures(&self) -> Result<Option<YearFigures>> {
        Ok(self.store.figures()?.into_iter().next())
    }

    /// The figures of the year typed (`2025`, `2025-26`), if they are kept.
    pub fn figures_for(&self, year: &str) -> Result<Option<YearFigures>> {
        Ok(self.store.figures_for(year_of(year)?)?)
    }

    /// Keeps one year's figures as they are given, in place of any kept for that year.
    pub fn set_figures(&self, figures: &YearFigures) -> Result<()> {
        figures.check(limits::NOTE).map_err(|e| WorkspaceError::BadInput(e.to_string()))?;
        let note = figures.note.trim();
        if note.len() == figures.note.len() {
            Ok(self.store.set_figures(figures)?)
        } else {
            Ok(self.store.set_figures(&YearFigures { note: note.to_owned(), ..figures.clone() })?)
        }
    }

    /// Changes one year's figures as one decision: what the change gives replaces what is
    /// kept, the rest keeps its value (a year not kept yet starts with none). Every figure is
    /// read before anything is written, so one that cannot be used changes nothing. Returns
    /// the year as kept.
    pub fn update_figures(&mut self, change: &FiguresChange) -> Result<YearFigures> {
        let year = year_of(&change.year)?;
        if change.changes_nothing() {
            return bad_input(format!("Give at least one figure for {year}, or a note on how they were counted."));
        }
        self.in_one_transaction(|ws| {
            let stored = ws.store.figures_for(year)?;
            let figures = change.apply(stored.as_ref()).map_err(|e| WorkspaceError::BadInput(e.to_string()))?;
            ws.set_figures(&figures)?;
            Ok(figures)
        })
    }

    /// Removes the figures of the year typed.
    pub fn remove_figures(&self, year: &str) -> Result<Year> {
        let year = year_of(year)?;
        if !self.store.remove_figures(year)? {
            return not_found(format!("No figures are kept for {year}, so nothing was removed."));
        }
        Ok(year)
    }
}
