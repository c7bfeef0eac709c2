//! `org set`: the organisation profile.

use super::{CliError, write_out};
use crate::workspace::{ProfileChange, Workspace};
use clap::Subcommand;
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
}

impl OrgCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let Self::Set { name, logo, email, area, formal, informal, college_email } = self;
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
