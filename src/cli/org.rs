//! `org set`: the organisation profile; `org figures`: its year in figures.

use super::{CliError, json_out, refuse, write_out};
use crate::domain::figures::{FiguresChange, YearFigures};
use crate::workspace::{ProfileChange, Workspace};
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// `org …`
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Set the profile; fields not given keep their value.
    Set {
        /// Name as it appears on your pages.
        #[arg(long)]
        name: Option<String>,
        /// Logo picture (PNG or JPEG).
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
        /// Contact email.
        #[arg(long)]
        email: Option<String>,
        /// The area you serve.
        #[arg(long)]
        area: Option<String>,
        /// You have a formal structure (board, staff, policies).
        #[arg(long, conflicts_with = "informal")]
        formal: bool,
        /// You have no formal structure.
        #[arg(long)]
        informal: bool,
        /// The college's email address, where `export email` addresses pages ("" forgets it).
        #[arg(long, value_name = "ADDRESS")]
        college_email: Option<String>,
    },
    /// Keep a year's figures (fields not given keep their value), or list the years kept.
    Figures(FiguresArgs),
}

impl OrgCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let (name, logo, email, area, formal, informal, college_email) = match self {
            Self::Set { name, logo, email, area, formal, informal, college_email } => {
                (name, logo, email, area, formal, informal, college_email)
            }
            Self::Figures(figures) => return figures.run(ws, out),
        };
        let profile = name.is_some() || logo.is_some() || email.is_some() || area.is_some() || *formal || *informal;
        if let Some(address) = college_email {
            // Checked before anything is saved, so a bad address changes nothing.
            crate::workspace::check_college_email(address)?;
            if !profile {
                return set_college_email(ws, address, out);
            }
        }
        let change = ProfileChange {
            name: name.clone(),
            email: email.clone(),
            area: area.clone(),
            formal: if *formal {
                Some(true)
            } else if *informal {
                Some(false)
            } else {
                None
            },
            logo: logo.clone(),
        };
        let saved = ws.update_profile(&change)?;
        if let Some(address) = college_email {
            set_college_email(ws, address, out)?;
        }
        write_out(
            out,
            &format!(
                "Saved {} ({}{}).",
                saved.name,
                if saved.formal { "formal structure" } else { "no formal structure" },
                if ws.logo()?.is_some() { ", with logo" } else { "" }
            ),
        )
    }
}

/// Sets the college's email address and says so.
fn set_college_email(ws: &Workspace, address: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let kept = ws.set_college_email(address)?;
    if kept.is_empty() {
        write_out(
            out,
            "No college email address: drafts from `export email` are addressed to nobody until you type one.",
        )
    } else {
        write_out(out, &format!("Drafts from `export email` go to the college at {kept}."))
    }
}

/// `org figures`: with `--year` and figures, keeps them (merged with what is kept for that
/// year); with `--year` alone, shows that year; with nothing, lists every year kept.
#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// The year: a calendar year (2025) or a financial year (2025-26).
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,
    /// People supported in the year, each counted once.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    people_supported: Option<String>,
    /// Hours of recovery support given, by staff and volunteers together.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    support_hours: Option<String>,
    /// People who volunteered during the year.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    volunteers: Option<String>,
    /// Hours the volunteers gave.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    volunteer_hours: Option<String>,
    /// Paid roles held by people with lived experience of recovery.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    lived_experience_roles: Option<String>,
    /// How the figures were counted.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
    /// Remove the year's figures.
    #[arg(long)]
    remove: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

impl FiguresArgs {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let change = FiguresChange {
            year: self.year.clone().unwrap_or_default(),
            people_supported: self.people_supported.clone(),
            support_hours: self.support_hours.clone(),
            volunteers: self.volunteers.clone(),
            volunteer_hours: self.volunteer_hours.clone(),
            lived_experience_roles: self.lived_experience_roles.clone(),
            note: self.note.clone(),
        };
        let Some(year) = &self.year else {
            if self.remove || !change.changes_nothing() {
                return refuse(
                    "Say which year with --year, for example --year 2025-26 (or --year 2025 for a calendar year).",
                );
            }
            return self.list(&ws.figures()?, out);
        };
        if self.remove {
            if !change.changes_nothing() {
                return refuse("--remove takes away the whole year: give it with --year alone.");
            }
            let removed = ws.remove_figures(year)?;
            return write_out(out, &format!("Removed the figures for {removed}."));
        }
        if change.changes_nothing() {
            let kept: Vec<YearFigures> = ws.figures_for(year)?.into_iter().collect();
            if kept.is_empty() && !self.json {
                let year = crate::domain::figures::Year::parse(year).map(|y| y.to_string()).unwrap_or_default();
                return write_out(out, &format!("No figures are kept for {year}."));
            }
            return self.list(&kept, out);
        }
        let saved = ws.update_figures(&change)?;
        if self.json {
            return json_out(out, &[saved]);
        }
        write_out(out, &format!("Saved the figures for {}: {}.", saved.year, saved.summary()))
    }

    /// Prints `years`: JSON, or a line for each with its note below.
    fn list(&self, years: &[YearFigures], out: &mut dyn Write) -> Result<(), CliError> {
        if self.json {
            return json_out(out, &years);
        }
        if years.is_empty() {
            return write_out(
                out,
                "No figures are kept yet: add a year with org figures --year 2025-26 --people-supported N.",
            );
        }
        for y in years {
            write_out(out, &format!("{}: {}.", y.year, y.summary()))?;
            if !y.note.is_empty() {
                write_out(out, &format!("  How they were counted: {}", crate::domain::text::one_line(&y.note)))?;
            }
        }
        Ok(())
    }
}
