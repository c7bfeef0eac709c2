//! `person add` and `person list`: the people who write and sign off pages.

use super::{CliError, print_list, write_out};
use crate::workspace::Workspace;
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;

/// `person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person; prints their id.
    Add {
        /// Their name as they want it shown.
        name: String,
        /// What they do, for example "Peer mentor".
        #[arg(long)]
        role: String,
        /// They have lived experience of recovery.
        #[arg(long)]
        lived_experience: bool,
    },
    /// List people.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A person as `person list --json` prints them.
#[derive(Debug, Serialize)]
struct PersonJson<'a> {
    id: i64,
    name: &'a str,
    role: &'a str,
    lived_experience: bool,
}

impl PersonCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::Add { name, role, lived_experience } => {
                let id = ws.add_person(name, role, *lived_experience)?;
                write_out(
                    out,
                    &format!(
                        "Added {} ({}{}).",
                        name.trim(),
                        role.trim(),
                        if *lived_experience { ", lived experience" } else { "" }
                    ),
                )?;
                write_out(out, &id.to_string())
            }
            Self::List { json } => print_list(
                out,
                *json,
                &ws.people()?,
                |p| PersonJson { id: p.id, name: &p.name, role: &p.role, lived_experience: p.lived_experience },
                |p| {
                    format!(
                        "{}\t{}\t{}{}",
                        p.id,
                        p.name,
                        p.role,
                        if p.lived_experience { "\tlived experience" } else { "" }
                    )
                },
            ),
        }
    }
}
