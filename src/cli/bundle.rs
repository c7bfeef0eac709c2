//! `bundle check` and `key`: contribution bundles and the key that signs them.

use super::{CliError, write_out};
use crate::workspace::{Workspace, check_bundle_file};
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

/// `bundle …`
#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Verify a bundle and say what it holds.
    Check {
        /// The bundle file.
        file: PathBuf,
    },
}

impl BundleCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, _ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let Self::Check { file } = self;
        let (c, key) = check_bundle_file(file)?;
        write_out(
            out,
            &format!(
                "The bundle verifies: {} ({}) on {} {} “{}”, revision {}, signed off by {}; signing key {}.",
                c.organisation.name,
                if c.organisation.area.is_empty() { "area not given" } else { c.organisation.area.as_str() },
                c.statement.set_id,
                c.statement.code,
                c.statement.title,
                c.revision.number,
                c.signoffs.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
                key.short()
            ),
        )?;
        write_out(out, &c.fingerprint)
    }
}

/// `key`: this workspace's public signing key, to compare by phone with the college.
pub fn show_key(ws: &Workspace, out: &mut dyn Write) -> Result<(), CliError> {
    let key = ws.public_key()?;
    write_out(out, &format!("This workspace's signing key: {} (read these digits out to compare).", key.short()))?;
    write_out(out, &key.to_base64())
}
