//! `lero-evidence`: opens the window, or runs one headless command.

use clap::Parser;
use lero_evidence::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let parsed = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { cli::EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(command) = &parsed.command {
        return cli::run(&parsed, command);
    }
    let path = if parsed.demo { None } else { cli::workspace_path(&parsed).ok() };
    let (ws, lock) = match cli::open_locked(&parsed, true) {
        Ok((ws, lock)) => (Ok(ws), lock),
        Err(e) => (Err(e.to_string()), None),
    };
    match lero_evidence::ui::run(ws, path, lock, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lero-evidence: {e}");
            ExitCode::from(cli::EXIT_FAILED)
        }
    }
}
