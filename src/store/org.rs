//! The organisation profile and its people.

use super::{Result, Store, StoreError, now};
use crate::domain::organisation::{Logo, Organisation, Person};
use rusqlite::{OptionalExtension, Row};

fn organisation_of(r: &Row<'_>) -> rusqlite::Result<Organisation> {
    let (name, email, area, formal) = r.try_into()?;
    Ok(Organisation { name, email, area, formal })
}

fn person_of(r: &Row<'_>) -> rusqlite::Result<Person> {
    let (id, name, role, lived_experience) = r.try_into()?;
    Ok(Person { id, name, role, lived_experience })
}

impl Store {
    /// The organisation profile, once the welcome has been completed.
    pub fn organisation(&self) -> Result<Option<Organisation>> {
        Ok(self
            .conn
            .query_row("SELECT name, email, area, formal FROM organisation WHERE id = 1", [], organisation_of)
            .optional()?)
    }

    /// Saves the profile (not the logo).
    pub fn set_organisation(&self, org: &Organisation) -> Result<()> {
        self.conn.execute(
            "INSERT INTO organisation (id, name, email, area, formal, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email,
                 area = excluded.area, formal = excluded.formal, updated_at = excluded.updated_at",
            (&org.name, &org.email, &org.area, org.formal, now()),
        )?;
        Ok(())
    }

    /// Replaces or removes the logo. The profile must exist.
    pub fn set_logo(&self, logo: Option<&Logo>) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE organisation SET logo = ?1, logo_mime = ?2, updated_at = ?3 WHERE id = 1",
            (logo.map(|l| l.bytes.as_slice()), logo.map(|l| l.mime), now()),
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound("Set the organisation's name before adding a logo.".into()));
        }
        Ok(())
    }

    /// The logo bytes and their type, if there is one.
    pub fn logo(&self) -> Result<Option<(Vec<u8>, String)>> {
        Ok(self
            .conn
            .query_row("SELECT logo, logo_mime FROM organisation WHERE id = 1 AND logo IS NOT NULL", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// Everyone, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.all("SELECT id, name, role, lived_experience FROM person ORDER BY name COLLATE NOCASE, id", [], person_of)
    }

    /// Adds a person; a name already used is refused.
    pub fn add_person(&self, name: &str, role: &str, lived_experience: bool) -> Result<i64> {
        if self.person_by_name(name)?.is_some() {
            return Err(StoreError::NotFound(format!(
                "There is already a person called {name}: use a different name, or change their details in Settings."
            )));
        }
        self.conn.execute(
            "INSERT INTO person (name, role, lived_experience, created_at) VALUES (?1, ?2, ?3, ?4)",
            (name, role, lived_experience, now()),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Changes a person's details.
    pub fn update_person(&self, person: &Person) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE person SET name = ?2, role = ?3, lived_experience = ?4 WHERE id = ?1",
            (person.id, &person.name, &person.role, person.lived_experience),
        )?;
        if changed == 0 {
            return Err(no_person(person.id));
        }
        Ok(())
    }

    /// Removes a person.
    pub fn remove_person(&self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM person WHERE id = ?1", [id])? == 0 {
            return Err(no_person(id));
        }
        Ok(())
    }

    /// The person with this name (exact, ignoring case), if any.
    pub fn person_by_name(&self, name: &str) -> Result<Option<Person>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, role, lived_experience FROM person WHERE name = ?1 COLLATE NOCASE",
                [name.trim()],
                person_of,
            )
            .optional()?)
    }
}

/// There is no person `id` (any more): what to do about it.
fn no_person(id: i64) -> super::StoreError {
    super::StoreError::NotFound(format!(
        "There is no person {id} any more: someone may have removed them. Look at the people again (`person list`)."
    ))
}
