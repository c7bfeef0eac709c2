//! `check` and `backup`: looking after the workspace file.

use super::{CliError, refuse, write_out};
use crate::workspace::Workspace;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// `backup --out FILE`
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `check`: says whether the workspace is healthy; fails listing what is damaged.
pub fn check(ws: &Workspace, out: &mut dyn Write) -> Result<(), CliError> {
    let problems = ws.check()?;
    if problems.is_empty() {
        return write_out(out, &format!("The workspace is healthy. ({})", ws.path().display()));
    }
    for p in &problems {
        write_out(out, &p.0)?;
    }
    refuse(format!(
        "The check found {} problem{}: restore a backup, or keep this file and ask for help. ({})",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        ws.path().display()
    ))
}

impl BackupArgs {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let backed_up = ws.backup(&self.out)?;
        write_out(out, &backed_up.to_string())?;
        write_out(out, &self.out.display().to_string())
    }
}
