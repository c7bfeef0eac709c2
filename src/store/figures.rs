//! The organisation's year in figures.

use super::{Result, Store, now};
use crate::domain::figures::{Year, YearFigures};
use rusqlite::{OptionalExtension, Row};

const COLUMNS: &str =
    "year, people_supported, support_hours, volunteers, volunteer_hours, lived_experience_roles, note";

fn figures_of(r: &Row<'_>) -> rusqlite::Result<YearFigures> {
    let year: String = r.get(0)?;
    let year = Year::parse(&year)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(YearFigures {
        year,
        people_supported: r.get(1)?,
        support_hours: r.get(2)?,
        volunteers: r.get(3)?,
        volunteer_hours: r.get(4)?,
        lived_experience_roles: r.get(5)?,
        note: r.get(6)?,
    })
}

impl Store {
    /// Every year's figures, newest year first.
    pub fn figures(&self) -> Result<Vec<YearFigures>> {
        let mut all = self.all(&format!("SELECT {COLUMNS} FROM org_figures"), [], figures_of)?;
        all.sort_unstable_by_key(|f| std::cmp::Reverse(f.year));
        Ok(all)
    }

    /// One year's figures, if they are kept.
    pub fn figures_for(&self, year: Year) -> Result<Option<YearFigures>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM org_figures WHERE year = ?1"), [year.to_string()], figures_of)
            .optional()?)
    }

    /// Keeps one year's figures, in place of any kept for that year.
    pub fn set_figures(&self, f: &YearFigures) -> Result<()> {
        self.conn.execute(
            "INSERT INTO org_figures (year, people_supported, support_hours, volunteers, volunteer_hours,
                 lived_experience_roles, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(year) DO UPDATE SET people_supported = excluded.people_supported,
                 support_hours = excluded.support_hours, volunteers = excluded.volunteers,
                 volunteer_hours = excluded.volunteer_hours,
                 lived_experience_roles = excluded.lived_experience_roles, note = excluded.note,
                 updated_at = excluded.updated_at",
            (
                f.year.to_string(),
                f.people_supported,
                f.support_hours,
                f.volunteers,
                f.volunteer_hours,
                f.lived_experience_roles,
                &f.note,
                now(),
            ),
        )?;
        Ok(())
    }

    /// Removes one year's figures; false when none were kept for it.
    pub fn remove_figures(&self, year: Year) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM org_figures WHERE year = ?1", [year.to_string()])? > 0)
    }
}
